(module
  (type $s (;0;) (struct (field $a (mut i32)) (field $b i8) (field $c (mut i16))))
  (type $a (;1;) (array (mut i32)))
  (type $p (;2;) (array (mut i8)))
  (type $r (;3;) (array (mut funcref)))
  (type $t (;4;) (sub (struct)))
  (type $u (;5;) (sub $t (struct (field i32))))
  (type (;6;) (func (param (ref null $s) (ref null $p) anyref) (result i32)))
  (type (;7;) (func (param (ref null $r))))
  (global $g (;0;) (ref $s) i32.const 1 i32.const 2 i32.const 3 struct.new $s)
  (global (;1;) (ref $a) i32.const 1 i32.const 2 array.new_fixed $a 2)
  (global (;2;) (ref i31) i32.const 5 ref.i31)
  (global (;3;) anyref ref.null extern any.convert_extern)
  (global (;4;) externref ref.null any extern.convert_any)
  (global (;5;) (ref $a) i32.const 0 i32.const 3 array.new $a)
  (global (;6;) (ref $a) i32.const 3 array.new_default $a)
  (global (;7;) (ref $s) struct.new_default $s)
  (elem $e (;0;) func $f)
  (func $f (;0;) (type 6) (param $x (ref null $s)) (param $y (ref null $p)) (param $any anyref) (result i32)
    i32.const 1
    i32.const 2
    i32.const 3
    struct.new $s
    drop
    struct.new_default $s
    drop
    local.get $x
    struct.get $s $a
    drop
    local.get $x
    struct.get_s $s $b
    drop
    local.get $x
    struct.get_u $s $c
    drop
    local.get $x
    i32.const 7
    struct.set $s $a
    i32.const 0
    i32.const 10
    array.new $a
    drop
    i32.const 10
    array.new_default $p
    drop
    i32.const 1
    i32.const 2
    i32.const 3
    array.new_fixed $a 3
    drop
    i32.const 0
    i32.const 4
    array.new_data $p $d
    drop
    i32.const 0
    i32.const 1
    array.new_elem $r $e
    drop
    local.get $y
    i32.const 0
    array.get_s $p
    drop
    local.get $y
    i32.const 0
    array.get_u $p
    drop
    local.get $y
    i32.const 0
    i32.const 9
    array.set $p
    local.get $y
    array.len
    drop
    local.get $y
    i32.const 0
    i32.const 1
    i32.const 2
    array.fill $p
    local.get $y
    i32.const 0
    local.get $y
    i32.const 1
    i32.const 2
    array.copy $p $p
    local.get $y
    i32.const 0
    i32.const 0
    i32.const 1
    array.init_data $p $d
    local.get $any
    ref.test (ref $t)
    drop
    local.get $any
    ref.test (ref null $u)
    drop
    local.get $any
    ref.test i31ref
    drop
    local.get $any
    ref.cast (ref $t)
    drop
    local.get $any
    ref.cast (ref null $u)
    drop
    local.get $any
    ref.cast structref
    drop
    block (result anyref) ;; label = @1
      local.get $any
      br_on_cast 0 (;@1;) anyref (ref $t)
    end
    drop
    block (result anyref) ;; label = @1
      local.get $any
      br_on_cast_fail 0 (;@1;) anyref (ref null $u)
    end
    drop
    local.get $any
    extern.convert_any
    drop
    ref.null extern
    any.convert_extern
    drop
    i32.const 1
    ref.i31
    i31.get_s
    drop
    i32.const 1
    ref.i31
    i31.get_u
    drop
    ref.null eq
    i32.const 0
    ref.i31
    ref.eq
    drop
    i32.const 1
    array.new_default $a
    i32.const 0
    array.get $a
    drop
    i32.const 0
  )
  (func (;1;) (type 7) (param $r (ref null $r))
    local.get $r
    i32.const 0
    i32.const 0
    i32.const 1
    array.init_elem $r $e
  )
  (data $d (;0;) "\01\02\03\04")
)
