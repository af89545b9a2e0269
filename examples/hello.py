# A wasm module calling a Python function it imports.
import wasmlite as wasmtime

store = wasmtime.Store()
module = wasmtime.Module(store.engine, """
(module
  (func $hello (import "" "hello"))
  (func (export "run") (call $hello)))
""")


def say_hello():
    print("Hello from Python!")


hello = wasmtime.Func(store, wasmtime.FuncType([], []), say_hello)
instance = wasmtime.Instance(store, module, [hello])
run = instance.exports(store)["run"]
run(store)
