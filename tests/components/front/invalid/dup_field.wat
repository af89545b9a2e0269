(component
  (type (record (field "a" u32) (field "a" u64)))
)
