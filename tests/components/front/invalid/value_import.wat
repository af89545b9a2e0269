(component
  (import "v" (value u32))
)
