;; features: -cm-async
(component
  (core func (canon task.cancel))
)
