;; 33 flags: the component model allows at most 32, so validation refuses
;; this component (wasm-tools validate: "cannot have more than 32 flags").
(component
  (type $f (flags "b0" "b1" "b2" "b3" "b4" "b5" "b6" "b7" "b8" "b9" "b10" "b11" "b12" "b13" "b14" "b15" "b16" "b17" "b18" "b19" "b20" "b21" "b22" "b23" "b24" "b25" "b26" "b27" "b28" "b29" "b30" "b31" "b32"))
  (export "f" (type $f))
)
