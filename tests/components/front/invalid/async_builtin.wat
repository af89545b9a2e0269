;; features: -cm-async
(component
  (core func (canon waitable-set.new))
)
