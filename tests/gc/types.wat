;; GC types: rec groups, sub / sub final, structs, arrays, packed fields,
;; the abstract heap types and their shorthands
(module
  (type $point (struct (field $x i32) (field $y (mut f64))))
  (type $bytes (array (mut i8)))
  (type $shorts (array i16))
  (rec
    (type $node (sub (struct (field $next (ref null $node)) (field $val i32))))
    (type $leaf (sub final $node (struct (field (ref null $node)) (field i32) (field i64))))
    (type $visit (func (param (ref $node)) (result i32))))
  (rec)
  (rec (type $solo (func)))
  (type $base (sub (func (param (ref $point)) (result anyref))))
  (type $derived (sub $base (func (param (ref null struct)) (result (ref eq)))))
  (type $refs (struct
    (field anyref) (field eqref) (field i31ref) (field structref) (field arrayref)
    (field nullref) (field (ref any)) (field (ref none)) (field (mut (ref null $bytes)))
    (field funcref) (field nullfuncref) (field externref) (field nullexternref)))
  (func (export "f") (type $visit) (i32.const 0))
  (global (ref null $point) (ref.null $point))
)
