"""The component model's name rules: labels (kebab case) and the import /
export names built from them (``foo``, ``[method]r.m``, ``wasi:io/streams@0.2.12``,
...), as Explainer.md's "Import and Export Definitions" define them.

``parse_extern_name`` says what a name is, or raises ``ValueError`` with
the reason in wasmparser's words (the validator adds which name and where).
"""
from __future__ import annotations

import re
from ..records import record
from typing import Optional

_WORD = r"(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*)"
_LABEL_RE = re.compile(rf"{_WORD}(?:-{_WORD})*\Z")
_SEMVER_RE = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\Z")
# dependency-style names: ``url=<...>``, ``integrity=<...>``, ``locked-dep=<...>``, ...
_DEP_RE = re.compile(r"(url|relative-url|integrity|locked-dep|unlocked-dep)=<[^<>]*>"
                     r"(?:,integrity=<[^<>]*>)?\Z")


def is_label(s: str) -> bool:
    """Kebab case: words of lowercase letters and digits, or uppercase
    letters and digits, each starting with a letter, joined by ``-``."""
    return bool(_LABEL_RE.match(s))


def label_key(s: str) -> str:
    """Labels that differ only in case are the same name."""
    return s.lower()


def check_label(s: str) -> None:
    if not is_label(s):
        raise ValueError(f"`{s}` is not in kebab case")


@record(frozen=True)
class ExternName:
    """What an import/export name is: ``kind`` one of ``label``,
    ``constructor``, ``method``, ``static`` (``resource`` is the resource's
    label, ``label`` the function's), ``interface`` (``wasi:io/streams@0.2.12``)
    or ``dependency`` (``url=<...>`` and kin); ``is_async`` for the
    ``[async ...]`` forms."""
    kind: str
    label: str
    resource: Optional[str] = None
    is_async: bool = False

    @property
    def key(self) -> str:
        """What must be unique among a scope's import (or export) names."""
        return self.full.lower()

    full: str = ""


def parse_extern_name(name: str, is_import: bool) -> ExternName:
    """Classify ``name``; ``ValueError`` if it is no valid name."""
    if name.startswith("["):
        return _annotated(name)
    if ":" in name or "/" in name:
        return _interface(name)
    if "=" in name:
        if is_import and _DEP_RE.match(name):
            return ExternName("dependency", name, full=name)
        raise ValueError(f"`{name}` is not a valid extern name")
    check_label(name)
    return ExternName("label", name, full=name)


def _annotated(name: str) -> ExternName:
    close = name.find("]")
    if close < 0:
        raise ValueError(f"`{name}` is not a valid extern name")
    tag, rest = name[1:close], name[close + 1:]
    is_async = tag.startswith("async")
    if tag in ("async", ""):
        if tag == "":
            raise ValueError(f"`{name}` is not a valid extern name")
        check_label(rest)
        return ExternName("label", rest, is_async=True, full=name)
    base = tag[6:] if is_async and tag.startswith("async ") else tag
    if base == "constructor" and not is_async:
        check_label(rest)
        return ExternName("constructor", rest, rest, full=name)
    if base in ("method", "static"):
        resource, dot, func = rest.partition(".")
        if not dot:
            raise ValueError(f"failed to find `.` character in `{rest}`")
        check_label(resource)
        check_label(func)
        return ExternName(base, func, resource, is_async, full=name)
    raise ValueError(f"unknown annotation `[{tag}]` in `{name}`")


def _interface(name: str) -> ExternName:
    """``ns:pkg/iface@version`` (namespaces and packages labels; nested
    ``:``-separated namespaces and ``/``-separated interfaces accepted)."""
    body, at, version = name.partition("@")
    if at and not _SEMVER_RE.match(version):
        raise ValueError(f"`{version}` is not a valid semver")
    package, slash, path = body.partition("/")
    if not slash:
        raise ValueError(f"`{name}` is not a valid extern name")
    parts = package.split(":")
    if len(parts) < 2:
        raise ValueError(f"expected `:` in `{package}`")
    for p in parts + path.split("/"):
        check_label(p)
    return ExternName("interface", name, full=name)
