;; try_table with every clause kind, folded and flat, throw and throw_ref.
(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i32 i64))
  (func $catch (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e1 $h)
        (throw $e1 (local.get 0)))))
  (func $catch_all
    (block $none
      (try_table (catch_all $none) (throw $e0))))
  (func $catch_ref (result i32 exnref)
    block $b (result i32 exnref)
      try_table (catch_ref $e1 $b)
        i32.const 1
        throw $e1
      end
      unreachable
    end)
  (func $catch_all_ref (result exnref)
    (block $r (result exnref)
      (try_table (catch_all_ref $r) (throw $e0))
      (unreachable)))
  (func $rethrow_ref (param exnref)
    (throw_ref (local.get 0)))
  (func $many (result i32 i64)
    (block $c2 (result i32 i64)
      (block $any
        (block $c0
          (try_table (result i32 i64)
              (catch $e0 $c0) (catch $e2 $c2) (catch_all $any)
            (i32.const 1) (i64.const 2))
          (return))
        (return (i32.const 3) (i64.const 4)))
      (return (i32.const 5) (i64.const 6))))
  (func $params (type 0)
    i32.const 7
    try_table (param i32) (result i32)
    end
    drop)
  (func $loop_label
    (loop $l
      (try_table (catch_all $l) (throw $e0))))
)
