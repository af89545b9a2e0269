;; features: -cm-async
(component
  (type (future))
)
