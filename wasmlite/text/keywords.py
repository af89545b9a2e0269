"""Which atoms are words of the text format at all.

The reference interpreter's lexer rejects an unknown word as "unknown
operator" and a known word in the wrong place as "unexpected token"; the
spec tests check that distinction, so the parser asks here which one it is.
"""
from __future__ import annotations

from ..syntax.instructions import OP_BY_NAME
from .numbers import FLOAT_RE, parse_nat

# "select_t" is the table's name for the binary form of `select (result t)`;
# it is not a word of the text format.
# ref.test_null / ref.cast_null are the table's names of ref.test / ref.cast
# with a nullable type (the text writes ``ref.test (ref null ht)``)
TEXT_OPS = {name: op for name, op in OP_BY_NAME.items()
            if name not in ("select_t", "ref.test_null", "ref.cast_null")}

GRAMMAR_WORDS = frozenset("""
module type func param result local import export table memory global mut
elem data start offset item declare then else end block loop if
funcref externref i32 i64 f32 f64 v128 extern ref
tag exnref nullexnref exn noexn catch_ref catch_all_ref do
i8x16 i16x8 i32x4 i64x2 f32x4 f64x2
binary quote definition instance register invoke get
assert_return assert_trap assert_exhaustion assert_malformed assert_invalid
assert_unlinkable assert_uninstantiable input output script meta
nan:canonical nan:arithmetic ref.extern ref.host ref.struct ref.array ref.any
rec sub final struct array field i8 i16 any eq i31 none nofunc noextern
anyref eqref i31ref structref arrayref nullref nullfuncref nullexternref null
""".split())


def is_known_word(atom: str) -> bool:
    """True if ``atom`` is a keyword or a number of the text format."""
    if atom in TEXT_OPS or atom in GRAMMAR_WORDS:
        return True
    if atom.startswith(("offset=", "align=")):
        return parse_nat(atom[atom.index("=") + 1:]) is not None
    return FLOAT_RE.fullmatch(atom) is not None
