;; the forms wasm-tools reads with WAST_STRICT_COMPONENT_INDICES=0 (build.sh
;; sets it for legacy_*.wat), which Wasmtime's scripts write
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "f") (param i32) (result i32) local.get 0)
    (func (export "r") (param i32 i32 i32 i32) (result i32) i32.const 0)
    (func (export "p") (param i32))
    (func (export "d") (param i32))
    (table (export "t") 1 funcref))
  (core instance $i (instantiate $m))
  (type $res (resource (rep i32) (dtor (func $i "d"))))
  (func (export "x") (param "a" u32) (result string)
    (canon lift (core func $i "f") (memory $i "mem") (realloc (func $i "r")) (post-return (func $i "p"))))
  (import "g" (func $g (param "s" string)))
  (core func (canon lower (func $g) (memory $i "mem") (realloc (func $i "r"))))
  (alias core export $i "mem" (core memory $mem))
  (core func (canon lower (func $g) (memory $mem)))
  (core func (canon lower (func $g) (memory 0)))
)
