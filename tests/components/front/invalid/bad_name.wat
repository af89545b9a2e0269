(component
  (import "Not_Kebab" (func))
)
