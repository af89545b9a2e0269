"""Subtyping of resolved component extern types: whether what is given
(an instantiation argument, an exported item) can stand where a type is
expected (the import, the ascribed type).

``mismatch(actual, expected)`` returns None when ``actual`` is a subtype
of ``expected``, else why not, in wasmparser's words (the validator puts
``type mismatch for import `x``` in front). Value types are compared by
equality (the component model has no value subtyping in Wasmtime), a
resource type by identity, instances by their exports (more is fine),
components contravariantly in their imports.
"""
from __future__ import annotations

from typing import Any, Optional

from ..syntax import component_types as ct
from ..syntax.component import Sort
from ..syntax.types import ExternKind, FuncType as CoreFuncType


def extern_sort(t: Any) -> Sort:
    """The sort an item of extern type ``t`` is of."""
    if isinstance(t, ct.FuncType):
        return Sort.FUNC
    if isinstance(t, ct.ComponentInstanceType):
        return Sort.INSTANCE
    if isinstance(t, ct.ComponentType):
        return Sort.COMPONENT
    if isinstance(t, ct.ModuleType):
        return Sort.CORE_MODULE
    return Sort.TYPE         # a value type, ResourceType or TypeItem


def sort_word(s: Sort) -> str:
    return {Sort.FUNC: "func", Sort.INSTANCE: "instance", Sort.COMPONENT: "component",
            Sort.CORE_MODULE: "module", Sort.TYPE: "type", Sort.VALUE: "value"}.get(s, s.text)


def describe(t: Any) -> str:
    """A value type as wasmparser names it in mismatch messages."""
    if isinstance(t, ct._Prim):
        return f"primitive `{t.name}`"
    if isinstance(t, ct.ResourceType):
        return "resource"
    name = type(t).__name__.replace("Type", "").lower()
    return name


def mismatch(actual: Any, expected: Any) -> Optional[str]:
    sa, se = extern_sort(actual), extern_sort(expected)
    if sa is not se:
        return f"expected {sort_word(se)}, found {sort_word(sa)}"
    if se is Sort.FUNC:
        return func_mismatch(actual, expected)
    if se is Sort.INSTANCE:
        return instance_mismatch(actual, expected)
    if se is Sort.COMPONENT:
        return component_mismatch(actual, expected)
    if se is Sort.CORE_MODULE:
        return module_mismatch(actual, expected)
    return type_mismatch(actual, expected)


def type_mismatch(actual: Any, expected: Any) -> Optional[str]:
    if isinstance(expected, ct.ResourceType) or isinstance(actual, ct.ResourceType):
        if actual is expected:
            return None
        if isinstance(expected, ct.ResourceType) and isinstance(actual, ct.ResourceType):
            return "resource types are not the same"
        return f"expected {describe(expected)}, found {describe(actual)}"
    return value_mismatch(actual, expected)


def value_mismatch(actual: Any, expected: Any) -> Optional[str]:
    if actual == expected:
        return None
    if type(actual) is type(expected) and isinstance(actual, (ct.OwnType, ct.BorrowType)):
        return "resource types are not the same"
    if type(actual) is type(expected):
        return f"expected {describe(expected)} types to match"
    return f"expected {describe(expected)} found {describe(actual)}"


def func_mismatch(actual: ct.FuncType, expected: ct.FuncType) -> Optional[str]:
    if len(actual.params) != len(expected.params):
        return (f"expected {len(expected.params)} parameters, found"
                f" {len(actual.params)}")
    for (an, at), (en, et) in zip(actual.params, expected.params):
        if an != en:
            return f"expected parameter named `{en}`, found `{an}`"
        why = value_mismatch(at, et)
        if why:
            return f"type mismatch in function parameter `{en}`\n{why}"
    if (actual.result is None) != (expected.result is None):
        return "expected a result, found none" if expected.result is not None else \
            "expected no result, found one"
    if expected.result is not None:
        why = value_mismatch(actual.result, expected.result)
        if why:
            return f"type mismatch with result type\n{why}"
    return None


def instance_mismatch(actual: ct.ComponentInstanceType,
                      expected: ct.ComponentInstanceType) -> Optional[str]:
    return _items_mismatch(actual.export_list, expected.export_list, "export", "instance export")


def component_mismatch(actual: ct.ComponentType, expected: ct.ComponentType) -> Optional[str]:
    # imports are contravariant: what the expected type would give must do
    # for every import the actual component needs
    return (_items_mismatch(expected.import_list, actual.import_list, "import", "import")
            or _items_mismatch(actual.export_list, expected.export_list, "export", "export"))


def _items_mismatch(have_list: tuple, want_list: tuple, item: str,
                    where: str) -> Optional[str]:
    """Why the named items ``have_list`` do not provide each of
    ``want_list`` (the first missing or mismatched one, in ``want_list``'s
    order), in wasmparser's words; None if they do."""
    have = dict(have_list)
    for name, want in want_list:
        if name not in have:
            return f"missing expected {item} `{name}`"
        why = mismatch(have[name], want)
        if why:
            return f"type mismatch in {where} `{name}`\n{why}"
    return None


def module_mismatch(actual: ct.ModuleType, expected: ct.ModuleType) -> Optional[str]:
    given = {(m, n): (k, t) for m, n, k, t in expected.import_list}
    for m, n, k, t in actual.import_list:
        if (m, n) not in given:
            return f"missing expected import `{m}::{n}`"
        why = core_mismatch(given[(m, n)], (k, t))
        if why:
            return f"type mismatch in import `{m}::{n}`\n{why}"
    have = {n: (k, t) for n, k, t in actual.export_list}
    for n, k, t in expected.export_list:
        if n not in have:
            return f"missing expected export `{n}`"
        why = core_mismatch(have[n], (k, t))
        if why:
            return f"type mismatch in export `{n}`\n{why}"
    return None


_KIND_WORD = {ExternKind.FUNC: "func", ExternKind.TABLE: "table", ExternKind.MEMORY: "memory",
              ExternKind.GLOBAL: "global", ExternKind.TAG: "tag"}


def core_mismatch(actual: tuple, expected: tuple) -> Optional[str]:
    """Core extern types, each (ExternKind, type)."""
    ak, at = actual
    ek, et = expected
    if ak != ek:
        return f"expected {_KIND_WORD[ek]}, found {_KIND_WORD[ak]}"
    if ek in (ExternKind.FUNC, ExternKind.TAG):
        if at != et:
            return f"expected: {_core_func(et)}\nfound:    {_core_func(at)}"
        return None
    if ek == ExternKind.GLOBAL:
        if at != et:
            return "global types incompatible"
        return None
    if ek == ExternKind.TABLE:
        if at.elem != et.elem or at.is64 != et.is64:
            return "table types incompatible"
        return _limits_mismatch(at.limits, et.limits, "table")
    if at.is64 != et.is64 or at.shared != et.shared or \
            getattr(at, "page_size_log2", 16) != getattr(et, "page_size_log2", 16):
        return "memory types incompatible"
    return _limits_mismatch(at.limits, et.limits, "memory")


def _limits_mismatch(a, e, what: str) -> Optional[str]:
    if a.min < e.min:
        return f"{what} types incompatible: expected {what} of at least {e.min}, found {a.min}"
    if e.max is not None and (a.max is None or a.max > e.max):
        return f"{what} types incompatible: expected {what} of at most {e.max}"
    return None


def _core_func(t: CoreFuncType) -> str:
    out = "(func"
    if t.params:
        out += " (param " + " ".join(map(str, t.params)) + ")"
    if t.results:
        out += " (result " + " ".join(map(str, t.results)) + ")"
    return out + ")"

