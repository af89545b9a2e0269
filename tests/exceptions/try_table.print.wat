(module
  (type (;0;) (func))
  (type (;1;) (func (param i32)))
  (type (;2;) (func (param i32 i64)))
  (type (;3;) (func (param i32) (result i32)))
  (type (;4;) (func (result i32 exnref)))
  (type (;5;) (func (result exnref)))
  (type (;6;) (func (param exnref)))
  (type (;7;) (func (result i32 i64)))
  (tag $e0 (;0;) (type 0))
  (tag $e1 (;1;) (type 1) (param i32))
  (tag $e2 (;2;) (type 2) (param i32 i64))
  (func $catch (;0;) (type 3) (param i32) (result i32)
    block $h (result i32)
      try_table (result i32) (catch $e1 $h) ;; label = @2
        local.get 0
        throw $e1
      end
    end
  )
  (func $catch_all (;1;) (type 0)
    block $none
      try_table (catch_all $none) ;; label = @2
        throw $e0
      end
    end
  )
  (func $catch_ref (;2;) (type 4) (result i32 exnref)
    block $b (type 4) (result i32 exnref)
      try_table (catch_ref $e1 $b) ;; label = @2
        i32.const 1
        throw $e1
      end
      unreachable
    end
  )
  (func $catch_all_ref (;3;) (type 5) (result exnref)
    block $r (result exnref)
      try_table (catch_all_ref $r) ;; label = @2
        throw $e0
      end
      unreachable
    end
  )
  (func $rethrow_ref (;4;) (type 6) (param exnref)
    local.get 0
    throw_ref
  )
  (func $many (;5;) (type 7) (result i32 i64)
    block $c2 (type 7) (result i32 i64)
      block $any
        block $c0
          try_table (type 7) (result i32 i64) (catch $e0 $c0) (catch $e2 $c2) (catch_all $any) ;; label = @4
            i32.const 1
            i64.const 2
          end
          return
        end
        i32.const 3
        i64.const 4
        return
      end
      i32.const 5
      i64.const 6
      return
    end
  )
  (func $params (;6;) (type 0)
    i32.const 7
    try_table (type 3) (param i32) (result i32) ;; label = @1
    end
    drop
  )
  (func $loop_label (;7;) (type 0)
    loop $l
      try_table (catch_all $l) ;; label = @2
        throw $e0
      end
    end
  )
)
