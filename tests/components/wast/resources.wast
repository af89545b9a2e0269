;; Resources: made and dropped inside a component, across two components
;; (the user's drop runs the defining component's destructor), and the
;; host's resource type (Wasmtime's wast host: `host` `resource1`).

;; $R on its own: its exports make, lend and count resources
(component $R
  (core module $state
    (global $drops (export "drops") (mut i32) (i32.const 0))
    (global $last (export "last") (mut i32) (i32.const 0))
    (func (export "dtor") (param i32)
      global.get $drops
      i32.const 1
      i32.add
      global.set $drops
      local.get 0
      global.set $last))
  (core instance $s (instantiate $state))
  (type $r (resource (rep i32) (dtor (func $s "dtor"))))
  (core func $new (canon resource.new $r))
  (core func $rep (canon resource.rep $r))
  (core func $drop (canon resource.drop $r))
  (core module $impl
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "s" "drops" (global $drops (mut i32)))
    (import "s" "last" (global $last (mut i32)))
    (func (export "ctor") (param i32) (result i32) local.get 0 call $new)
    ;; a borrow of its own type reaches the defining component as the rep
    (func (export "get") (param i32) (result i32) local.get 0)
    (func (export "drops") (result i32) global.get $drops)
    (func (export "last") (result i32) global.get $last)
    ;; n resources made, their reps checked, all dropped: the drop count
    (func (export "make-drop") (param $n i32) (result i32)
      (local $i i32) (local $h i32)
      block $done
        loop $next
          local.get $i
          local.get $n
          i32.ge_u
          br_if $done
          local.get $i
          i32.const 100
          i32.add
          call $new
          local.tee $h
          call $rep
          local.get $i
          i32.const 100
          i32.add
          i32.ne
          if unreachable end
          local.get $h
          call $drop
          local.get $i
          i32.const 1
          i32.add
          local.set $i
          br $next
        end
      end
      global.get $drops)
    (func (export "drop-twice")
      (local $h i32)
      i32.const 7
      call $new
      local.tee $h
      call $drop
      local.get $h
      call $drop))
  (core instance $i (instantiate $impl
    (with "" (instance
      (export "new" (func $new))
      (export "rep" (func $rep))
      (export "drop" (func $drop))))
    (with "s" (instance $s))))
  (export $r-e "r" (type $r))
  (func (export "[constructor]r") (param "x" u32) (result (own $r-e))
    (canon lift (core func $i "ctor")))
  (func (export "[method]r.get") (param "self" (borrow $r-e)) (result u32)
    (canon lift (core func $i "get")))
  (func (export "[static]r.drops") (result u32) (canon lift (core func $i "drops")))
  (func (export "[static]r.last") (result u32) (canon lift (core func $i "last")))
  (func (export "make-drop") (param "n" u32) (result u32)
    (canon lift (core func $i "make-drop")))
  (func (export "drop-twice") (canon lift (core func $i "drop-twice"))))

(assert_return (invoke "[static]r.drops") (u32.const 0))
(assert_return (invoke "make-drop" (u32.const 3)) (u32.const 3))
(assert_return (invoke "[static]r.last") (u32.const 102))
(assert_return (invoke "make-drop" (u32.const 2)) (u32.const 5))
;; a resource handed to the host: the call returns it, nothing drops it
(invoke "[constructor]r" (u32.const 9))
(assert_return (invoke "[static]r.drops") (u32.const 5))
(assert_trap (invoke "drop-twice") "unknown handle index")

