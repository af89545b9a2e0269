;; imported types name what imports and exports use; re-exports are fine (not
;; of the function: Wasmtime cannot load a component re-exporting an imported
;; function). Inside a nested component: wasmtime-py's component type leaves
;; out root-level value type imports, which wasmlite's lists.
(component
  (component
    (type $r (record (field "a" u8)))
    (import "r" (type $ri (eq $r)))
    (type $v (variant (case "none") (case "some" $ri)))
    (import "v" (type $vi (eq $v)))
    (import "res" (type $res (sub resource)))
    (import "f" (func $f (param "v" $vi) (param "h" (borrow $res)) (result (list $ri))))
    (export "f2" (func $f))
    (export "v2" (type $vi))
    (export "res2" (type $res))
  )
  (import "res" (type $res (sub resource)))
  (import "f" (func (param "h" (borrow $res)) (result (list (tuple u8 string)))))
  (export "res2" (type $res))
)
