;; Fails on purpose: a result of the wrong kind (u32, not s32). wasmtime wast stops at the failing check;
;; wasmlite wast reports it and runs the check after it.
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 1024)
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    ;; [{a: 1, b-c: "x"}]: the list at 16, its one record at 32
    (data (i32.const 32) "\01\00\00\00\40\00\00\00\01\00\00\00")
    (data (i32.const 64) "x")
    (func (export "recs") (result i32)
      i32.const 16 i32.const 32 i32.store
      i32.const 20 i32.const 1 i32.store
      i32.const 16))
  (core instance $i (instantiate $m))
  (type $rec' (record (field "a" u32) (field "b-c" string)))
  (export $rec "rec" (type $rec'))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32)
    (canon lift (core func $i "add")))
  (func (export "recs") (result (list $rec))
    (canon lift (core func $i "recs") (memory $i "mem") (realloc (func $i "realloc"))))
  (type $r' (resource (rep i32)))
  (export $r "r" (type $r'))
  (core func $new (canon resource.new $r'))
  (func (export "[constructor]r") (param "x" u32) (result (own $r))
    (canon lift (core func $new))))
(assert_return (invoke "add" (u32.const 2) (u32.const 3)) (u32.const 5))
(assert_return (invoke "recs") (list.const (record.const (field "a" u32.const 1) (field "b-c" str.const "x"))))
(assert_return (invoke "add" (u32.const 2) (u32.const 3)) (s32.const 5))
(assert_return (invoke "add" (u32.const 1) (u32.const 1)) (u32.const 2))
