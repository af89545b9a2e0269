;; features: -cm-async
(component
  (core func (canon context.get i32 0))
)
