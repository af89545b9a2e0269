# Two modules linked by name: one imports what the other exports.
import wasmlite as wasmtime

engine = wasmtime.Engine()
store = wasmtime.Store(engine)
linker = wasmtime.Linker(engine)

# a host function every module may import as ("host", "log")
linker.define_func("host", "log", wasmtime.FuncType([wasmtime.ValType.i32()], []),
                   lambda value: print("log:", value))

# the library: keeps a counter
library = wasmtime.Module(engine, """
(module
  (import "host" "log" (func $log (param i32)))
  (global $count (mut i32) (i32.const 0))
  (func (export "bump") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (call $log (global.get $count))
    (global.get $count)))
""")
linker.define_instance(store, "library", linker.instantiate(store, library))

# the user: imports the library's function
user = wasmtime.Module(engine, """
(module
  (import "library" "bump" (func $bump (result i32)))
  (func (export "run") (result i32)
    (drop (call $bump))
    (drop (call $bump))
    (call $bump)))
""")
run = linker.instantiate(store, user).exports(store)["run"]
print("the counter is now", run(store))
