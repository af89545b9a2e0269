(module
  (type (;0;) (func))
  (type (;1;) (func (param i32)))
  (type (;2;) (func (result i32)))
  (tag $e0 (;0;) (type 0))
  (tag $e1 (;1;) (type 1) (param i32))
  (func $handlers (;0;) (type 2) (result i32)
    try (result i32) ;; label = @1
      throw $e0
    catch $e1
    catch $e0
      i32.const 2
    catch_all
      i32.const 3
    end
  )
  (func $rethrow (;1;) (type 0)
    try $l
      throw $e0
    catch $e1
      drop
      rethrow $l
    catch_all
      try ;; label = @2
        nop
      catch_all
        rethrow $l
      end
    end
  )
  (func $delegate (;2;) (type 0)
    try ;; label = @1
      try ;; label = @2
        throw $e0
      delegate 0 (;@1;)
    catch_all
    end
    block $out
      try ;; label = @2
        nop
      delegate 0 (;@1;)
    end
    try ;; label = @1
      nop
    delegate 0
  )
  (func $no_handlers (;3;) (type 0)
    try ;; label = @1
      nop
    end
  )
)
