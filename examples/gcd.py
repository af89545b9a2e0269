# Compute the greatest common divisor in wasm, called from Python.
import wasmlite as wasmtime

store = wasmtime.Store()
module = wasmtime.Module(store.engine, """
(module
  (func $gcd (export "gcd") (param i32 i32) (result i32)
    (local i32)
    block  ;; label = @1
      block  ;; label = @2
        local.get 0
        br_if 0 (;@2;)
        local.get 1
        local.set 2
        br 1 (;@1;)
      end
      loop  ;; label = @2
        local.get 1
        local.get 0
        local.tee 2
        i32.rem_u
        local.set 0
        local.get 2
        local.set 1
        local.get 0
        br_if 0 (;@2;)
      end
    end
    local.get 2))
""")
instance = wasmtime.Instance(store, module, [])
gcd = instance.exports(store)["gcd"]

print("gcd(6, 27) = %d" % gcd(store, 6, 27))
