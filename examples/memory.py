# Reading, writing and growing a wasm memory from Python.
import wasmlite as wasmtime

engine = wasmtime.Engine()
store = wasmtime.Store(engine)
module = wasmtime.Module(engine, """
(module
  (memory (export "memory") 2 3)
  (func (export "size") (result i32) (memory.size))
  (func (export "load") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (data (i32.const 0x1000) "\\01\\02\\03\\04"))
""")
instance = wasmtime.Instance(store, module, [])
exports = instance.exports(store)
memory = exports["memory"]
size, load, store_ = exports["size"], exports["load"], exports["store"]

print("Checking memory...")
assert memory.size(store) == 2
assert memory.data_len(store) == 0x20000
assert size(store) == 2
assert memory.read(store, 0x1000, 0x1004) == bytearray(b"\x01\x02\x03\x04")
assert load(store, 0x1002) == 3
try:
    load(store, 0x20000)
    raise AssertionError("expected a trap")
except wasmtime.Trap as trap:
    print("out of bounds load traps:", trap.message)

print("Mutating memory...")
memory.write(store, b"\x05", 0x1003)
assert load(store, 0x1003) == 5
store_(store, 0x1002, 6)
assert memory.read(store, 0x1002, 0x1003) == bytearray(b"\x06")
buffer = memory.get_buffer_ptr(store)         # a ctypes array over the memory: no copy
buffer[0x1000] = 7
assert load(store, 0x1000) == 7

print("Growing memory...")
assert memory.grow(store, 1) == 2
assert memory.size(store) == 3
try:
    memory.grow(store, 1)
    raise AssertionError("expected an error")
except wasmtime.WasmtimeError as error:
    print("growing past the maximum fails:", error)

print("Creating a stand-alone memory...")
standalone = wasmtime.Memory(store, wasmtime.MemoryType(wasmtime.Limits(5, 5)))
assert standalone.size(store) == 5
print("done")