;; two components: $user holds handles of $R's type in its own table
(component
  (component $R
    (core module $state
      (global $drops (export "drops") (mut i32) (i32.const 0))
      (func (export "dtor") (param i32)
        global.get $drops
        i32.const 1
        i32.add
        global.set $drops))
    (core instance $s (instantiate $state))
    (type $r (resource (rep i32) (dtor (func $s "dtor"))))
    (core func $new (canon resource.new $r))
    (core module $impl
      (import "" "new" (func $new (param i32) (result i32)))
      (import "s" "drops" (global $drops (mut i32)))
      (func (export "ctor") (param i32) (result i32) local.get 0 call $new)
      (func (export "get") (param i32) (result i32) local.get 0)
      (func (export "drops") (result i32) global.get $drops))
    (core instance $i (instantiate $impl
      (with "" (instance (export "new" (func $new))))
      (with "s" (instance $s))))
    (export $r-e "r" (type $r))
    (func (export "[constructor]r") (param "x" u32) (result (own $r-e))
      (canon lift (core func $i "ctor")))
    (func (export "[method]r.get") (param "self" (borrow $r-e)) (result u32)
      (canon lift (core func $i "get")))
    (func (export "[static]r.drops") (result u32) (canon lift (core func $i "drops"))))
  (instance $ri (instantiate $R))
  (alias export $ri "r" (type $r))
  (alias export $ri "[constructor]r" (func $ctor))
  (alias export $ri "[method]r.get" (func $get))
  (alias export $ri "[static]r.drops" (func $drops))
  (core func $ctor-l (canon lower (func $ctor)))
  (core func $get-l (canon lower (func $get)))
  (core func $drops-l (canon lower (func $drops)))
  (core func $drop-r (canon resource.drop $r))
  (core module $user
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (import "" "get" (func $get (param i32) (result i32)))
    (import "" "drops" (func $drops (result i32)))
    (import "" "drop" (func $drop (param i32)))
    ;; make one, read it through a borrow, drop it: drops * 1000 + value
    (func (export "roundtrip") (param i32) (result i32)
      (local $h i32) (local $v i32)
      local.get 0
      call $ctor
      local.set $h
      local.get $h
      call $get
      local.set $v
      local.get $h
      call $drop
      call $drops
      i32.const 1000
      i32.mul
      local.get $v
      i32.add)
    ;; make one and keep it: the drop count stays
    (func (export "keep") (param i32) (result i32)
      local.get 0
      call $ctor
      drop
      call $drops)
    (func (export "drop-twice")
      (local $h i32)
      i32.const 1
      call $ctor
      local.tee $h
      call $drop
      local.get $h
      call $drop))
  (core instance $u (instantiate $user
    (with "" (instance
      (export "ctor" (func $ctor-l))
      (export "get" (func $get-l))
      (export "drops" (func $drops-l))
      (export "drop" (func $drop-r))))))
  (func (export "roundtrip") (param "x" u32) (result u32)
    (canon lift (core func $u "roundtrip")))
  (func (export "keep") (param "x" u32) (result u32) (canon lift (core func $u "keep")))
  (func (export "drop-twice") (canon lift (core func $u "drop-twice"))))

(assert_return (invoke "roundtrip" (u32.const 42)) (u32.const 1042))
(assert_return (invoke "roundtrip" (u32.const 7)) (u32.const 2007))
(assert_return (invoke "keep" (u32.const 5)) (u32.const 2))
(assert_trap (invoke "drop-twice") "unknown handle index")
;; an instance that trapped cannot be entered again
(assert_trap (invoke "roundtrip" (u32.const 1)) "cannot enter component instance")

;; the host's resource type: the guest makes one with the host's
;; constructor, lends it to the host, drops it (the host's destructor runs)
(component
  (import "host" (instance $h
    (export "resource1" (type $r (sub resource)))
    (export "[constructor]resource1" (func (param "r" u32) (result (own $r))))
    (export "[static]resource1.drops" (func (result u32)))
    (export "[static]resource1.last-drop" (func (result u32)))
    (export "[method]resource1.simple" (func (param "self" (borrow $r)) (param "rep" u32)))))
  (alias export $h "resource1" (type $r))
  (alias export $h "[constructor]resource1" (func $ctor))
  (alias export $h "[static]resource1.drops" (func $drops))
  (alias export $h "[static]resource1.last-drop" (func $last))
  (alias export $h "[method]resource1.simple" (func $simple))
  (core func $ctor-l (canon lower (func $ctor)))
  (core func $drops-l (canon lower (func $drops)))
  (core func $last-l (canon lower (func $last)))
  (core func $simple-l (canon lower (func $simple)))
  (core func $drop-r (canon resource.drop $r))
  (core module $m
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (import "" "drops" (func $drops (result i32)))
    (import "" "last" (func $last (result i32)))
    (import "" "simple" (func $simple (param i32 i32)))
    (import "" "drop" (func $drop (param i32)))
    (func (export "cycle") (param $rep i32) (result i32)
      (local $h i32)
      local.get $rep
      call $ctor
      local.tee $h
      local.get $rep
      call $simple
      local.get $h
      call $drop
      call $drops
      i32.const 1000
      i32.mul
      call $last
      i32.add))
  (core instance $i (instantiate $m
    (with "" (instance
      (export "ctor" (func $ctor-l))
      (export "drops" (func $drops-l))
      (export "last" (func $last-l))
      (export "simple" (func $simple-l))
      (export "drop" (func $drop-r))))))
  (func (export "cycle") (param "rep" u32) (result u32) (canon lift (core func $i "cycle"))))

(assert_return (invoke "cycle" (u32.const 42)) (u32.const 1042))
(assert_return (invoke "cycle" (u32.const 5)) (u32.const 2005))
