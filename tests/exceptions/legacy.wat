;; The legacy proposal, flat: try/catch/catch_all/end, try/delegate, rethrow.
(module
  (tag $e0)
  (tag $e1 (param i32))
  (func $handlers (result i32)
    try (result i32)
      throw $e0
    catch $e1
    catch $e0
      i32.const 2
    catch_all
      i32.const 3
    end)
  (func $rethrow
    try $l
      throw $e0
    catch $e1
      drop
      rethrow $l
    catch_all
      try
        nop
      catch_all
        rethrow 1
      end
    end)
  (func $delegate
    try
      try
        throw $e0
      delegate 0
    catch_all
    end
    block $out
      try
        nop
      delegate $out
    end
    try
      nop
    delegate 0)
  (func $no_handlers
    try
      nop
    end)
)
