(component
  (type (list u8 4))
)
