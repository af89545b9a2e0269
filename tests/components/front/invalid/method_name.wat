(component
  (import "[method]r.m" (func))
)
