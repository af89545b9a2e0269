;; an imported function's tuple holds a record nothing imports
(component
  (type $r (record (field "a" u8)))
  (import "f" (func (result (tuple u32 $r))))
)
