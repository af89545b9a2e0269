;; features: -cm-async
(component
  (type (func async))
)
