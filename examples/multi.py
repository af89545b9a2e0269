# Functions with several results, in both directions.
import wasmlite as wasmtime

store = wasmtime.Store()
module = wasmtime.Module(store.engine, """
(module
  (func $f (import "" "f") (param i32 i64) (result i64 i32))
  (func $g (export "g") (param i32 i64) (result i64 i32)
    (call $f (local.get 0) (local.get 1)))
  (func $round_trip_many (export "round_trip_many")
    (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (result i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4
    local.get 5 local.get 6 local.get 7 local.get 8 local.get 9))
""")

i32, i64 = wasmtime.ValType.i32(), wasmtime.ValType.i64()


def callback(a, b):
    print("callback called with", a, b)
    return [b + 1, a + 1]


callback_func = wasmtime.Func(store, wasmtime.FuncType([i32, i64], [i64, i32]), callback)
instance = wasmtime.Instance(store, module, [callback_func])
g = instance.exports(store)["g"]

print("Calling export 'g'...")
results = g(store, 1, 3)
print("> %d %d" % (results[0], results[1]))
assert results == [4, 2]

print("Calling export 'round_trip_many'...")
round_trip_many = instance.exports(store)["round_trip_many"]
results = round_trip_many(store, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
print("> %s" % results)
assert results == list(range(10))
