;; features: -cm-async
(component
  (import "f" (func $f))
  (core func (canon lower (func $f) async))
)
