(component
  (core func (canon error-context.drop))
)
