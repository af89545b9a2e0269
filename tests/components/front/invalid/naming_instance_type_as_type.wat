;; an instance type exported as a type: its record's field is not named in it
(component
  (type $it (instance
    (type $a (record (field "x" u8)))
    (type $b (record (field "a" $a)))
    (export "b" (type (eq $b)))
  ))
  (export "it" (type $it))
)
