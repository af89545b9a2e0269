;; features: -cm-async
(component
  (type $s (stream u8))
)
