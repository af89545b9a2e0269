"""A component's resolved import/export types as plain JSON data, the same
for wasmtime-py's ``wasmtime.component`` types and for wasmlite's
``syntax.component_types``: both name their parts alike (``params``,
``result``, ``element``, ``fields``, ``cases``, ``ok``, ``err``, ...).

Resource types are identities, written as numbers in order of first
appearance across the whole dump (two places naming the same resource get
the same number), so the data says which resources are the same without
depending on either implementation's objects.

Used by ``build_expected.py`` (with wasmtime-py, to write
``types.json``) and by tests/test_component_validate.py (with wasmlite).
"""
from __future__ import annotations

from typing import Any, Callable


class Dumper:
    def __init__(self, engine: Any = None) -> None:
        self.engine = engine
        self.resources: list = []

    def resource(self, r: Any) -> int:
        for i, seen in enumerate(self.resources):
            if seen == r:
                return i
        self.resources.append(r)
        return len(self.resources) - 1

    def items(self, d: dict) -> dict:
        return {name: self.item(getattr(x, "ty", x) if _is_extern(x) else x)
                for name, x in d.items()}

    def item(self, t: Any) -> Any:
        name = type(t).__name__
        if name == "FuncType" and hasattr(t, "params"):
            return {"func": {"params": [[n, self.val(v)] for n, v in t.params],
                             "result": None if t.result is None else self.val(t.result)}}
        if name == "ComponentInstanceType":
            return {"instance": self.items(t.exports(self.engine))}
        if name == "ComponentType":
            return {"component": {"imports": self.items(t.imports(self.engine)),
                                  "exports": self.items(t.exports(self.engine))}}
        if name == "ModuleType":
            return {"module": {}}
        if name == "ResourceType":
            return {"resource": self.resource(t)}
        return {"type": self.val(t)}

    def val(self, t: Any) -> Any:
        name = type(t).__name__
        simple: dict[str, Callable[[Any], Any]] = {
            "ListType": lambda t: {"list": self.val(t.element)},
            "RecordType": lambda t: {"record": [[n, self.val(v)] for n, v in t.fields]},
            "TupleType": lambda t: {"tuple": [self.val(v) for v in t.elements]},
            "VariantType": lambda t: {"variant": [[n, None if v is None else self.val(v)]
                                                  for n, v in t.cases]},
            "EnumType": lambda t: {"enum": list(t.names)},
            "FlagsType": lambda t: {"flags": list(t.names)},
            "OptionType": lambda t: {"option": self.val(t.payload)},
            "ResultType": lambda t: {"result": [None if t.ok is None else self.val(t.ok),
                                                None if t.err is None else self.val(t.err)]},
            "OwnType": lambda t: {"own": self.resource(t.ty)},
            "BorrowType": lambda t: {"borrow": self.resource(t.ty)},
        }
        if name in simple:
            return simple[name](t)
        return name.lower()          # a primitive: Bool, U32, String, ...


def _is_extern(x: Any) -> bool:
    return type(x).__name__ == "ComponentExtern"


def dump(imports: dict, exports: dict, engine: Any = None) -> dict:
    d = Dumper(engine)
    return {"imports": d.items(imports), "exports": d.items(exports)}
