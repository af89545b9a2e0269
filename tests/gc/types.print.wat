(module
  (type $point (;0;) (struct (field $x i32) (field $y (mut f64))))
  (type $bytes (;1;) (array (mut i8)))
  (type $shorts (;2;) (array i16))
  (rec
    (type $node (;3;) (sub (struct (field $next (ref null $node)) (field $val i32))))
    (type $leaf (;4;) (sub final $node (struct (field (ref null $node)) (field i32) (field i64))))
    (type $visit (;5;) (func (param (ref $node)) (result i32)))
  )
  (rec)
  (rec
    (type $solo (;6;) (func))
  )
  (type $base (;7;) (sub (func (param (ref $point)) (result anyref))))
  (type $derived (;8;) (sub $base (func (param structref) (result (ref eq)))))
  (type $refs (;9;) (struct (field anyref) (field eqref) (field i31ref) (field structref) (field arrayref) (field nullref) (field (ref any)) (field (ref none)) (field (mut (ref null $bytes))) (field funcref) (field nullfuncref) (field externref) (field nullexternref)))
  (global (;0;) (ref null $point) ref.null $point)
  (export "f" (func 0))
  (func (;0;) (type $visit) (param (ref $node)) (result i32)
    i32.const 0
  )
)
