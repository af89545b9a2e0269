;; a function type exported as a type: its parameter's variant is not named
(component
  (type $v (variant (case "a") (case "b" u8)))
  (type $ft (func (param "v" $v)))
  (export "ft" (type $ft))
)
