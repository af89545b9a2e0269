(component
  (type (component (alias outer 5 0 (type))))
)
