;; features: -cm-error-context
(component
  (type (result error-context))
)
