;; Tags: defined, imported (both forms), exported (both forms), by type use
;; and by inline params; exnref and nullexnref as value types.
(module
  (type $t (func (param i32 i64)))
  (import "m" "t0" (tag $imported (param f32)))
  (tag $inline_import (import "m" "t1") (type $t))
  (tag $e0)
  (tag $e1 (export "e1") (param i32))
  (tag $e2 (type $t))
  (tag $e3 (export "e3a") (export "e3b") (param externref funcref))
  (export "imported" (tag $imported))
  (global $g (mut exnref) (ref.null exn))
  (global $n nullexnref (ref.null noexn))
  (func (param exnref (ref null exn) (ref exn) (ref noexn)) (result (ref null noexn))
    (ref.null noexn))
)
