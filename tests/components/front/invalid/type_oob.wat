(component
  (type (list 0))
)
