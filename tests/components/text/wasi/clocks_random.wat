(component
  (type $ty-wasi:cli/exit@0.2.12 (;0;)
    (instance
      (type (;0;) (result))
      (type (;1;) (func (param "status" 0)))
      (export (;0;) "exit" (func (type 1)))
    )
  )
  (import "wasi:cli/exit@0.2.12" (instance $wasi:cli/exit@0.2.12 (;0;) (type $ty-wasi:cli/exit@0.2.12)))
  (type $ty-wasi:io/error@0.2.12 (;1;)
    (instance
      (export (;0;) "error" (type (sub resource)))
    )
  )
  (import "wasi:io/error@0.2.12" (instance $wasi:io/error@0.2.12 (;1;) (type $ty-wasi:io/error@0.2.12)))
  (type $ty-wasi:io/poll@0.2.12 (;2;)
    (instance
      (export (;0;) "pollable" (type (sub resource)))
      (type (;1;) (borrow 0))
      (type (;2;) (list 1))
      (type (;3;) (list u32))
      (type (;4;) (func (param "in" 2) (result 3)))
      (export (;0;) "poll" (func (type 4)))
    )
  )
  (import "wasi:io/poll@0.2.12" (instance $wasi:io/poll@0.2.12 (;2;) (type $ty-wasi:io/poll@0.2.12)))
  (alias export $wasi:io/error@0.2.12 "error" (type $error (;3;)))
  (alias export $wasi:io/poll@0.2.12 "pollable" (type $pollable (;4;)))
  (type $ty-wasi:io/streams@0.2.12 (;5;)
    (instance
      (alias outer 1 $error (type (;0;)))
      (export (;1;) "error" (type (eq 0)))
      (export (;2;) "output-stream" (type (sub resource)))
      (export (;3;) "input-stream" (type (sub resource)))
      (type (;4;) (own 1))
      (type (;5;) (variant (case "last-operation-failed" 4) (case "closed")))
      (export (;6;) "stream-error" (type (eq 5)))
      (alias outer 1 $pollable (type (;7;)))
      (export (;8;) "pollable" (type (eq 7)))
      (type (;9;) (borrow 3))
      (type (;10;) (own 8))
      (type (;11;) (func (param "self" 9) (result 10)))
      (export (;0;) "[method]input-stream.subscribe" (func (type 11)))
      (type (;12;) (borrow 2))
      (type (;13;) (result u64 (error 6)))
      (type (;14;) (func (param "self" 12) (result 13)))
      (export (;1;) "[method]output-stream.check-write" (func (type 14)))
      (type (;15;) (list u8))
      (type (;16;) (result (error 6)))
      (type (;17;) (func (param "self" 12) (param "contents" 15) (result 16)))
      (export (;2;) "[method]output-stream.write" (func (type 17)))
      (export (;3;) "[method]output-stream.blocking-write-and-flush" (func (type 17)))
      (type (;18;) (func (param "self" 12) (result 16)))
      (export (;4;) "[method]output-stream.blocking-flush" (func (type 18)))
      (type (;19;) (func (param "self" 12) (result 10)))
      (export (;5;) "[method]output-stream.subscribe" (func (type 19)))
    )
  )
  (import "wasi:io/streams@0.2.12" (instance $wasi:io/streams@0.2.12 (;3;) (type $ty-wasi:io/streams@0.2.12)))
  (alias export $wasi:io/streams@0.2.12 "input-stream" (type $input-stream (;6;)))
  (type $ty-wasi:cli/stdin@0.2.12 (;7;)
    (instance
      (alias outer 1 $input-stream (type (;0;)))
      (export (;1;) "input-stream" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (func (result 2)))
      (export (;0;) "get-stdin" (func (type 3)))
    )
  )
  (import "wasi:cli/stdin@0.2.12" (instance $wasi:cli/stdin@0.2.12 (;4;) (type $ty-wasi:cli/stdin@0.2.12)))
  (alias export $wasi:io/streams@0.2.12 "output-stream" (type $output-stream (;8;)))
  (type $ty-wasi:cli/stdout@0.2.12 (;9;)
    (instance
      (alias outer 1 $output-stream (type (;0;)))
      (export (;1;) "output-stream" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (func (result 2)))
      (export (;0;) "get-stdout" (func (type 3)))
    )
  )
  (import "wasi:cli/stdout@0.2.12" (instance $wasi:cli/stdout@0.2.12 (;5;) (type $ty-wasi:cli/stdout@0.2.12)))
  (alias export $wasi:io/streams@0.2.12 "output-stream" (type $"#type10 output-stream" (@name "output-stream") (;10;)))
  (type $ty-wasi:cli/stderr@0.2.12 (;11;)
    (instance
      (alias outer 1 $"#type10 output-stream" (type (;0;)))
      (export (;1;) "output-stream" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (func (result 2)))
      (export (;0;) "get-stderr" (func (type 3)))
    )
  )
  (import "wasi:cli/stderr@0.2.12" (instance $wasi:cli/stderr@0.2.12 (;6;) (type $ty-wasi:cli/stderr@0.2.12)))
  (type $ty-wasi:cli/terminal-input@0.2.12 (;12;)
    (instance
      (export (;0;) "terminal-input" (type (sub resource)))
    )
  )
  (import "wasi:cli/terminal-input@0.2.12" (instance $wasi:cli/terminal-input@0.2.12 (;7;) (type $ty-wasi:cli/terminal-input@0.2.12)))
  (type $ty-wasi:cli/terminal-output@0.2.12 (;13;)
    (instance
      (export (;0;) "terminal-output" (type (sub resource)))
    )
  )
  (import "wasi:cli/terminal-output@0.2.12" (instance $wasi:cli/terminal-output@0.2.12 (;8;) (type $ty-wasi:cli/terminal-output@0.2.12)))
  (alias export $wasi:cli/terminal-input@0.2.12 "terminal-input" (type $terminal-input (;14;)))
  (type $ty-wasi:cli/terminal-stdin@0.2.12 (;15;)
    (instance
      (alias outer 1 $terminal-input (type (;0;)))
      (export (;1;) "terminal-input" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (option 2))
      (type (;4;) (func (result 3)))
      (export (;0;) "get-terminal-stdin" (func (type 4)))
    )
  )
  (import "wasi:cli/terminal-stdin@0.2.12" (instance $wasi:cli/terminal-stdin@0.2.12 (;9;) (type $ty-wasi:cli/terminal-stdin@0.2.12)))
  (alias export $wasi:cli/terminal-output@0.2.12 "terminal-output" (type $terminal-output (;16;)))
  (type $ty-wasi:cli/terminal-stdout@0.2.12 (;17;)
    (instance
      (alias outer 1 $terminal-output (type (;0;)))
      (export (;1;) "terminal-output" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (option 2))
      (type (;4;) (func (result 3)))
      (export (;0;) "get-terminal-stdout" (func (type 4)))
    )
  )
  (import "wasi:cli/terminal-stdout@0.2.12" (instance $wasi:cli/terminal-stdout@0.2.12 (;10;) (type $ty-wasi:cli/terminal-stdout@0.2.12)))
  (alias export $wasi:cli/terminal-output@0.2.12 "terminal-output" (type $"#type18 terminal-output" (@name "terminal-output") (;18;)))
  (type $ty-wasi:cli/terminal-stderr@0.2.12 (;19;)
    (instance
      (alias outer 1 $"#type18 terminal-output" (type (;0;)))
      (export (;1;) "terminal-output" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (option 2))
      (type (;4;) (func (result 3)))
      (export (;0;) "get-terminal-stderr" (func (type 4)))
    )
  )
  (import "wasi:cli/terminal-stderr@0.2.12" (instance $wasi:cli/terminal-stderr@0.2.12 (;11;) (type $ty-wasi:cli/terminal-stderr@0.2.12)))
  (alias export $wasi:io/poll@0.2.12 "pollable" (type $"#type20 pollable" (@name "pollable") (;20;)))
  (type $ty-wasi:clocks/monotonic-clock@0.2.12 (;21;)
    (instance
      (type (;0;) u64)
      (export (;1;) "duration" (type (eq 0)))
      (type (;2;) u64)
      (export (;3;) "instant" (type (eq 2)))
      (alias outer 1 $"#type20 pollable" (type (;4;)))
      (export (;5;) "pollable" (type (eq 4)))
      (type (;6;) (func (result 3)))
      (export (;0;) "now" (func (type 6)))
      (type (;7;) (func (result 1)))
      (export (;1;) "resolution" (func (type 7)))
      (type (;8;) (own 5))
      (type (;9;) (func (param "when" 3) (result 8)))
      (export (;2;) "subscribe-instant" (func (type 9)))
      (type (;10;) (func (param "when" 1) (result 8)))
      (export (;3;) "subscribe-duration" (func (type 10)))
    )
  )
  (import "wasi:clocks/monotonic-clock@0.2.12" (instance $wasi:clocks/monotonic-clock@0.2.12 (;12;) (type $ty-wasi:clocks/monotonic-clock@0.2.12)))
  (type $ty-wasi:clocks/wall-clock@0.2.12 (;22;)
    (instance
      (type (;0;) (record (field "seconds" u64) (field "nanoseconds" u32)))
      (export (;1;) "datetime" (type (eq 0)))
      (type (;2;) (func (result 1)))
      (export (;0;) "now" (func (type 2)))
      (export (;1;) "resolution" (func (type 2)))
    )
  )
  (import "wasi:clocks/wall-clock@0.2.12" (instance $wasi:clocks/wall-clock@0.2.12 (;13;) (type $ty-wasi:clocks/wall-clock@0.2.12)))
  (alias export $wasi:io/streams@0.2.12 "error" (type $"#type23 error" (@name "error") (;23;)))
  (alias export $wasi:io/streams@0.2.12 "output-stream" (type $"#type24 output-stream" (@name "output-stream") (;24;)))
  (alias export $wasi:io/streams@0.2.12 "input-stream" (type $"#type25 input-stream" (@name "input-stream") (;25;)))
  (alias export $wasi:clocks/wall-clock@0.2.12 "datetime" (type $datetime (;26;)))
  (type $ty-wasi:filesystem/types@0.2.12 (;27;)
    (instance
      (alias outer 1 $"#type23 error" (type (;0;)))
      (export (;1;) "error" (type (eq 0)))
      (type (;2;) (enum "access" "would-block" "already" "bad-descriptor" "busy" "deadlock" "quota" "exist" "file-too-large" "illegal-byte-sequence" "in-progress" "interrupted" "invalid" "io" "is-directory" "loop" "too-many-links" "message-size" "name-too-long" "no-device" "no-entry" "no-lock" "insufficient-memory" "insufficient-space" "not-directory" "not-empty" "not-recoverable" "unsupported" "no-tty" "no-such-device" "overflow" "not-permitted" "pipe" "read-only" "invalid-seek" "text-file-busy" "cross-device"))
      (export (;3;) "error-code" (type (eq 2)))
      (export (;4;) "directory-entry-stream" (type (sub resource)))
      (export (;5;) "descriptor" (type (sub resource)))
      (type (;6;) (flags "read" "write" "file-integrity-sync" "data-integrity-sync" "requested-write-sync" "mutate-directory"))
      (export (;7;) "descriptor-flags" (type (eq 6)))
      (type (;8;) (enum "unknown" "block-device" "character-device" "directory" "fifo" "symbolic-link" "regular-file" "socket"))
      (export (;9;) "descriptor-type" (type (eq 8)))
      (alias outer 1 $"#type24 output-stream" (type (;10;)))
      (export (;11;) "output-stream" (type (eq 10)))
      (type (;12;) u64)
      (export (;13;) "filesize" (type (eq 12)))
      (alias outer 1 $"#type25 input-stream" (type (;14;)))
      (export (;15;) "input-stream" (type (eq 14)))
      (type (;16;) u64)
      (export (;17;) "link-count" (type (eq 16)))
      (alias outer 1 $datetime (type (;18;)))
      (export (;19;) "datetime" (type (eq 18)))
      (type (;20;) (option 19))
      (type (;21;) (record (field "type" 9) (field "link-count" 17) (field "size" 13) (field "data-access-timestamp" 20) (field "data-modification-timestamp" 20) (field "status-change-timestamp" 20)))
      (export (;22;) "descriptor-stat" (type (eq 21)))
      (type (;23;) (borrow 5))
      (type (;24;) (own 15))
      (type (;25;) (result 24 (error 3)))
      (type (;26;) (func (param "self" 23) (param "offset" 13) (result 25)))
      (export (;0;) "[method]descriptor.read-via-stream" (func (type 26)))
      (type (;27;) (own 11))
      (type (;28;) (result 27 (error 3)))
      (type (;29;) (func (param "self" 23) (param "offset" 13) (result 28)))
      (export (;1;) "[method]descriptor.write-via-stream" (func (type 29)))
      (type (;30;) (func (param "self" 23) (result 28)))
      (export (;2;) "[method]descriptor.append-via-stream" (func (type 30)))
      (type (;31;) (result 7 (error 3)))
      (type (;32;) (func (param "self" 23) (result 31)))
      (export (;3;) "[method]descriptor.get-flags" (func (type 32)))
      (type (;33;) (result 9 (error 3)))
      (type (;34;) (func (param "self" 23) (result 33)))
      (export (;4;) "[method]descriptor.get-type" (func (type 34)))
      (type (;35;) (result 22 (error 3)))
      (type (;36;) (func (param "self" 23) (result 35)))
      (export (;5;) "[method]descriptor.stat" (func (type 36)))
      (type (;37;) (borrow 1))
      (type (;38;) (option 3))
      (type (;39;) (func (param "err" 37) (result 38)))
      (export (;6;) "filesystem-error-code" (func (type 39)))
    )
  )
  (import "wasi:filesystem/types@0.2.12" (instance $wasi:filesystem/types@0.2.12 (;14;) (type $ty-wasi:filesystem/types@0.2.12)))
  (alias export $wasi:filesystem/types@0.2.12 "descriptor" (type $descriptor (;28;)))
  (type $ty-wasi:filesystem/preopens@0.2.12 (;29;)
    (instance
      (alias outer 1 $descriptor (type (;0;)))
      (export (;1;) "descriptor" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (tuple 2 string))
      (type (;4;) (list 3))
      (type (;5;) (func (result 4)))
      (export (;0;) "get-directories" (func (type 5)))
    )
  )
  (import "wasi:filesystem/preopens@0.2.12" (instance $wasi:filesystem/preopens@0.2.12 (;15;) (type $ty-wasi:filesystem/preopens@0.2.12)))
  (type $ty-wasi:random/random@0.2.12 (;30;)
    (instance
      (type (;0;) (list u8))
      (type (;1;) (func (param "len" u64) (result 0)))
      (export (;0;) "get-random-bytes" (func (type 1)))
    )
  )
  (import "wasi:random/random@0.2.12" (instance $wasi:random/random@0.2.12 (;16;) (type $ty-wasi:random/random@0.2.12)))
  (core module $main (;0;)
    (type (;0;) (func (param i32 i32 i32) (result i32)))
    (type (;1;) (func (param i32 i64 i32) (result i64)))
    (type (;2;) (func (param i32 i32) (result i32)))
    (type (;3;) (func (param i32 i64 i32) (result i32)))
    (type (;4;) (func (param i32) (result i32)))
    (type (;5;) (func (param i32 i64 i32 i32) (result i32)))
    (type (;6;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;7;) (func (param i32)))
    (type (;8;) (func))
    (type (;9;) (func (result i32)))
    (type (;10;) (func (param i32) (result i64)))
    (type (;11;) (func (param i32 i32 i32 i32 i32) (result i32)))
    (type (;12;) (func (param i32 i32 i32)))
    (type (;13;) (func (param i32 i32 i32 i32 i32)))
    (type (;14;) (func (param f64 i32) (result f64)))
    (type (;15;) (func (param i32 i64 i64 i64 i64 i32)))
    (type (;16;) (func (param i32 i64 i64 i64 i64)))
    (type (;17;) (func (param i32 i64 i64 i32)))
    (import "wasi_snapshot_preview1" "clock_res_get" (func (;0;) (type 2) (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "clock_time_get" (func (;1;) (type 3) (param i32 i64 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_close" (func (;2;) (type 4) (param i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_fdstat_get" (func (;3;) (type 2) (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_seek" (func (;4;) (type 5) (param i32 i64 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_write" (func (;5;) (type 6) (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "poll_oneoff" (func (;6;) (type 6) (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func (;7;) (type 7) (param i32)))
    (import "wasi_snapshot_preview1" "random_get" (func (;8;) (type 2) (param i32 i32) (result i32)))
    (table (;0;) 5 5 funcref)
    (memory (;0;) 2)
    (global (;0;) (mut i32) i32.const 70544)
    (export "memory" (memory 0))
    (export "_start" (func 69))
    (elem (;0;) (i32.const 1) func 35 33 37 39)
    (func (;9;) (type 8)
      (local i32)
      block ;; label = @1
        call 10
        local.tee 0
        i32.eqz
        br_if 0 (;@1;)
        local.get 0
        call 30
        unreachable
      end
    )
    (func (;10;) (type 9) (result i32)
      (local i32 i32 i64 i64 i64 i32 i32 i64 i32)
      global.get 0
      i32.const 256
      i32.sub
      local.tee 0
      global.set 0
      i32.const 1456
      local.get 0
      i32.const 160
      i32.add
      call 15
      local.set 1
      local.get 0
      i32.const 1053
      i32.const 1057
      i64.const -1
      local.get 0
      i64.load offset=160
      i64.const 1000000000
      i64.mul
      local.get 0
      i64.load32_s offset=168
      i64.add
      local.get 1
      select
      local.tee 2
      i64.const 1577836800999999999
      i64.gt_s
      select
      i32.store offset=80
      i32.const 1282
      local.get 0
      i32.const 80
      i32.add
      call 31
      drop
      i32.const 1460
      local.get 0
      i32.const 160
      i32.add
      call 15
      local.set 1
      local.get 0
      i64.load32_s offset=168
      local.set 3
      local.get 0
      i64.load offset=160
      local.set 4
      i32.const 0
      local.set 5
      local.get 0
      i32.const 248
      i32.add
      i32.const 0
      i64.load offset=1448
      i64.store
      local.get 0
      i32.const 0
      i64.load offset=1440
      i64.store offset=240
      local.get 0
      i32.const 240
      i32.add
      i32.const 0
      call 13
      drop
      i32.const 1460
      local.get 0
      i32.const 160
      i32.add
      call 15
      local.set 6
      local.get 0
      i32.const 1053
      i32.const 1057
      i64.const -1
      local.get 0
      i64.load offset=160
      i64.const 1000000000
      i64.mul
      local.get 0
      i64.load32_s offset=168
      i64.add
      local.get 6
      select
      local.tee 7
      i64.const -1
      local.get 3
      local.get 4
      i64.const 1000000000
      i64.mul
      i64.add
      local.get 1
      select
      i64.sub
      i64.const 19999999
      i64.gt_s
      select
      i32.store offset=64
      i32.const 1085
      local.get 0
      i32.const 64
      i32.add
      call 31
      drop
      i32.const 5000
      call 11
      drop
      i32.const 1460
      local.get 0
      i32.const 160
      i32.add
      call 15
      local.set 1
      local.get 0
      i32.const 1057
      i32.const 1053
      i64.const -1
      local.get 0
      i64.load offset=160
      i64.const 1000000000
      i64.mul
      local.get 0
      i64.load32_s offset=168
      i64.add
      local.get 1
      select
      local.get 7
      i64.lt_s
      select
      i32.store offset=48
      i32.const 1218
      local.get 0
      i32.const 48
      i32.add
      call 31
      drop
      i32.const 1460
      local.get 0
      i32.const 224
      i32.add
      call 16
      local.set 1
      local.get 0
      i32.const 1057
      i32.const 1053
      i32.const 1057
      local.get 0
      i32.load offset=232
      i32.const 0
      i32.gt_s
      select
      i32.const 1057
      local.get 0
      i64.load offset=224
      i64.eqz
      select
      local.get 1
      select
      i32.store offset=32
      i32.const 1186
      local.get 0
      i32.const 32
      i32.add
      call 31
      drop
      i32.const 0
      local.set 8
      block ;; label = @1
        local.get 0
        i32.const 160
        i32.add
        i32.const 64
        call 17
        br_if 0 (;@1;)
        local.get 0
        i32.const 96
        i32.add
        i32.const 64
        call 17
        i32.eqz
        local.set 8
      end
      i32.const 0
      local.set 6
      loop ;; label = @1
        local.get 5
        local.get 0
        i32.const 160
        i32.add
        local.get 6
        i32.add
        local.tee 1
        i32.load8_u
        i32.eqz
        i32.add
        local.get 1
        i32.const 1
        i32.add
        i32.load8_u
        i32.eqz
        i32.add
        local.get 1
        i32.const 2
        i32.add
        i32.load8_u
        i32.eqz
        i32.add
        local.get 1
        i32.const 3
        i32.add
        i32.load8_u
        i32.eqz
        i32.add
        local.set 5
        local.get 6
        i32.const 4
        i32.add
        local.tee 6
        i32.const 64
        i32.ne
        br_if 0 (;@1;)
      end
      i32.const 1057
      local.set 1
      block ;; label = @1
        local.get 8
        i32.eqz
        br_if 0 (;@1;)
        i32.const 1053
        i32.const 1057
        local.get 0
        i32.const 160
        i32.add
        local.get 0
        i32.const 96
        i32.add
        i32.const 64
        call 53
        select
        local.set 1
      end
      local.get 0
      local.get 1
      i32.store offset=16
      local.get 0
      i32.const 1053
      i32.const 1057
      local.get 5
      i32.const 8
      i32.lt_u
      select
      i32.store offset=20
      i32.const 1135
      local.get 0
      i32.const 16
      i32.add
      call 31
      drop
      local.get 0
      i32.const 1053
      i32.const 1057
      i32.const 0
      call 12
      local.get 2
      i64.const -1000000000
      i64.div_s
      i64.add
      i64.const 5
      i64.lt_s
      select
      i32.store
      i32.const 1249
      local.get 0
      call 31
      drop
      local.get 0
      i32.const 256
      i32.add
      global.set 0
      i32.const 0
    )
    (func (;11;) (type 4) (param i32) (result i32)
      (local i32 i32)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 1
      global.set 0
      local.get 1
      local.get 0
      i32.const 1000000
      i32.div_u
      local.tee 2
      i64.extend_i32_u
      i64.store
      local.get 1
      local.get 0
      local.get 2
      i32.const 1000000
      i32.mul
      i32.sub
      i32.const 1000
      i32.mul
      i32.store offset=8
      i32.const 0
      local.set 0
      block ;; label = @1
        i32.const 1456
        i32.const 0
        local.get 1
        i32.const 0
        call 14
        local.tee 2
        i32.eqz
        br_if 0 (;@1;)
        i32.const 0
        local.get 2
        i32.store offset=3904
        i32.const -1
        local.set 0
      end
      local.get 1
      i32.const 16
      i32.add
      global.set 0
      local.get 0
    )
    (func (;12;) (type 10) (param i32) (result i64)
      (local i32 i64)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 1
      global.set 0
      local.get 1
      i64.const 0
      i64.store offset=8
      i32.const 0
      i64.const 1000000000
      local.get 1
      i32.const 8
      i32.add
      call 19
      drop
      local.get 1
      i64.load offset=8
      i64.const 1000000000
      i64.div_u
      local.set 2
      block ;; label = @1
        local.get 0
        i32.eqz
        br_if 0 (;@1;)
        local.get 0
        local.get 2
        i64.store
      end
      local.get 1
      i32.const 16
      i32.add
      global.set 0
      local.get 2
    )
    (func (;13;) (type 2) (param i32 i32) (result i32)
      (local i32)
      i32.const 0
      local.set 2
      block ;; label = @1
        i32.const 1456
        i32.const 0
        local.get 0
        local.get 1
        call 14
        local.tee 0
        i32.eqz
        br_if 0 (;@1;)
        i32.const 0
        local.get 0
        i32.store offset=3904
        i32.const -1
        local.set 2
      end
      local.get 2
    )
    (func (;14;) (type 6) (param i32 i32 i32 i32) (result i32)
      (local i32 i32 i64 i32 i64 i64 i64)
      global.get 0
      i32.const 112
      i32.sub
      local.tee 4
      global.set 0
      i32.const 28
      local.set 5
      block ;; label = @1
        local.get 1
        i32.const 1
        i32.gt_u
        br_if 0 (;@1;)
        i64.const 0
        local.set 6
        local.get 4
        i32.const 104
        i32.add
        local.tee 5
        i64.const 0
        i64.store
        local.get 4
        i32.const 80
        i32.add
        local.tee 7
        i64.const 0
        i64.store
        local.get 4
        i32.const 96
        i32.add
        i64.const 0
        i64.store
        local.get 4
        i32.const 88
        i32.add
        i64.const 0
        i64.store
        local.get 4
        i32.const 72
        i32.add
        i64.const 0
        i64.store
        local.get 5
        local.get 1
        i32.store16
        local.get 7
        local.get 0
        i32.load
        i32.store
        local.get 4
        i64.const 0
        i64.store offset=64
        i32.const 28
        local.set 5
        local.get 2
        i32.load offset=8
        local.tee 1
        i32.const 999999999
        i32.gt_u
        br_if 0 (;@1;)
        block ;; label = @2
          block ;; label = @3
            local.get 2
            i64.load
            local.tee 8
            i64.const 0
            i64.lt_s
            br_if 0 (;@3;)
            local.get 4
            i32.const 0
            i32.store offset=20
            local.get 4
            local.get 8
            i64.const 0
            i64.const 1000000000
            i64.const 0
            local.get 4
            i32.const 20
            i32.add
            call 64
            i64.const -1
            local.set 6
            i64.const 0
            local.get 4
            i32.const 8
            i32.add
            i64.load
            local.tee 9
            i64.const 1
            i64.and
            local.tee 8
            i64.sub
            local.get 9
            i64.xor
            i64.const 0
            i64.ne
            local.get 4
            i32.load offset=20
            i32.const 0
            i32.ne
            i32.or
            br_if 0 (;@3;)
            local.get 4
            i64.load
            local.tee 10
            local.get 10
            i64.const -512
            i64.and
            i64.xor
            local.get 8
            i64.or
            i64.const 0
            i64.ne
            br_if 0 (;@3;)
            i64.const 0
            local.get 10
            local.get 1
            i64.extend_i32_u
            i64.add
            local.tee 8
            local.get 10
            i64.lt_u
            i64.extend_i32_u
            local.get 9
            i64.const 1
            i64.and
            i64.sub
            local.tee 9
            i64.const 1
            i64.and
            i64.sub
            local.tee 10
            local.get 9
            i64.xor
            i64.const 0
            i64.ne
            br_if 0 (;@3;)
            local.get 10
            i64.const -1
            i64.gt_s
            br_if 1 (;@2;)
          end
          local.get 6
          local.set 8
        end
        local.get 4
        local.get 8
        i64.store offset=88
        i32.const 58
        i32.const 0
        local.get 4
        i32.const 64
        i32.add
        local.get 4
        i32.const 24
        i32.add
        i32.const 1
        local.get 4
        i32.const 60
        i32.add
        call 24
        local.get 4
        i32.load16_u offset=32
        i32.or
        select
        local.set 5
      end
      local.get 4
      i32.const 112
      i32.add
      global.set 0
      local.get 5
    )
    (func (;15;) (type 2) (param i32 i32) (result i32)
      (local i32 i64 i64)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 2
      global.set 0
      block ;; label = @1
        block ;; label = @2
          local.get 0
          i32.load
          i64.const 1
          local.get 2
          i32.const 8
          i32.add
          call 19
          local.tee 0
          i32.eqz
          br_if 0 (;@2;)
          i32.const 0
          local.get 0
          i32.store offset=3904
          i32.const -1
          local.set 0
          br 1 (;@1;)
        end
        local.get 1
        local.get 2
        i64.load offset=8
        local.tee 3
        i64.const 1000000000
        i64.div_u
        local.tee 4
        i64.store
        local.get 1
        local.get 3
        local.get 4
        i64.const 1000000000
        i64.mul
        i64.sub
        i64.store32 offset=8
        i32.const 0
        local.set 0
      end
      local.get 2
      i32.const 16
      i32.add
      global.set 0
      local.get 0
    )
    (func (;16;) (type 2) (param i32 i32) (result i32)
      (local i32 i64 i64)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 2
      global.set 0
      block ;; label = @1
        block ;; label = @2
          local.get 0
          i32.load
          local.get 2
          i32.const 8
          i32.add
          call 18
          local.tee 0
          i32.eqz
          br_if 0 (;@2;)
          i32.const 0
          local.get 0
          i32.store offset=3904
          i32.const -1
          local.set 0
          br 1 (;@1;)
        end
        local.get 1
        local.get 2
        i64.load offset=8
        local.tee 3
        i64.const 1000000000
        i64.div_u
        local.tee 4
        i64.store
        local.get 1
        local.get 3
        local.get 4
        i64.const 1000000000
        i64.mul
        i64.sub
        i64.store32 offset=8
        i32.const 0
        local.set 0
      end
      local.get 2
      i32.const 16
      i32.add
      global.set 0
      local.get 0
    )
    (func (;17;) (type 2) (param i32 i32) (result i32)
      (local i32)
      i32.const 29
      local.set 2
      block ;; label = @1
        local.get 1
        i32.const 256
        i32.gt_u
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        call 26
        local.tee 2
        br_if 0 (;@1;)
        i32.const 0
        return
      end
      i32.const 0
      local.get 2
      i32.store offset=3904
      i32.const -1
    )
    (func (;18;) (type 2) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      call 0
      i32.const 65535
      i32.and
    )
    (func (;19;) (type 3) (param i32 i64 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      call 1
      i32.const 65535
      i32.and
    )
    (func (;20;) (type 4) (param i32) (result i32)
      local.get 0
      call 2
      i32.const 65535
      i32.and
    )
    (func (;21;) (type 2) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      call 3
      i32.const 65535
      i32.and
    )
    (func (;22;) (type 5) (param i32 i64 i32 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      call 4
      i32.const 65535
      i32.and
    )
    (func (;23;) (type 6) (param i32 i32 i32 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      call 5
      i32.const 65535
      i32.and
    )
    (func (;24;) (type 6) (param i32 i32 i32 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      call 6
      i32.const 65535
      i32.and
    )
    (func (;25;) (type 7) (param i32)
      local.get 0
      call 7
      unreachable
    )
    (func (;26;) (type 2) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      call 8
      i32.const 65535
      i32.and
    )
    (func (;27;) (type 7) (param i32)
      local.get 0
      call 25
      unreachable
    )
    (func (;28;) (type 8))
    (func (;29;) (type 8)
      call 28
      call 41
    )
    (func (;30;) (type 7) (param i32)
      call 28
      call 41
      local.get 0
      call 27
      unreachable
    )
    (func (;31;) (type 2) (param i32 i32) (result i32)
      (local i32)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 2
      global.set 0
      local.get 2
      local.get 1
      i32.store offset=12
      i32.const 3664
      local.get 0
      local.get 1
      call 48
      local.set 1
      local.get 2
      i32.const 16
      i32.add
      global.set 0
      local.get 1
    )
    (func (;32;) (type 4) (param i32) (result i32)
      block ;; label = @1
        local.get 0
        call 20
        local.tee 0
        br_if 0 (;@1;)
        i32.const 0
        return
      end
      i32.const 0
      local.get 0
      i32.store offset=3904
      i32.const -1
    )
    (func (;33;) (type 4) (param i32) (result i32)
      local.get 0
      i32.load offset=56
      call 32
    )
    (func (;34;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 3
      global.set 0
      i32.const -1
      local.set 4
      block ;; label = @1
        block ;; label = @2
          local.get 2
          i32.const -1
          i32.gt_s
          br_if 0 (;@2;)
          i32.const 0
          i32.const 28
          i32.store offset=3904
          br 1 (;@1;)
        end
        block ;; label = @2
          local.get 0
          local.get 1
          local.get 2
          local.get 3
          i32.const 12
          i32.add
          call 23
          local.tee 2
          i32.eqz
          br_if 0 (;@2;)
          i32.const 0
          local.get 2
          i32.store offset=3904
          i32.const -1
          local.set 4
          br 1 (;@1;)
        end
        local.get 3
        i32.load offset=12
        local.set 4
      end
      local.get 3
      i32.const 16
      i32.add
      global.set 0
      local.get 4
    )
    (func (;35;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32 i32 i32 i32 i32 i32)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 3
      global.set 0
      local.get 3
      local.get 2
      i32.store offset=12
      local.get 3
      local.get 1
      i32.store offset=8
      local.get 3
      local.get 0
      i32.load offset=24
      local.tee 1
      i32.store
      local.get 3
      local.get 0
      i32.load offset=20
      local.get 1
      i32.sub
      local.tee 1
      i32.store offset=4
      i32.const 2
      local.set 4
      block ;; label = @1
        block ;; label = @2
          local.get 1
          local.get 2
          i32.add
          local.tee 5
          local.get 0
          i32.load offset=56
          local.get 3
          i32.const 2
          call 34
          local.tee 6
          i32.eq
          br_if 0 (;@2;)
          local.get 3
          local.set 1
          loop ;; label = @3
            block ;; label = @4
              local.get 6
              i32.const -1
              i32.gt_s
              br_if 0 (;@4;)
              i32.const 0
              local.set 6
              local.get 0
              i32.const 0
              i32.store offset=24
              local.get 0
              i64.const 0
              i64.store offset=16
              local.get 0
              local.get 0
              i32.load
              i32.const 32
              i32.or
              i32.store
              local.get 4
              i32.const 2
              i32.eq
              br_if 3 (;@1;)
              local.get 2
              local.get 1
              i32.load offset=4
              i32.sub
              local.set 6
              br 3 (;@1;)
            end
            local.get 1
            local.get 6
            local.get 1
            i32.load offset=4
            local.tee 7
            i32.gt_u
            local.tee 8
            i32.const 3
            i32.shl
            i32.add
            local.tee 9
            local.get 9
            i32.load
            local.get 6
            local.get 7
            i32.const 0
            local.get 8
            select
            i32.sub
            local.tee 7
            i32.add
            i32.store
            local.get 1
            i32.const 12
            i32.const 4
            local.get 8
            select
            i32.add
            local.tee 9
            local.get 9
            i32.load
            local.get 7
            i32.sub
            i32.store
            local.get 5
            local.get 6
            i32.sub
            local.tee 5
            local.get 0
            i32.load offset=56
            local.get 1
            i32.const 8
            i32.add
            local.get 1
            local.get 8
            select
            local.tee 1
            local.get 4
            local.get 8
            i32.sub
            local.tee 4
            call 34
            local.tee 6
            i32.ne
            br_if 0 (;@3;)
          end
        end
        local.get 0
        local.get 0
        i32.load offset=40
        local.tee 1
        i32.store offset=24
        local.get 0
        local.get 1
        i32.store offset=20
        local.get 0
        local.get 1
        local.get 0
        i32.load offset=44
        i32.add
        i32.store offset=16
        local.get 2
        local.set 6
      end
      local.get 3
      i32.const 16
      i32.add
      global.set 0
      local.get 6
    )
    (func (;36;) (type 4) (param i32) (result i32)
      (local i32 i32)
      global.get 0
      i32.const 32
      i32.sub
      local.tee 1
      global.set 0
      block ;; label = @1
        block ;; label = @2
          local.get 0
          local.get 1
          i32.const 8
          i32.add
          call 21
          local.tee 0
          br_if 0 (;@2;)
          i32.const 59
          local.set 0
          local.get 1
          i32.load8_u offset=8
          i32.const 2
          i32.ne
          br_if 0 (;@2;)
          local.get 1
          i32.load8_u offset=16
          i32.const 36
          i32.and
          br_if 0 (;@2;)
          i32.const 1
          local.set 2
          br 1 (;@1;)
        end
        i32.const 0
        local.set 2
        i32.const 0
        local.get 0
        i32.store offset=3904
      end
      local.get 1
      i32.const 32
      i32.add
      global.set 0
      local.get 2
    )
    (func (;37;) (type 0) (param i32 i32 i32) (result i32)
      local.get 0
      i32.const 1
      i32.store offset=32
      block ;; label = @1
        local.get 0
        i32.load8_u
        i32.const 64
        i32.and
        br_if 0 (;@1;)
        local.get 0
        i32.load offset=56
        call 36
        br_if 0 (;@1;)
        local.get 0
        i32.const -1
        i32.store offset=64
      end
      local.get 0
      local.get 1
      local.get 2
      call 35
    )
    (func (;38;) (type 1) (param i32 i64 i32) (result i64)
      (local i32)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 3
      global.set 0
      block ;; label = @1
        block ;; label = @2
          local.get 0
          local.get 1
          local.get 2
          i32.const 255
          i32.and
          local.get 3
          i32.const 8
          i32.add
          call 22
          local.tee 0
          i32.eqz
          br_if 0 (;@2;)
          i32.const 0
          i32.const 70
          local.get 0
          local.get 0
          i32.const 76
          i32.eq
          select
          i32.store offset=3904
          i64.const -1
          local.set 1
          br 1 (;@1;)
        end
        local.get 3
        i64.load offset=8
        local.set 1
      end
      local.get 3
      i32.const 16
      i32.add
      global.set 0
      local.get 1
    )
    (func (;39;) (type 1) (param i32 i64 i32) (result i64)
      local.get 0
      i32.load offset=56
      local.get 1
      local.get 2
      call 38
    )
    (func (;40;) (type 9) (result i32)
      i32.const 4952
    )
    (func (;41;) (type 8)
      (local i32 i32 i32)
      block ;; label = @1
        call 40
        i32.load
        local.tee 0
        i32.eqz
        br_if 0 (;@1;)
        loop ;; label = @2
          block ;; label = @3
            local.get 0
            i32.load offset=20
            local.get 0
            i32.load offset=24
            i32.eq
            br_if 0 (;@3;)
            local.get 0
            i32.const 0
            i32.const 0
            local.get 0
            i32.load offset=32
            call_indirect (type 0)
            drop
          end
          block ;; label = @3
            local.get 0
            i32.load offset=4
            local.tee 1
            local.get 0
            i32.load offset=8
            local.tee 2
            i32.eq
            br_if 0 (;@3;)
            local.get 0
            local.get 1
            local.get 2
            i32.sub
            i64.extend_i32_s
            i32.const 1
            local.get 0
            i32.load offset=36
            call_indirect (type 1)
            drop
          end
          local.get 0
          i32.load offset=52
          local.tee 0
          br_if 0 (;@2;)
        end
      end
      block ;; label = @1
        i32.const 0
        i32.load offset=4956
        local.tee 0
        i32.eqz
        br_if 0 (;@1;)
        block ;; label = @2
          local.get 0
          i32.load offset=20
          local.get 0
          i32.load offset=24
          i32.eq
          br_if 0 (;@2;)
          local.get 0
          i32.const 0
          i32.const 0
          local.get 0
          i32.load offset=32
          call_indirect (type 0)
          drop
        end
        local.get 0
        i32.load offset=4
        local.tee 1
        local.get 0
        i32.load offset=8
        local.tee 2
        i32.eq
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        local.get 2
        i32.sub
        i64.extend_i32_s
        i32.const 1
        local.get 0
        i32.load offset=36
        call_indirect (type 1)
        drop
      end
      block ;; label = @1
        i32.const 0
        i32.load offset=3776
        local.tee 0
        i32.eqz
        br_if 0 (;@1;)
        block ;; label = @2
          local.get 0
          i32.load offset=20
          local.get 0
          i32.load offset=24
          i32.eq
          br_if 0 (;@2;)
          local.get 0
          i32.const 0
          i32.const 0
          local.get 0
          i32.load offset=32
          call_indirect (type 0)
          drop
        end
        local.get 0
        i32.load offset=4
        local.tee 1
        local.get 0
        i32.load offset=8
        local.tee 2
        i32.eq
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        local.get 2
        i32.sub
        i64.extend_i32_s
        i32.const 1
        local.get 0
        i32.load offset=36
        call_indirect (type 1)
        drop
      end
      block ;; label = @1
        i32.const 0
        i32.load offset=3896
        local.tee 0
        i32.eqz
        br_if 0 (;@1;)
        block ;; label = @2
          local.get 0
          i32.load offset=20
          local.get 0
          i32.load offset=24
          i32.eq
          br_if 0 (;@2;)
          local.get 0
          i32.const 0
          i32.const 0
          local.get 0
          i32.load offset=32
          call_indirect (type 0)
          drop
        end
        local.get 0
        i32.load offset=4
        local.tee 1
        local.get 0
        i32.load offset=8
        local.tee 2
        i32.eq
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        local.get 2
        i32.sub
        i64.extend_i32_s
        i32.const 1
        local.get 0
        i32.load offset=36
        call_indirect (type 1)
        drop
      end
    )
    (func (;42;) (type 4) (param i32) (result i32)
      (local i32)
      local.get 0
      local.get 0
      i32.load offset=60
      local.tee 1
      i32.const -1
      i32.add
      local.get 1
      i32.or
      i32.store offset=60
      block ;; label = @1
        local.get 0
        i32.load
        local.tee 1
        i32.const 8
        i32.and
        i32.eqz
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        i32.const 32
        i32.or
        i32.store
        i32.const -1
        return
      end
      local.get 0
      i64.const 0
      i64.store offset=4 align=4
      local.get 0
      local.get 0
      i32.load offset=40
      local.tee 1
      i32.store offset=24
      local.get 0
      local.get 1
      i32.store offset=20
      local.get 0
      local.get 1
      local.get 0
      i32.load offset=44
      i32.add
      i32.store offset=16
      i32.const 0
    )
    (func (;43;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32 i32 i32 i32 i32)
      block ;; label = @1
        block ;; label = @2
          local.get 2
          i32.load offset=16
          local.tee 3
          br_if 0 (;@2;)
          i32.const 0
          local.set 4
          local.get 2
          call 42
          br_if 1 (;@1;)
          local.get 2
          i32.load offset=16
          local.set 3
        end
        block ;; label = @2
          local.get 3
          local.get 2
          i32.load offset=20
          local.tee 5
          i32.sub
          local.get 1
          i32.ge_u
          br_if 0 (;@2;)
          local.get 2
          local.get 0
          local.get 1
          local.get 2
          i32.load offset=32
          call_indirect (type 0)
          return
        end
        i32.const 0
        local.set 6
        block ;; label = @2
          block ;; label = @3
            local.get 2
            i32.load offset=64
            i32.const 0
            i32.ge_s
            br_if 0 (;@3;)
            local.get 1
            local.set 3
            br 1 (;@2;)
          end
          i32.const 0
          local.set 6
          local.get 0
          local.set 4
          i32.const 0
          local.set 3
          loop ;; label = @3
            block ;; label = @4
              local.get 1
              local.get 3
              i32.ne
              br_if 0 (;@4;)
              local.get 1
              local.set 3
              br 2 (;@2;)
            end
            local.get 3
            i32.const 1
            i32.add
            local.set 3
            local.get 4
            local.get 1
            i32.add
            local.set 7
            local.get 4
            i32.const -1
            i32.add
            local.tee 8
            local.set 4
            local.get 7
            i32.const -1
            i32.add
            i32.load8_u
            i32.const 10
            i32.ne
            br_if 0 (;@3;)
          end
          local.get 2
          local.get 0
          local.get 1
          local.get 3
          i32.sub
          i32.const 1
          i32.add
          local.tee 6
          local.get 2
          i32.load offset=32
          call_indirect (type 0)
          local.tee 4
          local.get 6
          i32.lt_u
          br_if 1 (;@1;)
          local.get 3
          i32.const -1
          i32.add
          local.set 3
          local.get 8
          local.get 1
          i32.add
          i32.const 1
          i32.add
          local.set 0
          local.get 2
          i32.load offset=20
          local.set 5
        end
        local.get 5
        local.get 0
        local.get 3
        call 54
        drop
        local.get 2
        local.get 2
        i32.load offset=20
        local.get 3
        i32.add
        i32.store offset=20
        local.get 6
        local.get 3
        i32.add
        local.set 4
      end
      local.get 4
    )
    (func (;44;) (type 6) (param i32 i32 i32 i32) (result i32)
      (local i32 i32 i32 i32 i32 i32 i32)
      local.get 2
      local.get 1
      i32.mul
      local.set 4
      block ;; label = @1
        block ;; label = @2
          local.get 3
          i32.load offset=16
          local.tee 5
          br_if 0 (;@2;)
          i32.const 0
          local.set 5
          local.get 3
          call 42
          br_if 1 (;@1;)
          local.get 3
          i32.load offset=16
          local.set 5
        end
        block ;; label = @2
          local.get 5
          local.get 3
          i32.load offset=20
          local.tee 6
          i32.sub
          local.get 4
          i32.ge_u
          br_if 0 (;@2;)
          local.get 3
          local.get 0
          local.get 4
          local.get 3
          i32.load offset=32
          call_indirect (type 0)
          local.set 5
          br 1 (;@1;)
        end
        i32.const 0
        local.set 7
        block ;; label = @2
          block ;; label = @3
            local.get 3
            i32.load offset=64
            i32.const 0
            i32.ge_s
            br_if 0 (;@3;)
            local.get 4
            local.set 5
            br 1 (;@2;)
          end
          local.get 0
          local.get 4
          i32.add
          local.set 8
          i32.const 0
          local.set 7
          i32.const 0
          local.set 5
          loop ;; label = @3
            block ;; label = @4
              local.get 4
              local.get 5
              i32.add
              br_if 0 (;@4;)
              local.get 4
              local.set 5
              br 2 (;@2;)
            end
            local.get 8
            local.get 5
            i32.add
            local.set 9
            local.get 5
            i32.const -1
            i32.add
            local.tee 10
            local.set 5
            local.get 9
            i32.const -1
            i32.add
            i32.load8_u
            i32.const 10
            i32.ne
            br_if 0 (;@3;)
          end
          local.get 3
          local.get 0
          local.get 4
          local.get 10
          i32.add
          i32.const 1
          i32.add
          local.tee 7
          local.get 3
          i32.load offset=32
          call_indirect (type 0)
          local.tee 5
          local.get 7
          i32.lt_u
          br_if 1 (;@1;)
          local.get 10
          i32.const -1
          i32.xor
          local.set 5
          local.get 8
          local.get 10
          i32.add
          i32.const 1
          i32.add
          local.set 0
          local.get 3
          i32.load offset=20
          local.set 6
        end
        local.get 6
        local.get 0
        local.get 5
        call 54
        drop
        local.get 3
        local.get 3
        i32.load offset=20
        local.get 5
        i32.add
        i32.store offset=20
        local.get 7
        local.get 5
        i32.add
        local.set 5
      end
      block ;; label = @1
        local.get 5
        local.get 4
        i32.ne
        br_if 0 (;@1;)
        local.get 2
        i32.const 0
        local.get 1
        select
        return
      end
      local.get 5
      local.get 1
      i32.div_u
    )
    (func (;45;) (type 4) (param i32) (result i32)
      (local i32)
      block ;; label = @1
        i32.const 0
        i32.load offset=4984
        local.tee 1
        br_if 0 (;@1;)
        i32.const 4960
        local.set 1
        i32.const 0
        i32.const 4960
        i32.store offset=4984
      end
      i32.const 0
      local.get 0
      local.get 0
      i32.const 76
      i32.gt_u
      select
      i32.const 1
      i32.shl
      i32.const 3024
      i32.add
      i32.load16_u
      i32.const 1464
      i32.add
      local.get 1
      i32.load offset=20
      call 60
    )
    (func (;46;) (type 2) (param i32 i32) (result i32)
      (local i32)
      local.get 0
      call 56
      local.set 2
      i32.const -1
      i32.const 0
      local.get 2
      local.get 0
      i32.const 1
      local.get 2
      local.get 1
      call 44
      i32.ne
      select
    )
    (func (;47;) (type 8)
      unreachable
      unreachable
    )
    (func (;48;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32 i32)
      global.get 0
      i32.const 208
      i32.sub
      local.tee 3
      global.set 0
      local.get 3
      local.get 2
      i32.store offset=204
      local.get 3
      i32.const 160
      i32.add
      i32.const 32
      i32.add
      i64.const 0
      i64.store
      local.get 3
      i32.const 184
      i32.add
      i64.const 0
      i64.store
      local.get 3
      i32.const 176
      i32.add
      i64.const 0
      i64.store
      local.get 3
      i64.const 0
      i64.store offset=168
      local.get 3
      i64.const 0
      i64.store offset=160
      local.get 3
      local.get 2
      i32.store offset=200
      block ;; label = @1
        block ;; label = @2
          i32.const 0
          local.get 1
          local.get 3
          i32.const 200
          i32.add
          local.get 3
          i32.const 80
          i32.add
          local.get 3
          i32.const 160
          i32.add
          call 49
          i32.const 0
          i32.ge_s
          br_if 0 (;@2;)
          i32.const -1
          local.set 0
          br 1 (;@1;)
        end
        local.get 0
        i32.load
        local.set 4
        block ;; label = @2
          local.get 0
          i32.load offset=60
          i32.const 0
          i32.gt_s
          br_if 0 (;@2;)
          local.get 0
          local.get 4
          i32.const -33
          i32.and
          i32.store
        end
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                local.get 0
                i32.load offset=44
                br_if 0 (;@5;)
                local.get 0
                i32.const 80
                i32.store offset=44
                local.get 0
                i32.const 0
                i32.store offset=24
                local.get 0
                i64.const 0
                i64.store offset=16
                local.get 0
                i32.load offset=40
                local.set 5
                local.get 0
                local.get 3
                i32.store offset=40
                br 1 (;@4;)
              end
              i32.const 0
              local.set 5
              local.get 0
              i32.load offset=16
              br_if 1 (;@3;)
            end
            i32.const -1
            local.set 2
            local.get 0
            call 42
            br_if 1 (;@2;)
          end
          local.get 0
          local.get 1
          local.get 3
          i32.const 200
          i32.add
          local.get 3
          i32.const 80
          i32.add
          local.get 3
          i32.const 160
          i32.add
          call 49
          local.set 2
        end
        local.get 4
        i32.const 32
        i32.and
        local.set 1
        block ;; label = @2
          local.get 5
          i32.eqz
          br_if 0 (;@2;)
          local.get 0
          i32.const 0
          i32.const 0
          local.get 0
          i32.load offset=32
          call_indirect (type 0)
          drop
          local.get 0
          i32.const 0
          i32.store offset=44
          local.get 0
          local.get 5
          i32.store offset=40
          local.get 0
          i32.const 0
          i32.store offset=24
          local.get 0
          i32.load offset=20
          local.set 5
          local.get 0
          i64.const 0
          i64.store offset=16
          local.get 2
          i32.const -1
          local.get 5
          select
          local.set 2
        end
        local.get 0
        local.get 0
        i32.load
        local.tee 5
        local.get 1
        i32.or
        i32.store
        i32.const -1
        local.get 2
        local.get 5
        i32.const 32
        i32.and
        select
        local.set 0
      end
      local.get 3
      i32.const 208
      i32.add
      global.set 0
      local.get 0
    )
    (func (;49;) (type 11) (param i32 i32 i32 i32 i32) (result i32)
      (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i64 i64 f64 i32 i32 i32 i32 i32 i32 f64)
      global.get 0
      i32.const 880
      i32.sub
      local.tee 5
      global.set 0
      local.get 5
      i32.const 68
      i32.add
      i32.const 12
      i32.add
      local.set 6
      local.get 5
      i32.const 55
      i32.add
      local.set 7
      i32.const -2
      local.get 5
      i32.const 80
      i32.add
      i32.sub
      local.set 8
      local.get 5
      i32.const 68
      i32.add
      i32.const 11
      i32.add
      local.set 9
      local.get 5
      i32.const 80
      i32.add
      i32.const 8
      i32.or
      local.set 10
      local.get 5
      i32.const 80
      i32.add
      i32.const 9
      i32.or
      local.set 11
      i32.const -10
      local.get 5
      i32.const 68
      i32.add
      i32.sub
      local.set 12
      local.get 5
      i32.const 68
      i32.add
      i32.const 10
      i32.add
      local.set 13
      local.get 5
      i32.const 404
      i32.add
      local.set 14
      local.get 5
      i32.const 112
      i32.add
      i32.const 4
      i32.or
      local.set 15
      local.get 5
      i32.const 400
      i32.add
      local.set 16
      local.get 5
      i32.const 56
      i32.add
      local.set 17
      i32.const 0
      local.set 18
      i32.const 0
      local.set 19
      i32.const 0
      local.set 20
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            loop ;; label = @4
              local.get 1
              local.set 21
              local.get 20
              i32.const 2147483647
              local.get 19
              i32.sub
              i32.gt_s
              br_if 1 (;@3;)
              local.get 20
              local.get 19
              i32.add
              local.set 19
              block ;; label = @5
                block ;; label = @6
                  block ;; label = @7
                    block ;; label = @8
                      block ;; label = @9
                        local.get 21
                        i32.load8_u
                        local.tee 20
                        i32.eqz
                        br_if 0 (;@9;)
                        local.get 21
                        local.set 1
                        loop ;; label = @10
                          block ;; label = @11
                            block ;; label = @12
                              block ;; label = @13
                                local.get 20
                                i32.const 255
                                i32.and
                                local.tee 20
                                i32.eqz
                                br_if 0 (;@13;)
                                local.get 20
                                i32.const 37
                                i32.ne
                                br_if 2 (;@11;)
                                local.get 1
                                local.set 20
                                loop ;; label = @14
                                  local.get 1
                                  i32.const 1
                                  i32.add
                                  i32.load8_u
                                  i32.const 37
                                  i32.ne
                                  br_if 2 (;@12;)
                                  local.get 20
                                  i32.const 1
                                  i32.add
                                  local.set 20
                                  local.get 1
                                  i32.const 2
                                  i32.add
                                  local.tee 1
                                  i32.load8_u
                                  i32.const 37
                                  i32.eq
                                  br_if 0 (;@14;)
                                  br 2 (;@12;)
                                end
                              end
                              local.get 1
                              local.set 20
                            end
                            local.get 20
                            local.get 21
                            i32.sub
                            local.tee 20
                            i32.const 2147483647
                            local.get 19
                            i32.sub
                            local.tee 22
                            i32.gt_s
                            br_if 8 (;@3;)
                            block ;; label = @12
                              local.get 0
                              i32.eqz
                              br_if 0 (;@12;)
                              local.get 0
                              i32.load8_u
                              i32.const 32
                              i32.and
                              br_if 0 (;@12;)
                              local.get 21
                              local.get 20
                              local.get 0
                              call 43
                              drop
                            end
                            local.get 20
                            br_if 7 (;@4;)
                            local.get 1
                            i32.const 1
                            i32.add
                            local.set 20
                            i32.const -1
                            local.set 23
                            block ;; label = @12
                              local.get 1
                              i32.load8_s offset=1
                              local.tee 24
                              i32.const -48
                              i32.add
                              local.tee 25
                              i32.const 9
                              i32.gt_u
                              br_if 0 (;@12;)
                              local.get 1
                              i32.load8_u offset=2
                              i32.const 36
                              i32.ne
                              br_if 0 (;@12;)
                              local.get 1
                              i32.const 3
                              i32.add
                              local.set 20
                              local.get 1
                              i32.load8_s offset=3
                              local.set 24
                              i32.const 1
                              local.set 18
                              local.get 25
                              local.set 23
                            end
                            i32.const 0
                            local.set 26
                            block ;; label = @12
                              local.get 24
                              i32.const -32
                              i32.add
                              local.tee 1
                              i32.const 31
                              i32.gt_u
                              br_if 0 (;@12;)
                              i32.const 1
                              local.get 1
                              i32.shl
                              local.tee 1
                              i32.const 75913
                              i32.and
                              i32.eqz
                              br_if 0 (;@12;)
                              local.get 20
                              i32.const 1
                              i32.add
                              local.set 25
                              i32.const 0
                              local.set 26
                              loop ;; label = @13
                                local.get 1
                                local.get 26
                                i32.or
                                local.set 26
                                local.get 25
                                local.tee 20
                                i32.load8_s
                                local.tee 24
                                i32.const -32
                                i32.add
                                local.tee 1
                                i32.const 32
                                i32.ge_u
                                br_if 1 (;@12;)
                                local.get 20
                                i32.const 1
                                i32.add
                                local.set 25
                                i32.const 1
                                local.get 1
                                i32.shl
                                local.tee 1
                                i32.const 75913
                                i32.and
                                br_if 0 (;@13;)
                              end
                            end
                            block ;; label = @12
                              local.get 24
                              i32.const 42
                              i32.ne
                              br_if 0 (;@12;)
                              block ;; label = @13
                                block ;; label = @14
                                  local.get 20
                                  i32.load8_s offset=1
                                  i32.const -48
                                  i32.add
                                  local.tee 1
                                  i32.const 9
                                  i32.gt_u
                                  br_if 0 (;@14;)
                                  local.get 20
                                  i32.load8_u offset=2
                                  i32.const 36
                                  i32.ne
                                  br_if 0 (;@14;)
                                  local.get 4
                                  local.get 1
                                  i32.const 2
                                  i32.shl
                                  i32.add
                                  i32.const 10
                                  i32.store
                                  local.get 20
                                  i32.const 3
                                  i32.add
                                  local.set 25
                                  local.get 20
                                  i32.load8_s offset=1
                                  i32.const 3
                                  i32.shl
                                  local.get 3
                                  i32.add
                                  i32.const -384
                                  i32.add
                                  i32.load
                                  local.set 27
                                  i32.const 1
                                  local.set 18
                                  br 1 (;@13;)
                                end
                                local.get 18
                                br_if 6 (;@7;)
                                local.get 20
                                i32.const 1
                                i32.add
                                local.set 25
                                block ;; label = @14
                                  local.get 0
                                  br_if 0 (;@14;)
                                  i32.const 0
                                  local.set 18
                                  i32.const 0
                                  local.set 27
                                  br 6 (;@8;)
                                end
                                local.get 2
                                local.get 2
                                i32.load
                                local.tee 1
                                i32.const 4
                                i32.add
                                i32.store
                                local.get 1
                                i32.load
                                local.set 27
                                i32.const 0
                                local.set 18
                              end
                              local.get 27
                              i32.const -1
                              i32.gt_s
                              br_if 4 (;@8;)
                              i32.const 0
                              local.get 27
                              i32.sub
                              local.set 27
                              local.get 26
                              i32.const 8192
                              i32.or
                              local.set 26
                              br 4 (;@8;)
                            end
                            i32.const 0
                            local.set 27
                            block ;; label = @12
                              local.get 24
                              i32.const -48
                              i32.add
                              local.tee 1
                              i32.const 9
                              i32.le_u
                              br_if 0 (;@12;)
                              local.get 20
                              local.set 25
                              br 4 (;@8;)
                            end
                            i32.const 0
                            local.set 27
                            loop ;; label = @12
                              block ;; label = @13
                                local.get 27
                                i32.const 214748364
                                i32.gt_u
                                br_if 0 (;@13;)
                                i32.const -1
                                local.get 27
                                i32.const 10
                                i32.mul
                                local.tee 25
                                local.get 1
                                i32.add
                                local.get 1
                                i32.const 2147483647
                                local.get 25
                                i32.sub
                                i32.gt_u
                                select
                                local.set 27
                                local.get 20
                                i32.load8_s offset=1
                                local.set 1
                                local.get 20
                                i32.const 1
                                i32.add
                                local.tee 25
                                local.set 20
                                local.get 1
                                i32.const -48
                                i32.add
                                local.tee 1
                                i32.const 10
                                i32.lt_u
                                br_if 1 (;@12;)
                                local.get 27
                                i32.const 0
                                i32.lt_s
                                br_if 10 (;@3;)
                                br 5 (;@8;)
                              end
                              local.get 20
                              i32.load8_s offset=1
                              local.set 1
                              i32.const -1
                              local.set 27
                              local.get 20
                              i32.const 1
                              i32.add
                              local.set 20
                              local.get 1
                              i32.const -48
                              i32.add
                              local.tee 1
                              i32.const 10
                              i32.lt_u
                              br_if 0 (;@12;)
                              br 9 (;@3;)
                            end
                          end
                          local.get 1
                          i32.const 1
                          i32.add
                          local.tee 1
                          i32.load8_u
                          local.set 20
                          br 0 (;@10;)
                        end
                      end
                      local.get 0
                      br_if 7 (;@1;)
                      block ;; label = @9
                        local.get 18
                        br_if 0 (;@9;)
                        i32.const 0
                        local.set 19
                        br 8 (;@1;)
                      end
                      block ;; label = @9
                        block ;; label = @10
                          local.get 4
                          i32.load offset=4
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 1
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 8
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=8
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 2
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 16
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=12
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 3
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 24
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=16
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 4
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 32
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=20
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 5
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 40
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=24
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 6
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 48
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=28
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 7
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 56
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=32
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 8
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 64
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        block ;; label = @10
                          local.get 4
                          i32.load offset=36
                          local.tee 1
                          br_if 0 (;@10;)
                          i32.const 9
                          local.set 1
                          br 1 (;@9;)
                        end
                        local.get 3
                        i32.const 72
                        i32.add
                        local.get 1
                        local.get 2
                        call 50
                        i32.const 1
                        local.set 19
                        br 8 (;@1;)
                      end
                      local.get 1
                      i32.const 2
                      i32.shl
                      local.set 1
                      loop ;; label = @9
                        local.get 4
                        local.get 1
                        i32.add
                        i32.load
                        br_if 2 (;@7;)
                        local.get 1
                        i32.const 4
                        i32.add
                        local.tee 1
                        i32.const 40
                        i32.ne
                        br_if 0 (;@9;)
                      end
                      i32.const 1
                      local.set 19
                      br 7 (;@1;)
                    end
                    i32.const 0
                    local.set 20
                    i32.const -1
                    local.set 24
                    block ;; label = @8
                      block ;; label = @9
                        local.get 25
                        i32.load8_u
                        i32.const 46
                        i32.eq
                        br_if 0 (;@9;)
                        local.get 25
                        local.set 1
                        i32.const 0
                        local.set 28
                        br 1 (;@8;)
                      end
                      block ;; label = @9
                        local.get 25
                        i32.load8_s offset=1
                        local.tee 24
                        i32.const 42
                        i32.ne
                        br_if 0 (;@9;)
                        block ;; label = @10
                          block ;; label = @11
                            local.get 25
                            i32.load8_s offset=2
                            i32.const -48
                            i32.add
                            local.tee 1
                            i32.const 9
                            i32.gt_u
                            br_if 0 (;@11;)
                            local.get 25
                            i32.load8_u offset=3
                            i32.const 36
                            i32.ne
                            br_if 0 (;@11;)
                            local.get 4
                            local.get 1
                            i32.const 2
                            i32.shl
                            i32.add
                            i32.const 10
                            i32.store
                            local.get 25
                            i32.const 4
                            i32.add
                            local.set 1
                            local.get 25
                            i32.load8_s offset=2
                            i32.const 3
                            i32.shl
                            local.get 3
                            i32.add
                            i32.const -384
                            i32.add
                            i32.load
                            local.set 24
                            br 1 (;@10;)
                          end
                          local.get 18
                          br_if 3 (;@7;)
                          local.get 25
                          i32.const 2
                          i32.add
                          local.set 1
                          block ;; label = @11
                            local.get 0
                            br_if 0 (;@11;)
                            i32.const 0
                            local.set 24
                            br 1 (;@10;)
                          end
                          local.get 2
                          local.get 2
                          i32.load
                          local.tee 25
                          i32.const 4
                          i32.add
                          i32.store
                          local.get 25
                          i32.load
                          local.set 24
                        end
                        local.get 24
                        i32.const -1
                        i32.xor
                        i32.const 31
                        i32.shr_u
                        local.set 28
                        br 1 (;@8;)
                      end
                      local.get 25
                      i32.const 1
                      i32.add
                      local.set 1
                      block ;; label = @9
                        local.get 24
                        i32.const -48
                        i32.add
                        local.tee 29
                        i32.const 9
                        i32.le_u
                        br_if 0 (;@9;)
                        i32.const 1
                        local.set 28
                        i32.const 0
                        local.set 24
                        br 1 (;@8;)
                      end
                      i32.const 0
                      local.set 25
                      loop ;; label = @9
                        i32.const -1
                        local.set 24
                        block ;; label = @10
                          local.get 25
                          i32.const 214748364
                          i32.gt_u
                          br_if 0 (;@10;)
                          i32.const -1
                          local.get 25
                          i32.const 10
                          i32.mul
                          local.tee 25
                          local.get 29
                          i32.add
                          local.get 29
                          i32.const 2147483647
                          local.get 25
                          i32.sub
                          i32.gt_u
                          select
                          local.set 24
                        end
                        i32.const 1
                        local.set 28
                        local.get 24
                        local.set 25
                        local.get 1
                        i32.const 1
                        i32.add
                        local.tee 1
                        i32.load8_s
                        i32.const -48
                        i32.add
                        local.tee 29
                        i32.const 10
                        i32.lt_u
                        br_if 0 (;@9;)
                      end
                    end
                    loop ;; label = @8
                      local.get 20
                      local.set 25
                      local.get 1
                      i32.load8_s
                      local.tee 20
                      i32.const -123
                      i32.add
                      i32.const -58
                      i32.lt_u
                      br_if 1 (;@7;)
                      local.get 1
                      i32.const 1
                      i32.add
                      local.set 1
                      local.get 20
                      local.get 25
                      i32.const 58
                      i32.mul
                      i32.add
                      i32.const 3119
                      i32.add
                      i32.load8_u
                      local.tee 20
                      i32.const -1
                      i32.add
                      i32.const 8
                      i32.lt_u
                      br_if 0 (;@8;)
                    end
                    block ;; label = @8
                      block ;; label = @9
                        block ;; label = @10
                          local.get 20
                          i32.const 27
                          i32.eq
                          br_if 0 (;@10;)
                          local.get 20
                          i32.eqz
                          br_if 3 (;@7;)
                          block ;; label = @11
                            local.get 23
                            i32.const 0
                            i32.lt_s
                            br_if 0 (;@11;)
                            local.get 4
                            local.get 23
                            i32.const 2
                            i32.shl
                            i32.add
                            local.get 20
                            i32.store
                            local.get 5
                            local.get 3
                            local.get 23
                            i32.const 3
                            i32.shl
                            i32.add
                            i64.load
                            i64.store offset=56
                            br 2 (;@9;)
                          end
                          block ;; label = @11
                            local.get 0
                            br_if 0 (;@11;)
                            i32.const 0
                            local.set 19
                            br 10 (;@1;)
                          end
                          local.get 5
                          i32.const 56
                          i32.add
                          local.get 20
                          local.get 2
                          call 50
                          br 2 (;@8;)
                        end
                        local.get 23
                        i32.const -1
                        i32.gt_s
                        br_if 2 (;@7;)
                      end
                      i32.const 0
                      local.set 20
                      local.get 0
                      i32.eqz
                      br_if 4 (;@4;)
                    end
                    local.get 26
                    i32.const -65537
                    i32.and
                    local.tee 29
                    local.get 26
                    local.get 26
                    i32.const 8192
                    i32.and
                    select
                    local.set 30
                    block ;; label = @8
                      block ;; label = @9
                        block ;; label = @10
                          block ;; label = @11
                            block ;; label = @12
                              block ;; label = @13
                                block ;; label = @14
                                  block ;; label = @15
                                    block ;; label = @16
                                      block ;; label = @17
                                        block ;; label = @18
                                          block ;; label = @19
                                            block ;; label = @20
                                              block ;; label = @21
                                                block ;; label = @22
                                                  block ;; label = @23
                                                    block ;; label = @24
                                                      block ;; label = @25
                                                        block ;; label = @26
                                                          local.get 1
                                                          i32.const -1
                                                          i32.add
                                                          i32.load8_s
                                                          local.tee 20
                                                          i32.const -33
                                                          i32.and
                                                          local.get 20
                                                          local.get 20
                                                          i32.const 15
                                                          i32.and
                                                          i32.const 3
                                                          i32.eq
                                                          select
                                                          local.get 20
                                                          local.get 25
                                                          select
                                                          local.tee 31
                                                          i32.const -65
                                                          i32.add
                                                          br_table 16 (;@10;) 17 (;@9;) 13 (;@13;) 17 (;@9;) 16 (;@10;) 16 (;@10;) 16 (;@10;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 12 (;@14;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 3 (;@23;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 16 (;@10;) 17 (;@9;) 8 (;@18;) 5 (;@21;) 16 (;@10;) 16 (;@10;) 16 (;@10;) 17 (;@9;) 5 (;@21;) 17 (;@9;) 17 (;@9;) 17 (;@9;) 9 (;@17;) 1 (;@25;) 4 (;@22;) 2 (;@24;) 17 (;@9;) 17 (;@9;) 10 (;@16;) 17 (;@9;) 0 (;@26;) 17 (;@9;) 17 (;@9;) 3 (;@23;) 17 (;@9;)
                                                        end
                                                        i32.const 0
                                                        local.set 23
                                                        i32.const 1024
                                                        local.set 32
                                                        local.get 5
                                                        i64.load offset=56
                                                        local.set 33
                                                        br 5 (;@20;)
                                                      end
                                                      i32.const 0
                                                      local.set 20
                                                      block ;; label = @25
                                                        block ;; label = @26
                                                          block ;; label = @27
                                                            block ;; label = @28
                                                              block ;; label = @29
                                                                block ;; label = @30
                                                                  block ;; label = @31
                                                                    local.get 25
                                                                    i32.const 255
                                                                    i32.and
                                                                    br_table 0 (;@31;) 1 (;@30;) 2 (;@29;) 3 (;@28;) 4 (;@27;) 27 (;@4;) 5 (;@26;) 6 (;@25;) 27 (;@4;)
                                                                  end
                                                                  local.get 5
                                                                  i32.load offset=56
                                                                  local.get 19
                                                                  i32.store
                                                                  br 26 (;@4;)
                                                                end
                                                                local.get 5
                                                                i32.load offset=56
                                                                local.get 19
                                                                i32.store
                                                                br 25 (;@4;)
                                                              end
                                                              local.get 5
                                                              i32.load offset=56
                                                              local.get 19
                                                              i64.extend_i32_s
                                                              i64.store
                                                              br 24 (;@4;)
                                                            end
                                                            local.get 5
                                                            i32.load offset=56
                                                            local.get 19
                                                            i32.store16
                                                            br 23 (;@4;)
                                                          end
                                                          local.get 5
                                                          i32.load offset=56
                                                          local.get 19
                                                          i32.store8
                                                          br 22 (;@4;)
                                                        end
                                                        local.get 5
                                                        i32.load offset=56
                                                        local.get 19
                                                        i32.store
                                                        br 21 (;@4;)
                                                      end
                                                      local.get 5
                                                      i32.load offset=56
                                                      local.get 19
                                                      i64.extend_i32_s
                                                      i64.store
                                                      br 20 (;@4;)
                                                    end
                                                    local.get 24
                                                    i32.const 8
                                                    local.get 24
                                                    i32.const 8
                                                    i32.gt_u
                                                    select
                                                    local.set 24
                                                    local.get 30
                                                    i32.const 8
                                                    i32.or
                                                    local.set 30
                                                    i32.const 120
                                                    local.set 31
                                                  end
                                                  i32.const 0
                                                  local.set 23
                                                  i32.const 1024
                                                  local.set 32
                                                  block ;; label = @23
                                                    local.get 5
                                                    i64.load offset=56
                                                    local.tee 33
                                                    i64.eqz
                                                    i32.eqz
                                                    br_if 0 (;@23;)
                                                    local.get 17
                                                    local.set 21
                                                    br 4 (;@19;)
                                                  end
                                                  local.get 31
                                                  i32.const 32
                                                  i32.and
                                                  local.set 25
                                                  local.get 17
                                                  local.set 21
                                                  loop ;; label = @23
                                                    local.get 21
                                                    i32.const -1
                                                    i32.add
                                                    local.tee 21
                                                    local.get 33
                                                    i32.wrap_i64
                                                    i32.const 15
                                                    i32.and
                                                    i32.const 3648
                                                    i32.add
                                                    i32.load8_u
                                                    local.get 25
                                                    i32.or
                                                    i32.store8
                                                    local.get 33
                                                    i64.const 15
                                                    i64.gt_u
                                                    local.set 20
                                                    local.get 33
                                                    i64.const 4
                                                    i64.shr_u
                                                    local.set 33
                                                    local.get 20
                                                    br_if 0 (;@23;)
                                                  end
                                                  local.get 30
                                                  i32.const 8
                                                  i32.and
                                                  i32.eqz
                                                  br_if 3 (;@19;)
                                                  local.get 31
                                                  i32.const 4
                                                  i32.shr_s
                                                  i32.const 1024
                                                  i32.add
                                                  local.set 32
                                                  i32.const 2
                                                  local.set 23
                                                  br 3 (;@19;)
                                                end
                                                local.get 17
                                                local.set 21
                                                block ;; label = @22
                                                  local.get 5
                                                  i64.load offset=56
                                                  local.tee 33
                                                  i64.eqz
                                                  br_if 0 (;@22;)
                                                  local.get 17
                                                  local.set 21
                                                  loop ;; label = @23
                                                    local.get 21
                                                    i32.const -1
                                                    i32.add
                                                    local.tee 21
                                                    local.get 33
                                                    i32.wrap_i64
                                                    i32.const 7
                                                    i32.and
                                                    i32.const 48
                                                    i32.or
                                                    i32.store8
                                                    local.get 33
                                                    i64.const 7
                                                    i64.gt_u
                                                    local.set 20
                                                    local.get 33
                                                    i64.const 3
                                                    i64.shr_u
                                                    local.set 33
                                                    local.get 20
                                                    br_if 0 (;@23;)
                                                  end
                                                end
                                                i32.const 0
                                                local.set 23
                                                i32.const 1024
                                                local.set 32
                                                local.get 30
                                                i32.const 8
                                                i32.and
                                                i32.eqz
                                                br_if 2 (;@19;)
                                                local.get 24
                                                local.get 17
                                                local.get 21
                                                i32.sub
                                                local.tee 20
                                                i32.const 1
                                                i32.add
                                                local.get 24
                                                local.get 20
                                                i32.gt_s
                                                select
                                                local.set 24
                                                br 2 (;@19;)
                                              end
                                              block ;; label = @21
                                                local.get 5
                                                i64.load offset=56
                                                local.tee 33
                                                i64.const -1
                                                i64.gt_s
                                                br_if 0 (;@21;)
                                                local.get 5
                                                i64.const 0
                                                local.get 33
                                                i64.sub
                                                local.tee 33
                                                i64.store offset=56
                                                i32.const 1
                                                local.set 23
                                                i32.const 1024
                                                local.set 32
                                                br 1 (;@20;)
                                              end
                                              block ;; label = @21
                                                local.get 30
                                                i32.const 2048
                                                i32.and
                                                i32.eqz
                                                br_if 0 (;@21;)
                                                i32.const 1
                                                local.set 23
                                                i32.const 1025
                                                local.set 32
                                                br 1 (;@20;)
                                              end
                                              i32.const 1026
                                              i32.const 1024
                                              local.get 30
                                              i32.const 1
                                              i32.and
                                              local.tee 23
                                              select
                                              local.set 32
                                            end
                                            block ;; label = @20
                                              block ;; label = @21
                                                local.get 33
                                                i64.const 4294967296
                                                i64.ge_u
                                                br_if 0 (;@21;)
                                                local.get 33
                                                local.set 34
                                                local.get 17
                                                local.set 21
                                                br 1 (;@20;)
                                              end
                                              local.get 17
                                              local.set 21
                                              loop ;; label = @21
                                                local.get 21
                                                i32.const -1
                                                i32.add
                                                local.tee 21
                                                local.get 33
                                                local.get 33
                                                i64.const 10
                                                i64.div_u
                                                local.tee 34
                                                i64.const 10
                                                i64.mul
                                                i64.sub
                                                i32.wrap_i64
                                                i32.const 48
                                                i32.or
                                                i32.store8
                                                local.get 33
                                                i64.const 42949672959
                                                i64.gt_u
                                                local.set 20
                                                local.get 34
                                                local.set 33
                                                local.get 20
                                                br_if 0 (;@21;)
                                              end
                                            end
                                            local.get 34
                                            i32.wrap_i64
                                            local.tee 20
                                            i32.eqz
                                            br_if 0 (;@19;)
                                            loop ;; label = @20
                                              local.get 21
                                              i32.const -1
                                              i32.add
                                              local.tee 21
                                              local.get 20
                                              local.get 20
                                              i32.const 10
                                              i32.div_u
                                              local.tee 25
                                              i32.const 10
                                              i32.mul
                                              i32.sub
                                              i32.const 48
                                              i32.or
                                              i32.store8
                                              local.get 20
                                              i32.const 9
                                              i32.gt_u
                                              local.set 26
                                              local.get 25
                                              local.set 20
                                              local.get 26
                                              br_if 0 (;@20;)
                                            end
                                          end
                                          block ;; label = @19
                                            local.get 28
                                            i32.eqz
                                            br_if 0 (;@19;)
                                            local.get 24
                                            i32.const 0
                                            i32.lt_s
                                            br_if 16 (;@3;)
                                          end
                                          local.get 30
                                          i32.const -65537
                                          i32.and
                                          local.get 30
                                          local.get 28
                                          select
                                          local.set 29
                                          block ;; label = @19
                                            local.get 5
                                            i64.load offset=56
                                            local.tee 33
                                            i64.const 0
                                            i64.ne
                                            br_if 0 (;@19;)
                                            i32.const 0
                                            local.set 26
                                            local.get 24
                                            br_if 0 (;@19;)
                                            local.get 17
                                            local.set 21
                                            local.get 17
                                            local.set 20
                                            br 11 (;@8;)
                                          end
                                          local.get 24
                                          local.get 17
                                          local.get 21
                                          i32.sub
                                          local.get 33
                                          i64.eqz
                                          i32.add
                                          local.tee 20
                                          local.get 24
                                          local.get 20
                                          i32.gt_s
                                          select
                                          local.set 26
                                          local.get 17
                                          local.set 20
                                          br 10 (;@8;)
                                        end
                                        local.get 5
                                        local.get 5
                                        i64.load offset=56
                                        i64.store8 offset=55
                                        i32.const 0
                                        local.set 23
                                        i32.const 1024
                                        local.set 32
                                        i32.const 1
                                        local.set 26
                                        local.get 7
                                        local.set 21
                                        local.get 17
                                        local.set 20
                                        br 9 (;@8;)
                                      end
                                      i32.const 0
                                      i32.load offset=3904
                                      call 45
                                      local.set 21
                                      br 1 (;@15;)
                                    end
                                    local.get 5
                                    i32.load offset=56
                                    local.tee 20
                                    i32.const 1078
                                    local.get 20
                                    select
                                    local.set 21
                                  end
                                  i32.const 0
                                  local.set 23
                                  local.get 21
                                  local.get 21
                                  i32.const 2147483647
                                  local.get 24
                                  local.get 24
                                  i32.const 0
                                  i32.lt_s
                                  select
                                  call 58
                                  local.tee 26
                                  i32.add
                                  local.set 20
                                  i32.const 1024
                                  local.set 32
                                  local.get 24
                                  i32.const -1
                                  i32.gt_s
                                  br_if 6 (;@8;)
                                  local.get 20
                                  i32.load8_u
                                  i32.eqz
                                  br_if 6 (;@8;)
                                  br 11 (;@3;)
                                end
                                local.get 5
                                i32.load offset=56
                                local.set 25
                                local.get 24
                                br_if 1 (;@12;)
                                i32.const 0
                                local.set 20
                                br 2 (;@11;)
                              end
                              local.get 5
                              i32.const 0
                              i32.store offset=12
                              local.get 5
                              local.get 5
                              i64.load offset=56
                              i64.store32 offset=8
                              local.get 5
                              local.get 5
                              i32.const 8
                              i32.add
                              i32.store offset=56
                              i32.const -1
                              local.set 24
                              local.get 5
                              i32.const 8
                              i32.add
                              local.set 25
                            end
                            i32.const 0
                            local.set 20
                            local.get 25
                            local.set 21
                            block ;; label = @12
                              loop ;; label = @13
                                local.get 21
                                i32.load
                                local.tee 22
                                i32.eqz
                                br_if 1 (;@12;)
                                block ;; label = @14
                                  local.get 5
                                  i32.const 4
                                  i32.add
                                  local.get 22
                                  call 62
                                  local.tee 22
                                  i32.const 0
                                  i32.lt_s
                                  local.tee 26
                                  br_if 0 (;@14;)
                                  local.get 22
                                  local.get 24
                                  local.get 20
                                  i32.sub
                                  i32.gt_u
                                  br_if 0 (;@14;)
                                  local.get 21
                                  i32.const 4
                                  i32.add
                                  local.set 21
                                  local.get 24
                                  local.get 22
                                  local.get 20
                                  i32.add
                                  local.tee 20
                                  i32.gt_u
                                  br_if 1 (;@13;)
                                  br 2 (;@12;)
                                end
                              end
                              local.get 26
                              br_if 10 (;@2;)
                            end
                            local.get 20
                            i32.const 0
                            i32.lt_s
                            br_if 8 (;@3;)
                          end
                          block ;; label = @11
                            local.get 30
                            i32.const 73728
                            i32.and
                            local.tee 26
                            br_if 0 (;@11;)
                            local.get 27
                            local.get 20
                            i32.le_s
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 112
                            i32.add
                            i32.const 32
                            local.get 27
                            local.get 20
                            i32.sub
                            local.tee 21
                            i32.const 256
                            local.get 21
                            i32.const 256
                            i32.lt_u
                            local.tee 22
                            select
                            call 55
                            drop
                            block ;; label = @12
                              local.get 22
                              br_if 0 (;@12;)
                              loop ;; label = @13
                                block ;; label = @14
                                  local.get 0
                                  i32.load8_u
                                  i32.const 32
                                  i32.and
                                  br_if 0 (;@14;)
                                  local.get 5
                                  i32.const 112
                                  i32.add
                                  i32.const 256
                                  local.get 0
                                  call 43
                                  drop
                                end
                                local.get 21
                                i32.const -256
                                i32.add
                                local.tee 21
                                i32.const 255
                                i32.gt_u
                                br_if 0 (;@13;)
                              end
                            end
                            local.get 0
                            i32.load8_u
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 112
                            i32.add
                            local.get 21
                            local.get 0
                            call 43
                            drop
                          end
                          block ;; label = @11
                            local.get 20
                            i32.eqz
                            br_if 0 (;@11;)
                            i32.const 0
                            local.set 21
                            loop ;; label = @12
                              local.get 25
                              i32.load
                              local.tee 22
                              i32.eqz
                              br_if 1 (;@11;)
                              local.get 5
                              i32.const 4
                              i32.add
                              local.get 22
                              call 62
                              local.tee 22
                              local.get 21
                              i32.add
                              local.tee 21
                              local.get 20
                              i32.gt_u
                              br_if 1 (;@11;)
                              block ;; label = @13
                                local.get 0
                                i32.load8_u
                                i32.const 32
                                i32.and
                                br_if 0 (;@13;)
                                local.get 5
                                i32.const 4
                                i32.add
                                local.get 22
                                local.get 0
                                call 43
                                drop
                              end
                              local.get 25
                              i32.const 4
                              i32.add
                              local.set 25
                              local.get 21
                              local.get 20
                              i32.lt_u
                              br_if 0 (;@12;)
                            end
                          end
                          block ;; label = @11
                            local.get 26
                            i32.const 8192
                            i32.ne
                            br_if 0 (;@11;)
                            local.get 27
                            local.get 20
                            i32.le_s
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 112
                            i32.add
                            i32.const 32
                            local.get 27
                            local.get 20
                            i32.sub
                            local.tee 21
                            i32.const 256
                            local.get 21
                            i32.const 256
                            i32.lt_u
                            local.tee 22
                            select
                            call 55
                            drop
                            block ;; label = @12
                              local.get 22
                              br_if 0 (;@12;)
                              loop ;; label = @13
                                block ;; label = @14
                                  local.get 0
                                  i32.load8_u
                                  i32.const 32
                                  i32.and
                                  br_if 0 (;@14;)
                                  local.get 5
                                  i32.const 112
                                  i32.add
                                  i32.const 256
                                  local.get 0
                                  call 43
                                  drop
                                end
                                local.get 21
                                i32.const -256
                                i32.add
                                local.tee 21
                                i32.const 255
                                i32.gt_u
                                br_if 0 (;@13;)
                              end
                            end
                            local.get 0
                            i32.load8_u
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 112
                            i32.add
                            local.get 21
                            local.get 0
                            call 43
                            drop
                          end
                          local.get 27
                          local.get 20
                          local.get 27
                          local.get 20
                          i32.gt_s
                          select
                          local.set 20
                          br 6 (;@4;)
                        end
                        block ;; label = @10
                          local.get 28
                          i32.eqz
                          br_if 0 (;@10;)
                          local.get 24
                          i32.const 0
                          i32.lt_s
                          br_if 7 (;@3;)
                        end
                        local.get 5
                        f64.load offset=56
                        local.set 35
                        local.get 5
                        i32.const 0
                        i32.store offset=108
                        block ;; label = @10
                          block ;; label = @11
                            local.get 35
                            i64.reinterpret_f64
                            i64.const -1
                            i64.gt_s
                            br_if 0 (;@11;)
                            local.get 35
                            f64.neg
                            local.set 35
                            i32.const 1
                            local.set 36
                            i32.const 0
                            local.set 37
                            i32.const 1034
                            local.set 38
                            br 1 (;@10;)
                          end
                          block ;; label = @11
                            local.get 30
                            i32.const 2048
                            i32.and
                            i32.eqz
                            br_if 0 (;@11;)
                            i32.const 1
                            local.set 36
                            i32.const 0
                            local.set 37
                            i32.const 1037
                            local.set 38
                            br 1 (;@10;)
                          end
                          i32.const 1040
                          i32.const 1035
                          local.get 30
                          i32.const 1
                          i32.and
                          local.tee 36
                          select
                          local.set 38
                          local.get 36
                          i32.eqz
                          local.set 37
                        end
                        block ;; label = @10
                          local.get 35
                          f64.abs
                          f64.const inf (;=inf;)
                          f64.lt
                          br_if 0 (;@10;)
                          local.get 36
                          i32.const 3
                          i32.add
                          local.set 21
                          block ;; label = @11
                            local.get 30
                            i32.const 8192
                            i32.and
                            br_if 0 (;@11;)
                            local.get 27
                            local.get 21
                            i32.le_s
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 624
                            i32.add
                            i32.const 32
                            local.get 27
                            local.get 21
                            i32.sub
                            local.tee 20
                            i32.const 256
                            local.get 20
                            i32.const 256
                            i32.lt_u
                            local.tee 22
                            select
                            call 55
                            drop
                            block ;; label = @12
                              local.get 22
                              br_if 0 (;@12;)
                              loop ;; label = @13
                                block ;; label = @14
                                  local.get 0
                                  i32.load8_u
                                  i32.const 32
                                  i32.and
                                  br_if 0 (;@14;)
                                  local.get 5
                                  i32.const 624
                                  i32.add
                                  i32.const 256
                                  local.get 0
                                  call 43
                                  drop
                                end
                                local.get 20
                                i32.const -256
                                i32.add
                                local.tee 20
                                i32.const 255
                                i32.gt_u
                                br_if 0 (;@13;)
                              end
                            end
                            local.get 0
                            i32.load8_u
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 624
                            i32.add
                            local.get 20
                            local.get 0
                            call 43
                            drop
                          end
                          block ;; label = @11
                            local.get 0
                            i32.load
                            local.tee 20
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 38
                            local.get 36
                            local.get 0
                            call 43
                            drop
                            local.get 0
                            i32.load
                            local.set 20
                          end
                          block ;; label = @11
                            local.get 20
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            i32.const 1060
                            i32.const 1068
                            local.get 31
                            i32.const 32
                            i32.and
                            local.tee 20
                            select
                            i32.const 1064
                            i32.const 1072
                            local.get 20
                            select
                            local.get 35
                            local.get 35
                            f64.ne
                            select
                            i32.const 3
                            local.get 0
                            call 43
                            drop
                          end
                          block ;; label = @11
                            local.get 30
                            i32.const 73728
                            i32.and
                            i32.const 8192
                            i32.ne
                            br_if 0 (;@11;)
                            local.get 27
                            local.get 21
                            i32.le_s
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 624
                            i32.add
                            i32.const 32
                            local.get 27
                            local.get 21
                            i32.sub
                            local.tee 20
                            i32.const 256
                            local.get 20
                            i32.const 256
                            i32.lt_u
                            local.tee 22
                            select
                            call 55
                            drop
                            block ;; label = @12
                              local.get 22
                              br_if 0 (;@12;)
                              loop ;; label = @13
                                block ;; label = @14
                                  local.get 0
                                  i32.load8_u
                                  i32.const 32
                                  i32.and
                                  br_if 0 (;@14;)
                                  local.get 5
                                  i32.const 624
                                  i32.add
                                  i32.const 256
                                  local.get 0
                                  call 43
                                  drop
                                end
                                local.get 20
                                i32.const -256
                                i32.add
                                local.tee 20
                                i32.const 255
                                i32.gt_u
                                br_if 0 (;@13;)
                              end
                            end
                            local.get 0
                            i32.load8_u
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 624
                            i32.add
                            local.get 20
                            local.get 0
                            call 43
                            drop
                          end
                          local.get 27
                          local.get 21
                          local.get 27
                          local.get 21
                          i32.gt_s
                          select
                          local.set 20
                          br 6 (;@4;)
                        end
                        block ;; label = @10
                          block ;; label = @11
                            block ;; label = @12
                              local.get 35
                              local.get 5
                              i32.const 108
                              i32.add
                              call 63
                              local.tee 35
                              local.get 35
                              f64.add
                              local.tee 35
                              f64.const 0x0p+0 (;=0;)
                              f64.eq
                              br_if 0 (;@12;)
                              local.get 5
                              local.get 5
                              i32.load offset=108
                              local.tee 20
                              i32.const -1
                              i32.add
                              i32.store offset=108
                              local.get 31
                              i32.const 32
                              i32.or
                              local.tee 39
                              i32.const 97
                              i32.ne
                              br_if 1 (;@11;)
                              br 6 (;@6;)
                            end
                            local.get 31
                            i32.const 32
                            i32.or
                            local.tee 39
                            i32.const 97
                            i32.eq
                            br_if 5 (;@6;)
                            i32.const 6
                            local.get 24
                            local.get 24
                            i32.const 0
                            i32.lt_s
                            select
                            local.set 23
                            local.get 5
                            i32.load offset=108
                            local.set 25
                            br 1 (;@10;)
                          end
                          local.get 5
                          local.get 20
                          i32.const -29
                          i32.add
                          local.tee 25
                          i32.store offset=108
                          i32.const 6
                          local.get 24
                          local.get 24
                          i32.const 0
                          i32.lt_s
                          select
                          local.set 23
                          local.get 35
                          f64.const 0x1p+28 (;=268435456;)
                          f64.mul
                          local.set 35
                        end
                        local.get 5
                        i32.const 112
                        i32.add
                        local.get 16
                        local.get 25
                        i32.const 0
                        i32.lt_s
                        local.tee 40
                        select
                        local.tee 32
                        local.set 21
                        loop ;; label = @10
                          block ;; label = @11
                            block ;; label = @12
                              local.get 35
                              f64.const 0x1p+32 (;=4294967296;)
                              f64.lt
                              local.get 35
                              f64.const 0x0p+0 (;=0;)
                              f64.ge
                              i32.and
                              i32.eqz
                              br_if 0 (;@12;)
                              local.get 35
                              i32.trunc_f64_u
                              local.set 20
                              br 1 (;@11;)
                            end
                            i32.const 0
                            local.set 20
                          end
                          local.get 21
                          local.get 20
                          i32.store
                          local.get 21
                          i32.const 4
                          i32.add
                          local.set 21
                          local.get 35
                          local.get 20
                          f64.convert_i32_u
                          f64.sub
                          f64.const 0x1.dcd65p+29 (;=1000000000;)
                          f64.mul
                          local.tee 35
                          f64.const 0x0p+0 (;=0;)
                          f64.ne
                          br_if 0 (;@10;)
                        end
                        block ;; label = @10
                          block ;; label = @11
                            local.get 25
                            i32.const 1
                            i32.ge_s
                            br_if 0 (;@11;)
                            local.get 21
                            local.set 20
                            local.get 32
                            local.set 22
                            br 1 (;@10;)
                          end
                          local.get 32
                          local.set 22
                          loop ;; label = @11
                            local.get 25
                            i32.const 29
                            local.get 25
                            i32.const 29
                            i32.lt_u
                            select
                            local.set 25
                            block ;; label = @12
                              local.get 21
                              i32.const -4
                              i32.add
                              local.tee 20
                              local.get 22
                              i32.lt_u
                              br_if 0 (;@12;)
                              local.get 25
                              i64.extend_i32_u
                              local.set 34
                              i64.const 0
                              local.set 33
                              loop ;; label = @13
                                local.get 20
                                local.get 20
                                i64.load32_u
                                local.get 34
                                i64.shl
                                local.get 33
                                i64.const 4294967295
                                i64.and
                                i64.add
                                local.tee 33
                                local.get 33
                                i64.const 1000000000
                                i64.div_u
                                local.tee 33
                                i64.const 1000000000
                                i64.mul
                                i64.sub
                                i64.store32
                                local.get 20
                                i32.const -4
                                i32.add
                                local.tee 20
                                local.get 22
                                i32.ge_u
                                br_if 0 (;@13;)
                              end
                              local.get 33
                              i32.wrap_i64
                              local.tee 20
                              i32.eqz
                              br_if 0 (;@12;)
                              local.get 22
                              i32.const -4
                              i32.add
                              local.tee 22
                              local.get 20
                              i32.store
                            end
                            block ;; label = @12
                              loop ;; label = @13
                                local.get 21
                                local.tee 20
                                local.get 22
                                i32.le_u
                                br_if 1 (;@12;)
                                local.get 20
                                i32.const -4
                                i32.add
                                local.tee 21
                                i32.load
                                i32.eqz
                                br_if 0 (;@13;)
                              end
                            end
                            local.get 5
                            local.get 5
                            i32.load offset=108
                            local.get 25
                            i32.sub
                            local.tee 25
                            i32.store offset=108
                            local.get 20
                            local.set 21
                            local.get 25
                            i32.const 0
                            i32.gt_s
                            br_if 0 (;@11;)
                          end
                        end
                        block ;; label = @10
                          local.get 25
                          i32.const -1
                          i32.gt_s
                          br_if 0 (;@10;)
                          local.get 23
                          i32.const 25
                          i32.add
                          i32.const 9
                          i32.div_u
                          i32.const 1
                          i32.add
                          local.set 41
                          loop ;; label = @11
                            i32.const 0
                            local.get 25
                            i32.sub
                            local.tee 21
                            i32.const 9
                            local.get 21
                            i32.const 9
                            i32.lt_u
                            select
                            local.set 24
                            block ;; label = @12
                              block ;; label = @13
                                local.get 22
                                local.get 20
                                i32.lt_u
                                br_if 0 (;@13;)
                                local.get 22
                                i32.load
                                local.set 21
                                br 1 (;@12;)
                              end
                              i32.const 1000000000
                              local.get 24
                              i32.shr_u
                              local.set 29
                              i32.const -1
                              local.get 24
                              i32.shl
                              i32.const -1
                              i32.xor
                              local.set 28
                              i32.const 0
                              local.set 25
                              local.get 22
                              local.set 21
                              loop ;; label = @13
                                local.get 21
                                local.get 21
                                i32.load
                                local.tee 26
                                local.get 24
                                i32.shr_u
                                local.get 25
                                i32.add
                                i32.store
                                local.get 26
                                local.get 28
                                i32.and
                                local.get 29
                                i32.mul
                                local.set 25
                                local.get 21
                                i32.const 4
                                i32.add
                                local.tee 21
                                local.get 20
                                i32.lt_u
                                br_if 0 (;@13;)
                              end
                              local.get 22
                              i32.load
                              local.set 21
                              local.get 25
                              i32.eqz
                              br_if 0 (;@12;)
                              local.get 20
                              local.get 25
                              i32.store
                              local.get 20
                              i32.const 4
                              i32.add
                              local.set 20
                            end
                            local.get 5
                            local.get 5
                            i32.load offset=108
                            local.get 24
                            i32.add
                            local.tee 25
                            i32.store offset=108
                            local.get 32
                            local.get 22
                            local.get 21
                            i32.eqz
                            i32.const 2
                            i32.shl
                            i32.add
                            local.tee 22
                            local.get 39
                            i32.const 102
                            i32.eq
                            select
                            local.tee 21
                            local.get 41
                            i32.const 2
                            i32.shl
                            i32.add
                            local.get 20
                            local.get 20
                            local.get 21
                            i32.sub
                            i32.const 2
                            i32.shr_s
                            local.get 41
                            i32.gt_s
                            select
                            local.set 20
                            local.get 25
                            i32.const 0
                            i32.lt_s
                            br_if 0 (;@11;)
                          end
                        end
                        i32.const 0
                        local.set 26
                        block ;; label = @10
                          local.get 22
                          local.get 20
                          i32.ge_u
                          br_if 0 (;@10;)
                          local.get 32
                          local.get 22
                          i32.sub
                          i32.const 2
                          i32.shr_s
                          i32.const 9
                          i32.mul
                          local.set 26
                          local.get 22
                          i32.load
                          local.tee 25
                          i32.const 10
                          i32.lt_u
                          br_if 0 (;@10;)
                          i32.const 10
                          local.set 21
                          loop ;; label = @11
                            local.get 26
                            i32.const 1
                            i32.add
                            local.set 26
                            local.get 25
                            local.get 21
                            i32.const 10
                            i32.mul
                            local.tee 21
                            i32.ge_u
                            br_if 0 (;@11;)
                          end
                        end
                        block ;; label = @10
                          local.get 23
                          i32.const 0
                          local.get 26
                          local.get 39
                          i32.const 102
                          i32.eq
                          select
                          i32.sub
                          local.get 23
                          i32.const 0
                          i32.ne
                          local.get 39
                          i32.const 103
                          i32.eq
                          local.tee 28
                          i32.and
                          i32.sub
                          local.tee 21
                          local.get 20
                          local.get 32
                          i32.sub
                          i32.const 2
                          i32.shr_s
                          i32.const 9
                          i32.mul
                          i32.const -9
                          i32.add
                          i32.ge_s
                          br_if 0 (;@10;)
                          local.get 21
                          i32.const 9216
                          i32.add
                          local.tee 25
                          i32.const 9
                          i32.div_s
                          local.tee 24
                          i32.const 2
                          i32.shl
                          local.get 15
                          local.get 14
                          local.get 40
                          select
                          i32.add
                          local.tee 40
                          i32.const -4096
                          i32.add
                          local.set 29
                          i32.const 10
                          local.set 21
                          block ;; label = @11
                            local.get 25
                            local.get 24
                            i32.const 9
                            i32.mul
                            i32.sub
                            local.tee 24
                            i32.const 7
                            i32.gt_s
                            br_if 0 (;@11;)
                            i32.const 8
                            local.get 24
                            i32.sub
                            local.tee 41
                            i32.const 7
                            i32.and
                            local.set 25
                            i32.const 10
                            local.set 21
                            block ;; label = @12
                              local.get 24
                              i32.const -1
                              i32.add
                              i32.const 7
                              i32.lt_u
                              br_if 0 (;@12;)
                              local.get 41
                              i32.const -8
                              i32.and
                              local.set 24
                              i32.const 10
                              local.set 21
                              loop ;; label = @13
                                local.get 21
                                i32.const 100000000
                                i32.mul
                                local.set 21
                                local.get 24
                                i32.const -8
                                i32.add
                                local.tee 24
                                br_if 0 (;@13;)
                              end
                            end
                            local.get 25
                            i32.eqz
                            br_if 0 (;@11;)
                            loop ;; label = @12
                              local.get 21
                              i32.const 10
                              i32.mul
                              local.set 21
                              local.get 25
                              i32.const -1
                              i32.add
                              local.tee 25
                              br_if 0 (;@12;)
                            end
                          end
                          local.get 29
                          i32.const 4
                          i32.add
                          local.set 41
                          block ;; label = @11
                            block ;; label = @12
                              local.get 29
                              i32.load
                              local.tee 25
                              local.get 25
                              local.get 21
                              i32.div_u
                              local.tee 39
                              local.get 21
                              i32.mul
                              i32.sub
                              local.tee 24
                              br_if 0 (;@12;)
                              local.get 41
                              local.get 20
                              i32.eq
                              br_if 1 (;@11;)
                            end
                            block ;; label = @12
                              block ;; label = @13
                                local.get 39
                                i32.const 1
                                i32.and
                                br_if 0 (;@13;)
                                f64.const 0x1p+53 (;=9007199254740992;)
                                local.set 35
                                local.get 21
                                i32.const 1000000000
                                i32.ne
                                br_if 1 (;@12;)
                                local.get 29
                                local.get 22
                                i32.le_u
                                br_if 1 (;@12;)
                                local.get 29
                                i32.const -4
                                i32.add
                                i32.load8_u
                                i32.const 1
                                i32.and
                                i32.eqz
                                br_if 1 (;@12;)
                              end
                              f64.const 0x1.0000000000001p+53 (;=9007199254740994;)
                              local.set 35
                            end
                            f64.const 0x1p-1 (;=0.5;)
                            f64.const 0x1p+0 (;=1;)
                            f64.const 0x1.8p+0 (;=1.5;)
                            local.get 41
                            local.get 20
                            i32.eq
                            select
                            f64.const 0x1.8p+0 (;=1.5;)
                            local.get 24
                            local.get 21
                            i32.const 1
                            i32.shr_u
                            local.tee 41
                            i32.eq
                            select
                            local.get 24
                            local.get 41
                            i32.lt_u
                            select
                            local.set 42
                            block ;; label = @12
                              local.get 37
                              br_if 0 (;@12;)
                              local.get 38
                              i32.load8_u
                              i32.const 45
                              i32.ne
                              br_if 0 (;@12;)
                              local.get 42
                              f64.neg
                              local.set 42
                              local.get 35
                              f64.neg
                              local.set 35
                            end
                            local.get 29
                            local.get 25
                            local.get 24
                            i32.sub
                            local.tee 25
                            i32.store
                            local.get 35
                            local.get 42
                            f64.add
                            local.get 35
                            f64.eq
                            br_if 0 (;@11;)
                            local.get 29
                            local.get 25
                            local.get 21
                            i32.add
                            local.tee 21
                            i32.store
                            block ;; label = @12
                              local.get 21
                              i32.const 1000000000
                              i32.lt_u
                              br_if 0 (;@12;)
                              local.get 40
                              i32.const -4100
                              i32.add
                              local.set 21
                              loop ;; label = @13
                                local.get 21
                                i32.const 4
                                i32.add
                                i32.const 0
                                i32.store
                                block ;; label = @14
                                  local.get 21
                                  local.get 22
                                  i32.ge_u
                                  br_if 0 (;@14;)
                                  local.get 22
                                  i32.const -4
                                  i32.add
                                  local.tee 22
                                  i32.const 0
                                  i32.store
                                end
                                local.get 21
                                local.get 21
                                i32.load
                                i32.const 1
                                i32.add
                                local.tee 25
                                i32.store
                                local.get 21
                                i32.const -4
                                i32.add
                                local.set 21
                                local.get 25
                                i32.const 999999999
                                i32.gt_u
                                br_if 0 (;@13;)
                              end
                              local.get 21
                              i32.const 4
                              i32.add
                              local.set 29
                            end
                            local.get 32
                            local.get 22
                            i32.sub
                            i32.const 2
                            i32.shr_s
                            i32.const 9
                            i32.mul
                            local.set 26
                            local.get 22
                            i32.load
                            local.tee 25
                            i32.const 10
                            i32.lt_u
                            br_if 0 (;@11;)
                            i32.const 10
                            local.set 21
                            loop ;; label = @12
                              local.get 26
                              i32.const 1
                              i32.add
                              local.set 26
                              local.get 25
                              local.get 21
                              i32.const 10
                              i32.mul
                              local.tee 21
                              i32.ge_u
                              br_if 0 (;@12;)
                            end
                          end
                          local.get 29
                          i32.const 4
                          i32.add
                          local.tee 21
                          local.get 20
                          local.get 20
                          local.get 21
                          i32.gt_u
                          select
                          local.set 20
                        end
                        local.get 20
                        local.get 32
                        i32.sub
                        local.set 21
                        block ;; label = @10
                          loop ;; label = @11
                            local.get 21
                            local.set 25
                            local.get 20
                            local.tee 29
                            local.get 22
                            i32.le_u
                            local.tee 24
                            br_if 1 (;@10;)
                            local.get 25
                            i32.const -4
                            i32.add
                            local.set 21
                            local.get 29
                            i32.const -4
                            i32.add
                            local.tee 20
                            i32.load
                            i32.eqz
                            br_if 0 (;@11;)
                          end
                        end
                        block ;; label = @10
                          block ;; label = @11
                            local.get 28
                            br_if 0 (;@11;)
                            local.get 30
                            i32.const 8
                            i32.and
                            local.set 39
                            br 1 (;@10;)
                          end
                          local.get 26
                          i32.const -1
                          i32.xor
                          i32.const -1
                          local.get 23
                          i32.const 1
                          local.get 23
                          select
                          local.tee 20
                          local.get 26
                          i32.gt_s
                          local.get 26
                          i32.const -5
                          i32.gt_s
                          i32.and
                          local.tee 21
                          select
                          local.get 20
                          i32.add
                          local.set 23
                          i32.const -1
                          i32.const -2
                          local.get 21
                          select
                          local.get 31
                          i32.add
                          local.set 31
                          local.get 30
                          i32.const 8
                          i32.and
                          local.tee 39
                          br_if 0 (;@10;)
                          i32.const -9
                          local.set 20
                          block ;; label = @11
                            local.get 24
                            br_if 0 (;@11;)
                            local.get 29
                            i32.const -4
                            i32.add
                            i32.load
                            local.tee 24
                            i32.eqz
                            br_if 0 (;@11;)
                            i32.const 0
                            local.set 20
                            local.get 24
                            i32.const 10
                            i32.rem_u
                            br_if 0 (;@11;)
                            i32.const 10
                            local.set 21
                            i32.const 0
                            local.set 20
                            loop ;; label = @12
                              local.get 20
                              i32.const -1
                              i32.add
                              local.set 20
                              local.get 24
                              local.get 21
                              i32.const 10
                              i32.mul
                              local.tee 21
                              i32.rem_u
                              i32.eqz
                              br_if 0 (;@12;)
                            end
                          end
                          local.get 25
                          i32.const 2
                          i32.shr_s
                          i32.const 9
                          i32.mul
                          i32.const -9
                          i32.add
                          local.set 21
                          block ;; label = @11
                            local.get 31
                            i32.const -33
                            i32.and
                            i32.const 70
                            i32.ne
                            br_if 0 (;@11;)
                            i32.const 0
                            local.set 39
                            local.get 23
                            local.get 21
                            local.get 20
                            i32.add
                            local.tee 20
                            i32.const 0
                            local.get 20
                            i32.const 0
                            i32.gt_s
                            select
                            local.tee 20
                            local.get 23
                            local.get 20
                            i32.lt_s
                            select
                            local.set 23
                            br 1 (;@10;)
                          end
                          i32.const 0
                          local.set 39
                          local.get 23
                          local.get 21
                          local.get 26
                          i32.add
                          local.get 20
                          i32.add
                          local.tee 20
                          i32.const 0
                          local.get 20
                          i32.const 0
                          i32.gt_s
                          select
                          local.tee 20
                          local.get 23
                          local.get 20
                          i32.lt_s
                          select
                          local.set 23
                        end
                        local.get 23
                        i32.const 2147483645
                        i32.const 2147483646
                        local.get 23
                        local.get 39
                        i32.or
                        local.tee 37
                        select
                        i32.gt_s
                        br_if 6 (;@3;)
                        local.get 23
                        local.get 37
                        i32.const 0
                        i32.ne
                        i32.add
                        i32.const 1
                        i32.add
                        local.set 41
                        block ;; label = @10
                          block ;; label = @11
                            local.get 31
                            i32.const -33
                            i32.and
                            i32.const 70
                            i32.ne
                            local.tee 40
                            br_if 0 (;@11;)
                            local.get 26
                            i32.const 2147483647
                            local.get 41
                            i32.sub
                            i32.gt_s
                            br_if 8 (;@3;)
                            local.get 26
                            i32.const 0
                            local.get 26
                            i32.const 0
                            i32.gt_s
                            select
                            local.set 20
                            br 1 (;@10;)
                          end
                          local.get 6
                          local.set 25
                          local.get 6
                          local.set 21
                          block ;; label = @11
                            local.get 26
                            local.get 26
                            i32.const 31
                            i32.shr_s
                            local.tee 20
                            i32.add
                            local.get 20
                            i32.xor
                            local.tee 20
                            i32.eqz
                            br_if 0 (;@11;)
                            loop ;; label = @12
                              local.get 21
                              i32.const -1
                              i32.add
                              local.tee 21
                              local.get 20
                              local.get 20
                              i32.const 10
                              i32.div_u
                              local.tee 24
                              i32.const 10
                              i32.mul
                              i32.sub
                              i32.const 48
                              i32.or
                              i32.store8
                              local.get 25
                              i32.const -1
                              i32.add
                              local.set 25
                              local.get 20
                              i32.const 9
                              i32.gt_u
                              local.set 28
                              local.get 24
                              local.set 20
                              local.get 28
                              br_if 0 (;@12;)
                            end
                          end
                          block ;; label = @11
                            local.get 6
                            local.get 25
                            i32.sub
                            i32.const 1
                            i32.gt_s
                            br_if 0 (;@11;)
                            local.get 21
                            local.get 13
                            local.get 25
                            i32.sub
                            i32.add
                            local.tee 21
                            i32.const 48
                            local.get 12
                            local.get 25
                            i32.add
                            call 55
                            drop
                          end
                          local.get 21
                          i32.const -2
                          i32.add
                          local.tee 28
                          local.get 31
                          i32.store8
                          local.get 21
                          i32.const -1
                          i32.add
                          i32.const 45
                          i32.const 43
                          local.get 26
                          i32.const 0
                          i32.lt_s
                          select
                          i32.store8
                          local.get 6
                          local.get 28
                          i32.sub
                          local.tee 20
                          i32.const 2147483647
                          local.get 41
                          i32.sub
                          i32.gt_s
                          br_if 7 (;@3;)
                        end
                        local.get 20
                        local.get 41
                        i32.add
                        local.tee 20
                        local.get 36
                        i32.const 2147483647
                        i32.xor
                        i32.gt_s
                        br_if 6 (;@3;)
                        local.get 20
                        local.get 36
                        i32.add
                        local.set 41
                        block ;; label = @10
                          local.get 30
                          i32.const 73728
                          i32.and
                          local.tee 30
                          br_if 0 (;@10;)
                          local.get 27
                          local.get 41
                          i32.le_s
                          br_if 0 (;@10;)
                          local.get 5
                          i32.const 624
                          i32.add
                          i32.const 32
                          local.get 27
                          local.get 41
                          i32.sub
                          local.tee 20
                          i32.const 256
                          local.get 20
                          i32.const 256
                          i32.lt_u
                          local.tee 21
                          select
                          call 55
                          drop
                          block ;; label = @11
                            local.get 21
                            br_if 0 (;@11;)
                            loop ;; label = @12
                              block ;; label = @13
                                local.get 0
                                i32.load8_u
                                i32.const 32
                                i32.and
                                br_if 0 (;@13;)
                                local.get 5
                                i32.const 624
                                i32.add
                                i32.const 256
                                local.get 0
                                call 43
                                drop
                              end
                              local.get 20
                              i32.const -256
                              i32.add
                              local.tee 20
                              i32.const 255
                              i32.gt_u
                              br_if 0 (;@12;)
                            end
                          end
                          local.get 0
                          i32.load8_u
                          i32.const 32
                          i32.and
                          br_if 0 (;@10;)
                          local.get 5
                          i32.const 624
                          i32.add
                          local.get 20
                          local.get 0
                          call 43
                          drop
                        end
                        block ;; label = @10
                          local.get 0
                          i32.load8_u
                          i32.const 32
                          i32.and
                          br_if 0 (;@10;)
                          local.get 38
                          local.get 36
                          local.get 0
                          call 43
                          drop
                        end
                        block ;; label = @10
                          local.get 30
                          i32.const 65536
                          i32.ne
                          br_if 0 (;@10;)
                          local.get 27
                          local.get 41
                          i32.le_s
                          br_if 0 (;@10;)
                          local.get 5
                          i32.const 624
                          i32.add
                          i32.const 48
                          local.get 27
                          local.get 41
                          i32.sub
                          local.tee 20
                          i32.const 256
                          local.get 20
                          i32.const 256
                          i32.lt_u
                          local.tee 21
                          select
                          call 55
                          drop
                          block ;; label = @11
                            local.get 21
                            br_if 0 (;@11;)
                            loop ;; label = @12
                              block ;; label = @13
                                local.get 0
                                i32.load8_u
                                i32.const 32
                                i32.and
                                br_if 0 (;@13;)
                                local.get 5
                                i32.const 624
                                i32.add
                                i32.const 256
                                local.get 0
                                call 43
                                drop
                              end
                              local.get 20
                              i32.const -256
                              i32.add
                              local.tee 20
                              i32.const 255
                              i32.gt_u
                              br_if 0 (;@12;)
                            end
                          end
                          local.get 0
                          i32.load8_u
                          i32.const 32
                          i32.and
                          br_if 0 (;@10;)
                          local.get 5
                          i32.const 624
                          i32.add
                          local.get 20
                          local.get 0
                          call 43
                          drop
                        end
                        block ;; label = @10
                          block ;; label = @11
                            local.get 40
                            br_if 0 (;@11;)
                            local.get 32
                            local.get 22
                            local.get 22
                            local.get 32
                            i32.gt_u
                            select
                            local.tee 28
                            local.set 24
                            loop ;; label = @12
                              block ;; label = @13
                                block ;; label = @14
                                  local.get 24
                                  i32.load
                                  local.tee 20
                                  br_if 0 (;@14;)
                                  local.get 11
                                  local.set 22
                                  local.get 11
                                  local.set 21
                                  br 1 (;@13;)
                                end
                                local.get 11
                                local.set 22
                                local.get 11
                                local.set 21
                                loop ;; label = @14
                                  local.get 21
                                  i32.const -1
                                  i32.add
                                  local.tee 21
                                  local.get 20
                                  local.get 20
                                  i32.const 10
                                  i32.div_u
                                  local.tee 25
                                  i32.const 10
                                  i32.mul
                                  i32.sub
                                  i32.const 48
                                  i32.or
                                  i32.store8
                                  local.get 22
                                  i32.const -1
                                  i32.add
                                  local.set 22
                                  local.get 20
                                  i32.const 9
                                  i32.gt_u
                                  local.set 26
                                  local.get 25
                                  local.set 20
                                  local.get 26
                                  br_if 0 (;@14;)
                                end
                              end
                              block ;; label = @13
                                block ;; label = @14
                                  local.get 24
                                  local.get 28
                                  i32.eq
                                  br_if 0 (;@14;)
                                  local.get 21
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.le_u
                                  br_if 1 (;@13;)
                                  local.get 21
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.add
                                  local.get 22
                                  i32.sub
                                  local.tee 21
                                  i32.const 48
                                  local.get 22
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.sub
                                  call 55
                                  drop
                                  br 1 (;@13;)
                                end
                                local.get 21
                                local.get 11
                                i32.ne
                                br_if 0 (;@13;)
                                local.get 5
                                i32.const 48
                                i32.store8 offset=88
                                local.get 10
                                local.set 21
                              end
                              block ;; label = @13
                                local.get 0
                                i32.load8_u
                                i32.const 32
                                i32.and
                                br_if 0 (;@13;)
                                local.get 21
                                local.get 11
                                local.get 21
                                i32.sub
                                local.get 0
                                call 43
                                drop
                              end
                              local.get 24
                              i32.const 4
                              i32.add
                              local.tee 24
                              local.get 32
                              i32.le_u
                              br_if 0 (;@12;)
                            end
                            block ;; label = @12
                              local.get 37
                              i32.eqz
                              br_if 0 (;@12;)
                              local.get 0
                              i32.load8_u
                              i32.const 32
                              i32.and
                              br_if 0 (;@12;)
                              i32.const 1076
                              i32.const 1
                              local.get 0
                              call 43
                              drop
                            end
                            block ;; label = @12
                              block ;; label = @13
                                local.get 24
                                local.get 29
                                i32.lt_u
                                br_if 0 (;@13;)
                                local.get 23
                                local.set 20
                                br 1 (;@12;)
                              end
                              block ;; label = @13
                                local.get 23
                                i32.const 1
                                i32.ge_s
                                br_if 0 (;@13;)
                                local.get 23
                                local.set 20
                                br 1 (;@12;)
                              end
                              loop ;; label = @13
                                block ;; label = @14
                                  block ;; label = @15
                                    block ;; label = @16
                                      local.get 24
                                      i32.load
                                      local.tee 20
                                      br_if 0 (;@16;)
                                      local.get 11
                                      local.set 21
                                      local.get 11
                                      local.set 22
                                      br 1 (;@15;)
                                    end
                                    local.get 11
                                    local.set 22
                                    local.get 11
                                    local.set 21
                                    loop ;; label = @16
                                      local.get 21
                                      i32.const -1
                                      i32.add
                                      local.tee 21
                                      local.get 20
                                      local.get 20
                                      i32.const 10
                                      i32.div_u
                                      local.tee 25
                                      i32.const 10
                                      i32.mul
                                      i32.sub
                                      i32.const 48
                                      i32.or
                                      i32.store8
                                      local.get 22
                                      i32.const -1
                                      i32.add
                                      local.set 22
                                      local.get 20
                                      i32.const 9
                                      i32.gt_u
                                      local.set 26
                                      local.get 25
                                      local.set 20
                                      local.get 26
                                      br_if 0 (;@16;)
                                    end
                                    local.get 21
                                    local.get 5
                                    i32.const 80
                                    i32.add
                                    i32.le_u
                                    br_if 1 (;@14;)
                                  end
                                  local.get 21
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.add
                                  local.get 22
                                  i32.sub
                                  local.tee 21
                                  i32.const 48
                                  local.get 22
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.sub
                                  call 55
                                  drop
                                end
                                block ;; label = @14
                                  local.get 0
                                  i32.load8_u
                                  i32.const 32
                                  i32.and
                                  br_if 0 (;@14;)
                                  local.get 21
                                  local.get 23
                                  i32.const 9
                                  local.get 23
                                  i32.const 9
                                  i32.lt_s
                                  select
                                  local.get 0
                                  call 43
                                  drop
                                end
                                local.get 23
                                i32.const -9
                                i32.add
                                local.set 20
                                local.get 24
                                i32.const 4
                                i32.add
                                local.tee 24
                                local.get 29
                                i32.ge_u
                                br_if 1 (;@12;)
                                local.get 23
                                i32.const 9
                                i32.gt_s
                                local.set 21
                                local.get 20
                                local.set 23
                                local.get 21
                                br_if 0 (;@13;)
                              end
                            end
                            local.get 0
                            i32.const 48
                            local.get 20
                            i32.const 9
                            i32.add
                            i32.const 9
                            i32.const 0
                            call 51
                            br 1 (;@10;)
                          end
                          block ;; label = @11
                            local.get 23
                            i32.const 0
                            i32.lt_s
                            br_if 0 (;@11;)
                            local.get 29
                            local.get 22
                            i32.const 4
                            i32.add
                            local.get 29
                            local.get 22
                            i32.gt_u
                            select
                            local.set 29
                            local.get 22
                            local.set 24
                            loop ;; label = @12
                              block ;; label = @13
                                block ;; label = @14
                                  local.get 24
                                  i32.load
                                  local.tee 20
                                  i32.eqz
                                  br_if 0 (;@14;)
                                  i32.const 0
                                  local.set 21
                                  loop ;; label = @15
                                    local.get 5
                                    i32.const 80
                                    i32.add
                                    local.get 21
                                    i32.add
                                    i32.const 8
                                    i32.add
                                    local.get 20
                                    local.get 20
                                    i32.const 10
                                    i32.div_u
                                    local.tee 25
                                    i32.const 10
                                    i32.mul
                                    i32.sub
                                    i32.const 48
                                    i32.or
                                    i32.store8
                                    local.get 21
                                    i32.const -1
                                    i32.add
                                    local.set 21
                                    local.get 20
                                    i32.const 9
                                    i32.gt_u
                                    local.set 26
                                    local.get 25
                                    local.set 20
                                    local.get 26
                                    br_if 0 (;@15;)
                                  end
                                  local.get 21
                                  i32.eqz
                                  br_if 0 (;@14;)
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  local.get 21
                                  i32.add
                                  i32.const 9
                                  i32.add
                                  local.set 20
                                  br 1 (;@13;)
                                end
                                local.get 5
                                i32.const 48
                                i32.store8 offset=88
                                local.get 10
                                local.set 20
                              end
                              block ;; label = @13
                                block ;; label = @14
                                  local.get 24
                                  local.get 22
                                  i32.eq
                                  br_if 0 (;@14;)
                                  local.get 20
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.le_u
                                  br_if 1 (;@13;)
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.const 48
                                  local.get 20
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  i32.sub
                                  call 55
                                  drop
                                  local.get 5
                                  i32.const 80
                                  i32.add
                                  local.set 20
                                  br 1 (;@13;)
                                end
                                block ;; label = @14
                                  local.get 0
                                  i32.load8_u
                                  i32.const 32
                                  i32.and
                                  br_if 0 (;@14;)
                                  local.get 20
                                  i32.const 1
                                  local.get 0
                                  call 43
                                  drop
                                end
                                local.get 20
                                i32.const 1
                                i32.add
                                local.set 20
                                block ;; label = @14
                                  local.get 39
                                  br_if 0 (;@14;)
                                  local.get 23
                                  i32.const 1
                                  i32.lt_s
                                  br_if 1 (;@13;)
                                end
                                local.get 0
                                i32.load8_u
                                i32.const 32
                                i32.and
                                br_if 0 (;@13;)
                                i32.const 1076
                                i32.const 1
                                local.get 0
                                call 43
                                drop
                              end
                              local.get 11
                              local.get 20
                              i32.sub
                              local.set 21
                              block ;; label = @13
                                local.get 0
                                i32.load8_u
                                i32.const 32
                                i32.and
                                br_if 0 (;@13;)
                                local.get 20
                                local.get 21
                                local.get 23
                                local.get 23
                                local.get 21
                                i32.gt_s
                                select
                                local.get 0
                                call 43
                                drop
                              end
                              local.get 23
                              local.get 21
                              i32.sub
                              local.set 23
                              local.get 24
                              i32.const 4
                              i32.add
                              local.tee 24
                              local.get 29
                              i32.ge_u
                              br_if 1 (;@11;)
                              local.get 23
                              i32.const -1
                              i32.gt_s
                              br_if 0 (;@12;)
                            end
                          end
                          local.get 0
                          i32.const 48
                          local.get 23
                          i32.const 18
                          i32.add
                          i32.const 18
                          i32.const 0
                          call 51
                          local.get 0
                          i32.load8_u
                          i32.const 32
                          i32.and
                          br_if 0 (;@10;)
                          local.get 28
                          local.get 6
                          local.get 28
                          i32.sub
                          local.get 0
                          call 43
                          drop
                        end
                        block ;; label = @10
                          local.get 30
                          i32.const 8192
                          i32.ne
                          br_if 0 (;@10;)
                          local.get 27
                          local.get 41
                          i32.le_s
                          br_if 0 (;@10;)
                          local.get 5
                          i32.const 624
                          i32.add
                          i32.const 32
                          local.get 27
                          local.get 41
                          i32.sub
                          local.tee 20
                          i32.const 256
                          local.get 20
                          i32.const 256
                          i32.lt_u
                          local.tee 21
                          select
                          call 55
                          drop
                          block ;; label = @11
                            local.get 21
                            br_if 0 (;@11;)
                            loop ;; label = @12
                              block ;; label = @13
                                local.get 0
                                i32.load8_u
                                i32.const 32
                                i32.and
                                br_if 0 (;@13;)
                                local.get 5
                                i32.const 624
                                i32.add
                                i32.const 256
                                local.get 0
                                call 43
                                drop
                              end
                              local.get 20
                              i32.const -256
                              i32.add
                              local.tee 20
                              i32.const 255
                              i32.gt_u
                              br_if 0 (;@12;)
                            end
                          end
                          local.get 0
                          i32.load8_u
                          i32.const 32
                          i32.and
                          br_if 0 (;@10;)
                          local.get 5
                          i32.const 624
                          i32.add
                          local.get 20
                          local.get 0
                          call 43
                          drop
                        end
                        local.get 27
                        local.get 41
                        local.get 27
                        local.get 41
                        i32.gt_s
                        select
                        local.set 20
                        br 4 (;@5;)
                      end
                      i32.const 0
                      local.set 23
                      i32.const 1024
                      local.set 32
                      local.get 17
                      local.set 20
                      local.get 30
                      local.set 29
                      local.get 24
                      local.set 26
                    end
                    local.get 20
                    local.get 21
                    i32.sub
                    local.tee 24
                    local.get 26
                    local.get 26
                    local.get 24
                    i32.lt_s
                    select
                    local.tee 28
                    i32.const 2147483647
                    local.get 23
                    i32.sub
                    i32.gt_s
                    br_if 4 (;@3;)
                    local.get 23
                    local.get 28
                    i32.add
                    local.tee 25
                    local.get 27
                    local.get 27
                    local.get 25
                    i32.lt_s
                    select
                    local.tee 20
                    local.get 22
                    i32.gt_s
                    br_if 4 (;@3;)
                    block ;; label = @8
                      local.get 29
                      i32.const 73728
                      i32.and
                      local.tee 29
                      br_if 0 (;@8;)
                      local.get 25
                      local.get 27
                      i32.ge_s
                      br_if 0 (;@8;)
                      local.get 5
                      i32.const 112
                      i32.add
                      i32.const 32
                      local.get 20
                      local.get 25
                      i32.sub
                      local.tee 22
                      i32.const 256
                      local.get 22
                      i32.const 256
                      i32.lt_u
                      local.tee 30
                      select
                      call 55
                      drop
                      block ;; label = @9
                        local.get 30
                        br_if 0 (;@9;)
                        loop ;; label = @10
                          block ;; label = @11
                            local.get 0
                            i32.load8_u
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 112
                            i32.add
                            i32.const 256
                            local.get 0
                            call 43
                            drop
                          end
                          local.get 22
                          i32.const -256
                          i32.add
                          local.tee 22
                          i32.const 255
                          i32.gt_u
                          br_if 0 (;@10;)
                        end
                      end
                      local.get 0
                      i32.load8_u
                      i32.const 32
                      i32.and
                      br_if 0 (;@8;)
                      local.get 5
                      i32.const 112
                      i32.add
                      local.get 22
                      local.get 0
                      call 43
                      drop
                    end
                    block ;; label = @8
                      local.get 0
                      i32.load8_u
                      i32.const 32
                      i32.and
                      br_if 0 (;@8;)
                      local.get 32
                      local.get 23
                      local.get 0
                      call 43
                      drop
                    end
                    block ;; label = @8
                      local.get 29
                      i32.const 65536
                      i32.ne
                      br_if 0 (;@8;)
                      local.get 25
                      local.get 27
                      i32.ge_s
                      br_if 0 (;@8;)
                      local.get 5
                      i32.const 112
                      i32.add
                      i32.const 48
                      local.get 20
                      local.get 25
                      i32.sub
                      local.tee 22
                      i32.const 256
                      local.get 22
                      i32.const 256
                      i32.lt_u
                      local.tee 23
                      select
                      call 55
                      drop
                      block ;; label = @9
                        local.get 23
                        br_if 0 (;@9;)
                        loop ;; label = @10
                          block ;; label = @11
                            local.get 0
                            i32.load8_u
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 112
                            i32.add
                            i32.const 256
                            local.get 0
                            call 43
                            drop
                          end
                          local.get 22
                          i32.const -256
                          i32.add
                          local.tee 22
                          i32.const 255
                          i32.gt_u
                          br_if 0 (;@10;)
                        end
                      end
                      local.get 0
                      i32.load8_u
                      i32.const 32
                      i32.and
                      br_if 0 (;@8;)
                      local.get 5
                      i32.const 112
                      i32.add
                      local.get 22
                      local.get 0
                      call 43
                      drop
                    end
                    block ;; label = @8
                      local.get 24
                      local.get 26
                      i32.ge_s
                      br_if 0 (;@8;)
                      local.get 5
                      i32.const 112
                      i32.add
                      i32.const 48
                      local.get 28
                      local.get 24
                      i32.sub
                      local.tee 22
                      i32.const 256
                      local.get 22
                      i32.const 256
                      i32.lt_u
                      local.tee 26
                      select
                      call 55
                      drop
                      block ;; label = @9
                        local.get 26
                        br_if 0 (;@9;)
                        loop ;; label = @10
                          block ;; label = @11
                            local.get 0
                            i32.load8_u
                            i32.const 32
                            i32.and
                            br_if 0 (;@11;)
                            local.get 5
                            i32.const 112
                            i32.add
                            i32.const 256
                            local.get 0
                            call 43
                            drop
                          end
                          local.get 22
                          i32.const -256
                          i32.add
                          local.tee 22
                          i32.const 255
                          i32.gt_u
                          br_if 0 (;@10;)
                        end
                      end
                      local.get 0
                      i32.load8_u
                      i32.const 32
                      i32.and
                      br_if 0 (;@8;)
                      local.get 5
                      i32.const 112
                      i32.add
                      local.get 22
                      local.get 0
                      call 43
                      drop
                    end
                    block ;; label = @8
                      local.get 0
                      i32.load8_u
                      i32.const 32
                      i32.and
                      br_if 0 (;@8;)
                      local.get 21
                      local.get 24
                      local.get 0
                      call 43
                      drop
                    end
                    local.get 29
                    i32.const 8192
                    i32.ne
                    br_if 3 (;@4;)
                    local.get 25
                    local.get 27
                    i32.ge_s
                    br_if 3 (;@4;)
                    local.get 5
                    i32.const 112
                    i32.add
                    i32.const 32
                    local.get 20
                    local.get 25
                    i32.sub
                    local.tee 21
                    i32.const 256
                    local.get 21
                    i32.const 256
                    i32.lt_u
                    local.tee 22
                    select
                    call 55
                    drop
                    block ;; label = @8
                      local.get 22
                      br_if 0 (;@8;)
                      loop ;; label = @9
                        block ;; label = @10
                          local.get 0
                          i32.load8_u
                          i32.const 32
                          i32.and
                          br_if 0 (;@10;)
                          local.get 5
                          i32.const 112
                          i32.add
                          i32.const 256
                          local.get 0
                          call 43
                          drop
                        end
                        local.get 21
                        i32.const -256
                        i32.add
                        local.tee 21
                        i32.const 255
                        i32.gt_u
                        br_if 0 (;@9;)
                      end
                    end
                    local.get 0
                    i32.load8_u
                    i32.const 32
                    i32.and
                    br_if 3 (;@4;)
                    local.get 5
                    i32.const 112
                    i32.add
                    local.get 21
                    local.get 0
                    call 43
                    drop
                    br 3 (;@4;)
                  end
                  i32.const 0
                  i32.const 28
                  i32.store offset=3904
                  br 4 (;@2;)
                end
                local.get 38
                local.get 31
                i32.const 26
                i32.shl
                i32.const 31
                i32.shr_s
                i32.const 9
                i32.and
                i32.add
                local.set 23
                block ;; label = @6
                  local.get 24
                  i32.const 11
                  i32.gt_u
                  br_if 0 (;@6;)
                  block ;; label = @7
                    block ;; label = @8
                      i32.const 12
                      local.get 24
                      i32.sub
                      local.tee 20
                      i32.const 7
                      i32.and
                      local.tee 21
                      br_if 0 (;@8;)
                      f64.const 0x1p+4 (;=16;)
                      local.set 42
                      br 1 (;@7;)
                    end
                    local.get 24
                    i32.const -12
                    i32.add
                    local.set 20
                    f64.const 0x1p+4 (;=16;)
                    local.set 42
                    loop ;; label = @8
                      local.get 20
                      i32.const 1
                      i32.add
                      local.set 20
                      local.get 42
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      local.set 42
                      local.get 21
                      i32.const -1
                      i32.add
                      local.tee 21
                      br_if 0 (;@8;)
                    end
                    i32.const 0
                    local.get 20
                    i32.sub
                    local.set 20
                  end
                  block ;; label = @7
                    local.get 24
                    i32.const -5
                    i32.add
                    i32.const 7
                    i32.lt_u
                    br_if 0 (;@7;)
                    loop ;; label = @8
                      local.get 42
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      f64.const 0x1p+4 (;=16;)
                      f64.mul
                      local.set 42
                      local.get 20
                      i32.const -8
                      i32.add
                      local.tee 20
                      br_if 0 (;@8;)
                    end
                  end
                  block ;; label = @7
                    local.get 23
                    i32.load8_u
                    i32.const 45
                    i32.ne
                    br_if 0 (;@7;)
                    local.get 42
                    local.get 35
                    f64.neg
                    local.get 42
                    f64.sub
                    f64.add
                    f64.neg
                    local.set 35
                    br 1 (;@6;)
                  end
                  local.get 35
                  local.get 42
                  f64.add
                  local.get 42
                  f64.sub
                  local.set 35
                end
                block ;; label = @6
                  block ;; label = @7
                    local.get 5
                    i32.load offset=108
                    local.tee 26
                    i32.eqz
                    br_if 0 (;@7;)
                    local.get 26
                    local.get 26
                    i32.const 31
                    i32.shr_s
                    local.tee 20
                    i32.add
                    local.get 20
                    i32.xor
                    local.set 20
                    i32.const 0
                    local.set 21
                    loop ;; label = @8
                      local.get 5
                      i32.const 68
                      i32.add
                      local.get 21
                      i32.add
                      i32.const 11
                      i32.add
                      local.get 20
                      local.get 20
                      i32.const 10
                      i32.div_u
                      local.tee 22
                      i32.const 10
                      i32.mul
                      i32.sub
                      i32.const 48
                      i32.or
                      i32.store8
                      local.get 21
                      i32.const -1
                      i32.add
                      local.set 21
                      local.get 20
                      i32.const 9
                      i32.gt_u
                      local.set 25
                      local.get 22
                      local.set 20
                      local.get 25
                      br_if 0 (;@8;)
                    end
                    local.get 21
                    i32.eqz
                    br_if 0 (;@7;)
                    local.get 5
                    i32.const 68
                    i32.add
                    local.get 21
                    i32.add
                    i32.const 12
                    i32.add
                    local.set 20
                    br 1 (;@6;)
                  end
                  local.get 5
                  i32.const 48
                  i32.store8 offset=79
                  local.get 9
                  local.set 20
                end
                local.get 36
                i32.const 2
                i32.or
                local.set 28
                local.get 31
                i32.const 32
                i32.and
                local.set 22
                local.get 20
                i32.const -2
                i32.add
                local.tee 29
                local.get 31
                i32.const 15
                i32.add
                i32.store8
                local.get 20
                i32.const -1
                i32.add
                i32.const 45
                i32.const 43
                local.get 26
                i32.const 0
                i32.lt_s
                select
                i32.store8
                local.get 30
                i32.const 8
                i32.and
                local.set 25
                local.get 5
                i32.const 80
                i32.add
                local.set 21
                loop ;; label = @6
                  local.get 21
                  local.set 20
                  block ;; label = @7
                    block ;; label = @8
                      local.get 35
                      f64.abs
                      f64.const 0x1p+31 (;=2147483648;)
                      f64.lt
                      i32.eqz
                      br_if 0 (;@8;)
                      local.get 35
                      i32.trunc_f64_s
                      local.set 21
                      br 1 (;@7;)
                    end
                    i32.const -2147483648
                    local.set 21
                  end
                  local.get 20
                  local.get 21
                  i32.const 3648
                  i32.add
                  i32.load8_u
                  local.get 22
                  i32.or
                  i32.store8
                  local.get 35
                  local.get 21
                  f64.convert_i32_s
                  f64.sub
                  f64.const 0x1p+4 (;=16;)
                  f64.mul
                  local.set 35
                  block ;; label = @7
                    local.get 20
                    i32.const 1
                    i32.add
                    local.tee 21
                    local.get 5
                    i32.const 80
                    i32.add
                    i32.sub
                    i32.const 1
                    i32.ne
                    br_if 0 (;@7;)
                    block ;; label = @8
                      local.get 25
                      br_if 0 (;@8;)
                      local.get 24
                      i32.const 0
                      i32.gt_s
                      br_if 0 (;@8;)
                      local.get 35
                      f64.const 0x0p+0 (;=0;)
                      f64.eq
                      br_if 1 (;@7;)
                    end
                    local.get 20
                    i32.const 46
                    i32.store8 offset=1
                    local.get 20
                    i32.const 2
                    i32.add
                    local.set 21
                  end
                  local.get 35
                  f64.const 0x0p+0 (;=0;)
                  f64.ne
                  br_if 0 (;@6;)
                end
                i32.const 2147483645
                local.get 6
                local.get 29
                i32.sub
                local.tee 32
                local.get 28
                i32.add
                local.tee 20
                i32.sub
                local.get 24
                i32.lt_s
                br_if 2 (;@3;)
                local.get 24
                i32.const 2
                i32.add
                local.get 21
                local.get 5
                i32.const 80
                i32.add
                i32.sub
                local.tee 22
                local.get 8
                local.get 21
                i32.add
                local.get 24
                i32.lt_s
                select
                local.get 22
                local.get 24
                select
                local.tee 26
                local.get 20
                i32.add
                local.set 21
                block ;; label = @6
                  local.get 30
                  i32.const 73728
                  i32.and
                  local.tee 25
                  br_if 0 (;@6;)
                  local.get 27
                  local.get 21
                  i32.le_s
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  i32.const 32
                  local.get 27
                  local.get 21
                  i32.sub
                  local.tee 20
                  i32.const 256
                  local.get 20
                  i32.const 256
                  i32.lt_u
                  local.tee 24
                  select
                  call 55
                  drop
                  block ;; label = @7
                    local.get 24
                    br_if 0 (;@7;)
                    loop ;; label = @8
                      block ;; label = @9
                        local.get 0
                        i32.load8_u
                        i32.const 32
                        i32.and
                        br_if 0 (;@9;)
                        local.get 5
                        i32.const 624
                        i32.add
                        i32.const 256
                        local.get 0
                        call 43
                        drop
                      end
                      local.get 20
                      i32.const -256
                      i32.add
                      local.tee 20
                      i32.const 255
                      i32.gt_u
                      br_if 0 (;@8;)
                    end
                  end
                  local.get 0
                  i32.load8_u
                  i32.const 32
                  i32.and
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  local.get 20
                  local.get 0
                  call 43
                  drop
                end
                block ;; label = @6
                  local.get 0
                  i32.load8_u
                  i32.const 32
                  i32.and
                  br_if 0 (;@6;)
                  local.get 23
                  local.get 28
                  local.get 0
                  call 43
                  drop
                end
                block ;; label = @6
                  local.get 25
                  i32.const 65536
                  i32.ne
                  br_if 0 (;@6;)
                  local.get 27
                  local.get 21
                  i32.le_s
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  i32.const 48
                  local.get 27
                  local.get 21
                  i32.sub
                  local.tee 20
                  i32.const 256
                  local.get 20
                  i32.const 256
                  i32.lt_u
                  local.tee 24
                  select
                  call 55
                  drop
                  block ;; label = @7
                    local.get 24
                    br_if 0 (;@7;)
                    loop ;; label = @8
                      block ;; label = @9
                        local.get 0
                        i32.load8_u
                        i32.const 32
                        i32.and
                        br_if 0 (;@9;)
                        local.get 5
                        i32.const 624
                        i32.add
                        i32.const 256
                        local.get 0
                        call 43
                        drop
                      end
                      local.get 20
                      i32.const -256
                      i32.add
                      local.tee 20
                      i32.const 255
                      i32.gt_u
                      br_if 0 (;@8;)
                    end
                  end
                  local.get 0
                  i32.load8_u
                  i32.const 32
                  i32.and
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  local.get 20
                  local.get 0
                  call 43
                  drop
                end
                block ;; label = @6
                  local.get 0
                  i32.load8_u
                  i32.const 32
                  i32.and
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 80
                  i32.add
                  local.get 22
                  local.get 0
                  call 43
                  drop
                end
                block ;; label = @6
                  local.get 26
                  local.get 22
                  i32.sub
                  local.tee 20
                  i32.const 1
                  i32.lt_s
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  i32.const 48
                  local.get 20
                  i32.const 256
                  local.get 20
                  i32.const 256
                  i32.lt_u
                  local.tee 22
                  select
                  call 55
                  drop
                  block ;; label = @7
                    local.get 22
                    br_if 0 (;@7;)
                    loop ;; label = @8
                      block ;; label = @9
                        local.get 0
                        i32.load8_u
                        i32.const 32
                        i32.and
                        br_if 0 (;@9;)
                        local.get 5
                        i32.const 624
                        i32.add
                        i32.const 256
                        local.get 0
                        call 43
                        drop
                      end
                      local.get 20
                      i32.const -256
                      i32.add
                      local.tee 20
                      i32.const 255
                      i32.gt_u
                      br_if 0 (;@8;)
                    end
                  end
                  local.get 0
                  i32.load8_u
                  i32.const 32
                  i32.and
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  local.get 20
                  local.get 0
                  call 43
                  drop
                end
                block ;; label = @6
                  local.get 0
                  i32.load8_u
                  i32.const 32
                  i32.and
                  br_if 0 (;@6;)
                  local.get 29
                  local.get 32
                  local.get 0
                  call 43
                  drop
                end
                block ;; label = @6
                  local.get 25
                  i32.const 8192
                  i32.ne
                  br_if 0 (;@6;)
                  local.get 27
                  local.get 21
                  i32.le_s
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  i32.const 32
                  local.get 27
                  local.get 21
                  i32.sub
                  local.tee 20
                  i32.const 256
                  local.get 20
                  i32.const 256
                  i32.lt_u
                  local.tee 22
                  select
                  call 55
                  drop
                  block ;; label = @7
                    local.get 22
                    br_if 0 (;@7;)
                    loop ;; label = @8
                      block ;; label = @9
                        local.get 0
                        i32.load8_u
                        i32.const 32
                        i32.and
                        br_if 0 (;@9;)
                        local.get 5
                        i32.const 624
                        i32.add
                        i32.const 256
                        local.get 0
                        call 43
                        drop
                      end
                      local.get 20
                      i32.const -256
                      i32.add
                      local.tee 20
                      i32.const 255
                      i32.gt_u
                      br_if 0 (;@8;)
                    end
                  end
                  local.get 0
                  i32.load8_u
                  i32.const 32
                  i32.and
                  br_if 0 (;@6;)
                  local.get 5
                  i32.const 624
                  i32.add
                  local.get 20
                  local.get 0
                  call 43
                  drop
                end
                local.get 27
                local.get 21
                local.get 27
                local.get 21
                i32.gt_s
                select
                local.set 20
              end
              local.get 20
              i32.const 0
              i32.ge_s
              br_if 0 (;@4;)
            end
          end
          i32.const 0
          i32.const 61
          i32.store offset=3904
        end
        i32.const -1
        local.set 19
      end
      local.get 5
      i32.const 880
      i32.add
      global.set 0
      local.get 19
    )
    (func (;50;) (type 12) (param i32 i32 i32)
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  block ;; label = @7
                    block ;; label = @8
                      block ;; label = @9
                        block ;; label = @10
                          block ;; label = @11
                            block ;; label = @12
                              block ;; label = @13
                                block ;; label = @14
                                  block ;; label = @15
                                    block ;; label = @16
                                      block ;; label = @17
                                        block ;; label = @18
                                          block ;; label = @19
                                            local.get 1
                                            i32.const -9
                                            i32.add
                                            br_table 17 (;@2;) 0 (;@19;) 1 (;@18;) 4 (;@15;) 2 (;@17;) 3 (;@16;) 5 (;@14;) 6 (;@13;) 7 (;@12;) 8 (;@11;) 9 (;@10;) 10 (;@9;) 11 (;@8;) 12 (;@7;) 13 (;@6;) 14 (;@5;) 15 (;@4;) 16 (;@3;) 18 (;@1;)
                                          end
                                          local.get 2
                                          local.get 2
                                          i32.load
                                          local.tee 1
                                          i32.const 4
                                          i32.add
                                          i32.store
                                          local.get 0
                                          local.get 1
                                          i64.load32_s
                                          i64.store
                                          return
                                        end
                                        local.get 2
                                        local.get 2
                                        i32.load
                                        local.tee 1
                                        i32.const 4
                                        i32.add
                                        i32.store
                                        local.get 0
                                        local.get 1
                                        i64.load32_u
                                        i64.store
                                        return
                                      end
                                      local.get 2
                                      local.get 2
                                      i32.load
                                      local.tee 1
                                      i32.const 4
                                      i32.add
                                      i32.store
                                      local.get 0
                                      local.get 1
                                      i64.load32_s
                                      i64.store
                                      return
                                    end
                                    local.get 2
                                    local.get 2
                                    i32.load
                                    local.tee 1
                                    i32.const 4
                                    i32.add
                                    i32.store
                                    local.get 0
                                    local.get 1
                                    i64.load32_u
                                    i64.store
                                    return
                                  end
                                  local.get 2
                                  local.get 2
                                  i32.load
                                  i32.const 7
                                  i32.add
                                  i32.const -8
                                  i32.and
                                  local.tee 1
                                  i32.const 8
                                  i32.add
                                  i32.store
                                  local.get 0
                                  local.get 1
                                  i64.load
                                  i64.store
                                  return
                                end
                                local.get 2
                                local.get 2
                                i32.load
                                local.tee 1
                                i32.const 4
                                i32.add
                                i32.store
                                local.get 0
                                local.get 1
                                i64.load16_s
                                i64.store
                                return
                              end
                              local.get 2
                              local.get 2
                              i32.load
                              local.tee 1
                              i32.const 4
                              i32.add
                              i32.store
                              local.get 0
                              local.get 1
                              i64.load16_u
                              i64.store
                              return
                            end
                            local.get 2
                            local.get 2
                            i32.load
                            local.tee 1
                            i32.const 4
                            i32.add
                            i32.store
                            local.get 0
                            local.get 1
                            i64.load8_s
                            i64.store
                            return
                          end
                          local.get 2
                          local.get 2
                          i32.load
                          local.tee 1
                          i32.const 4
                          i32.add
                          i32.store
                          local.get 0
                          local.get 1
                          i64.load8_u
                          i64.store
                          return
                        end
                        local.get 2
                        local.get 2
                        i32.load
                        i32.const 7
                        i32.add
                        i32.const -8
                        i32.and
                        local.tee 1
                        i32.const 8
                        i32.add
                        i32.store
                        local.get 0
                        local.get 1
                        i64.load
                        i64.store
                        return
                      end
                      local.get 2
                      local.get 2
                      i32.load
                      local.tee 1
                      i32.const 4
                      i32.add
                      i32.store
                      local.get 0
                      local.get 1
                      i64.load32_u
                      i64.store
                      return
                    end
                    local.get 2
                    local.get 2
                    i32.load
                    i32.const 7
                    i32.add
                    i32.const -8
                    i32.and
                    local.tee 1
                    i32.const 8
                    i32.add
                    i32.store
                    local.get 0
                    local.get 1
                    i64.load
                    i64.store
                    return
                  end
                  local.get 2
                  local.get 2
                  i32.load
                  i32.const 7
                  i32.add
                  i32.const -8
                  i32.and
                  local.tee 1
                  i32.const 8
                  i32.add
                  i32.store
                  local.get 0
                  local.get 1
                  i64.load
                  i64.store
                  return
                end
                local.get 2
                local.get 2
                i32.load
                local.tee 1
                i32.const 4
                i32.add
                i32.store
                local.get 0
                local.get 1
                i64.load32_s
                i64.store
                return
              end
              local.get 2
              local.get 2
              i32.load
              local.tee 1
              i32.const 4
              i32.add
              i32.store
              local.get 0
              local.get 1
              i64.load32_u
              i64.store
              return
            end
            local.get 2
            local.get 2
            i32.load
            i32.const 7
            i32.add
            i32.const -8
            i32.and
            local.tee 1
            i32.const 8
            i32.add
            i32.store
            local.get 0
            local.get 1
            f64.load
            f64.store
            return
          end
          call 52
          unreachable
        end
        local.get 2
        local.get 2
        i32.load
        local.tee 1
        i32.const 4
        i32.add
        i32.store
        local.get 0
        local.get 1
        i32.load
        i32.store
      end
    )
    (func (;51;) (type 13) (param i32 i32 i32 i32 i32)
      (local i32)
      global.get 0
      i32.const 256
      i32.sub
      local.tee 5
      global.set 0
      block ;; label = @1
        local.get 2
        local.get 3
        i32.le_s
        br_if 0 (;@1;)
        local.get 4
        i32.const 73728
        i32.and
        br_if 0 (;@1;)
        local.get 5
        local.get 1
        local.get 2
        local.get 3
        i32.sub
        local.tee 2
        i32.const 256
        local.get 2
        i32.const 256
        i32.lt_u
        local.tee 4
        select
        call 55
        local.set 3
        block ;; label = @2
          local.get 4
          br_if 0 (;@2;)
          loop ;; label = @3
            block ;; label = @4
              local.get 0
              i32.load8_u
              i32.const 32
              i32.and
              br_if 0 (;@4;)
              local.get 3
              i32.const 256
              local.get 0
              call 43
              drop
            end
            local.get 2
            i32.const -256
            i32.add
            local.tee 2
            i32.const 255
            i32.gt_u
            br_if 0 (;@3;)
          end
        end
        local.get 0
        i32.load8_u
        i32.const 32
        i32.and
        br_if 0 (;@1;)
        local.get 3
        local.get 2
        local.get 0
        call 43
        drop
      end
      local.get 5
      i32.const 256
      i32.add
      global.set 0
    )
    (func (;52;) (type 8)
      i32.const 1307
      i32.const 3784
      call 46
      drop
      call 47
      unreachable
    )
    (func (;53;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32 i32)
      i32.const 0
      local.set 3
      block ;; label = @1
        local.get 2
        i32.eqz
        br_if 0 (;@1;)
        block ;; label = @2
          loop ;; label = @3
            local.get 0
            i32.load8_u
            local.tee 4
            local.get 1
            i32.load8_u
            local.tee 5
            i32.ne
            br_if 1 (;@2;)
            local.get 1
            i32.const 1
            i32.add
            local.set 1
            local.get 0
            i32.const 1
            i32.add
            local.set 0
            local.get 2
            i32.const -1
            i32.add
            local.tee 2
            br_if 0 (;@3;)
            br 2 (;@1;)
          end
        end
        local.get 4
        local.get 5
        i32.sub
        local.set 3
      end
      local.get 3
    )
    (func (;54;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32 i32 i32 i32 i32)
      block ;; label = @1
        block ;; label = @2
          local.get 1
          i32.const 3
          i32.and
          i32.eqz
          br_if 0 (;@2;)
          local.get 2
          i32.eqz
          br_if 0 (;@2;)
          local.get 0
          local.get 1
          i32.load8_u
          i32.store8
          local.get 2
          i32.const -1
          i32.add
          local.set 3
          local.get 0
          i32.const 1
          i32.add
          local.set 4
          local.get 1
          i32.const 1
          i32.add
          local.tee 5
          i32.const 3
          i32.and
          i32.eqz
          br_if 1 (;@1;)
          local.get 3
          i32.eqz
          br_if 1 (;@1;)
          local.get 0
          local.get 1
          i32.load8_u offset=1
          i32.store8 offset=1
          local.get 2
          i32.const -2
          i32.add
          local.set 3
          local.get 0
          i32.const 2
          i32.add
          local.set 4
          local.get 1
          i32.const 2
          i32.add
          local.tee 5
          i32.const 3
          i32.and
          i32.eqz
          br_if 1 (;@1;)
          local.get 3
          i32.eqz
          br_if 1 (;@1;)
          local.get 0
          local.get 1
          i32.load8_u offset=2
          i32.store8 offset=2
          local.get 2
          i32.const -3
          i32.add
          local.set 3
          local.get 0
          i32.const 3
          i32.add
          local.set 4
          local.get 1
          i32.const 3
          i32.add
          local.tee 5
          i32.const 3
          i32.and
          i32.eqz
          br_if 1 (;@1;)
          local.get 3
          i32.eqz
          br_if 1 (;@1;)
          local.get 0
          local.get 1
          i32.load8_u offset=3
          i32.store8 offset=3
          local.get 2
          i32.const -4
          i32.add
          local.set 3
          local.get 0
          i32.const 4
          i32.add
          local.set 4
          local.get 1
          i32.const 4
          i32.add
          local.set 5
          br 1 (;@1;)
        end
        local.get 2
        local.set 3
        local.get 0
        local.set 4
        local.get 1
        local.set 5
      end
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            local.get 4
            i32.const 3
            i32.and
            local.tee 1
            br_if 0 (;@3;)
            block ;; label = @4
              block ;; label = @5
                local.get 3
                i32.const 16
                i32.lt_u
                br_if 0 (;@5;)
                block ;; label = @6
                  local.get 3
                  i32.const -16
                  i32.add
                  local.tee 1
                  i32.const 16
                  i32.and
                  br_if 0 (;@6;)
                  local.get 4
                  local.get 5
                  i64.load align=4
                  i64.store align=4
                  local.get 4
                  local.get 5
                  i64.load offset=8 align=4
                  i64.store offset=8 align=4
                  local.get 4
                  i32.const 16
                  i32.add
                  local.set 4
                  local.get 5
                  i32.const 16
                  i32.add
                  local.set 5
                  local.get 1
                  local.set 3
                end
                local.get 1
                i32.const 16
                i32.lt_u
                br_if 1 (;@4;)
                loop ;; label = @6
                  local.get 4
                  local.get 5
                  i64.load align=4
                  i64.store align=4
                  local.get 4
                  i32.const 8
                  i32.add
                  local.get 5
                  i32.const 8
                  i32.add
                  i64.load align=4
                  i64.store align=4
                  local.get 4
                  i32.const 16
                  i32.add
                  local.get 5
                  i32.const 16
                  i32.add
                  i64.load align=4
                  i64.store align=4
                  local.get 4
                  i32.const 24
                  i32.add
                  local.get 5
                  i32.const 24
                  i32.add
                  i64.load align=4
                  i64.store align=4
                  local.get 4
                  i32.const 32
                  i32.add
                  local.set 4
                  local.get 5
                  i32.const 32
                  i32.add
                  local.set 5
                  local.get 3
                  i32.const -32
                  i32.add
                  local.tee 3
                  i32.const 15
                  i32.gt_u
                  br_if 0 (;@6;)
                end
              end
              local.get 3
              local.set 1
            end
            block ;; label = @4
              local.get 1
              i32.const 8
              i32.and
              i32.eqz
              br_if 0 (;@4;)
              local.get 4
              local.get 5
              i64.load align=4
              i64.store align=4
              local.get 5
              i32.const 8
              i32.add
              local.set 5
              local.get 4
              i32.const 8
              i32.add
              local.set 4
            end
            block ;; label = @4
              local.get 1
              i32.const 4
              i32.and
              i32.eqz
              br_if 0 (;@4;)
              local.get 4
              local.get 5
              i32.load
              i32.store
              local.get 5
              i32.const 4
              i32.add
              local.set 5
              local.get 4
              i32.const 4
              i32.add
              local.set 4
            end
            block ;; label = @4
              local.get 1
              i32.const 2
              i32.and
              i32.eqz
              br_if 0 (;@4;)
              local.get 4
              local.get 5
              i32.load16_u align=1
              i32.store16 align=1
              local.get 4
              i32.const 2
              i32.add
              local.set 4
              local.get 5
              i32.const 2
              i32.add
              local.set 5
            end
            local.get 1
            i32.const 1
            i32.and
            br_if 1 (;@2;)
            br 2 (;@1;)
          end
          block ;; label = @3
            local.get 3
            i32.const 32
            i32.lt_u
            br_if 0 (;@3;)
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  local.get 1
                  i32.const -1
                  i32.add
                  br_table 0 (;@6;) 1 (;@5;) 2 (;@4;) 3 (;@3;)
                end
                local.get 4
                local.get 5
                i32.load
                local.tee 6
                i32.store8
                local.get 4
                local.get 6
                i32.const 16
                i32.shr_u
                i32.store8 offset=2
                local.get 4
                local.get 6
                i32.const 8
                i32.shr_u
                i32.store8 offset=1
                local.get 3
                i32.const -3
                i32.add
                local.set 3
                local.get 4
                i32.const 3
                i32.add
                local.set 7
                i32.const 0
                local.set 1
                loop ;; label = @6
                  local.get 7
                  local.get 1
                  i32.add
                  local.tee 4
                  local.get 5
                  local.get 1
                  i32.add
                  local.tee 2
                  i32.const 4
                  i32.add
                  i32.load
                  local.tee 8
                  i32.const 8
                  i32.shl
                  local.get 6
                  i32.const 24
                  i32.shr_u
                  i32.or
                  i32.store
                  local.get 4
                  i32.const 4
                  i32.add
                  local.get 2
                  i32.const 8
                  i32.add
                  i32.load
                  local.tee 6
                  i32.const 8
                  i32.shl
                  local.get 8
                  i32.const 24
                  i32.shr_u
                  i32.or
                  i32.store
                  local.get 4
                  i32.const 8
                  i32.add
                  local.get 2
                  i32.const 12
                  i32.add
                  i32.load
                  local.tee 8
                  i32.const 8
                  i32.shl
                  local.get 6
                  i32.const 24
                  i32.shr_u
                  i32.or
                  i32.store
                  local.get 4
                  i32.const 12
                  i32.add
                  local.get 2
                  i32.const 16
                  i32.add
                  i32.load
                  local.tee 6
                  i32.const 8
                  i32.shl
                  local.get 8
                  i32.const 24
                  i32.shr_u
                  i32.or
                  i32.store
                  local.get 1
                  i32.const 16
                  i32.add
                  local.set 1
                  local.get 3
                  i32.const -16
                  i32.add
                  local.tee 3
                  i32.const 16
                  i32.gt_u
                  br_if 0 (;@6;)
                end
                local.get 7
                local.get 1
                i32.add
                local.set 4
                local.get 5
                local.get 1
                i32.add
                i32.const 3
                i32.add
                local.set 5
                br 2 (;@3;)
              end
              local.get 4
              local.get 5
              i32.load
              local.tee 6
              i32.store16 align=1
              local.get 3
              i32.const -2
              i32.add
              local.set 3
              local.get 4
              i32.const 2
              i32.add
              local.set 7
              i32.const 0
              local.set 1
              loop ;; label = @5
                local.get 7
                local.get 1
                i32.add
                local.tee 4
                local.get 5
                local.get 1
                i32.add
                local.tee 2
                i32.const 4
                i32.add
                i32.load
                local.tee 8
                i32.const 16
                i32.shl
                local.get 6
                i32.const 16
                i32.shr_u
                i32.or
                i32.store
                local.get 4
                i32.const 4
                i32.add
                local.get 2
                i32.const 8
                i32.add
                i32.load
                local.tee 6
                i32.const 16
                i32.shl
                local.get 8
                i32.const 16
                i32.shr_u
                i32.or
                i32.store
                local.get 4
                i32.const 8
                i32.add
                local.get 2
                i32.const 12
                i32.add
                i32.load
                local.tee 8
                i32.const 16
                i32.shl
                local.get 6
                i32.const 16
                i32.shr_u
                i32.or
                i32.store
                local.get 4
                i32.const 12
                i32.add
                local.get 2
                i32.const 16
                i32.add
                i32.load
                local.tee 6
                i32.const 16
                i32.shl
                local.get 8
                i32.const 16
                i32.shr_u
                i32.or
                i32.store
                local.get 1
                i32.const 16
                i32.add
                local.set 1
                local.get 3
                i32.const -16
                i32.add
                local.tee 3
                i32.const 17
                i32.gt_u
                br_if 0 (;@5;)
              end
              local.get 7
              local.get 1
              i32.add
              local.set 4
              local.get 5
              local.get 1
              i32.add
              i32.const 2
              i32.add
              local.set 5
              br 1 (;@3;)
            end
            local.get 4
            local.get 5
            i32.load
            local.tee 6
            i32.store8
            local.get 3
            i32.const -1
            i32.add
            local.set 3
            local.get 4
            i32.const 1
            i32.add
            local.set 7
            i32.const 0
            local.set 1
            loop ;; label = @4
              local.get 7
              local.get 1
              i32.add
              local.tee 4
              local.get 5
              local.get 1
              i32.add
              local.tee 2
              i32.const 4
              i32.add
              i32.load
              local.tee 8
              i32.const 24
              i32.shl
              local.get 6
              i32.const 8
              i32.shr_u
              i32.or
              i32.store
              local.get 4
              i32.const 4
              i32.add
              local.get 2
              i32.const 8
              i32.add
              i32.load
              local.tee 6
              i32.const 24
              i32.shl
              local.get 8
              i32.const 8
              i32.shr_u
              i32.or
              i32.store
              local.get 4
              i32.const 8
              i32.add
              local.get 2
              i32.const 12
              i32.add
              i32.load
              local.tee 8
              i32.const 24
              i32.shl
              local.get 6
              i32.const 8
              i32.shr_u
              i32.or
              i32.store
              local.get 4
              i32.const 12
              i32.add
              local.get 2
              i32.const 16
              i32.add
              i32.load
              local.tee 6
              i32.const 24
              i32.shl
              local.get 8
              i32.const 8
              i32.shr_u
              i32.or
              i32.store
              local.get 1
              i32.const 16
              i32.add
              local.set 1
              local.get 3
              i32.const -16
              i32.add
              local.tee 3
              i32.const 18
              i32.gt_u
              br_if 0 (;@4;)
            end
            local.get 7
            local.get 1
            i32.add
            local.set 4
            local.get 5
            local.get 1
            i32.add
            i32.const 1
            i32.add
            local.set 5
          end
          block ;; label = @3
            local.get 3
            i32.const 16
            i32.and
            i32.eqz
            br_if 0 (;@3;)
            local.get 4
            local.get 5
            i32.load8_u
            i32.store8
            local.get 4
            local.get 5
            i32.load offset=1 align=1
            i32.store offset=1 align=1
            local.get 4
            local.get 5
            i64.load offset=5 align=1
            i64.store offset=5 align=1
            local.get 4
            local.get 5
            i32.load16_u offset=13 align=1
            i32.store16 offset=13 align=1
            local.get 4
            local.get 5
            i32.load8_u offset=15
            i32.store8 offset=15
            local.get 4
            i32.const 16
            i32.add
            local.set 4
            local.get 5
            i32.const 16
            i32.add
            local.set 5
          end
          block ;; label = @3
            local.get 3
            i32.const 8
            i32.and
            i32.eqz
            br_if 0 (;@3;)
            local.get 4
            local.get 5
            i64.load align=1
            i64.store align=1
            local.get 4
            i32.const 8
            i32.add
            local.set 4
            local.get 5
            i32.const 8
            i32.add
            local.set 5
          end
          block ;; label = @3
            local.get 3
            i32.const 4
            i32.and
            i32.eqz
            br_if 0 (;@3;)
            local.get 4
            local.get 5
            i32.load align=1
            i32.store align=1
            local.get 4
            i32.const 4
            i32.add
            local.set 4
            local.get 5
            i32.const 4
            i32.add
            local.set 5
          end
          block ;; label = @3
            local.get 3
            i32.const 2
            i32.and
            i32.eqz
            br_if 0 (;@3;)
            local.get 4
            local.get 5
            i32.load16_u align=1
            i32.store16 align=1
            local.get 4
            i32.const 2
            i32.add
            local.set 4
            local.get 5
            i32.const 2
            i32.add
            local.set 5
          end
          local.get 3
          i32.const 1
          i32.and
          i32.eqz
          br_if 1 (;@1;)
        end
        local.get 4
        local.get 5
        i32.load8_u
        i32.store8
      end
      local.get 0
    )
    (func (;55;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32 i32 i64)
      block ;; label = @1
        local.get 2
        i32.eqz
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        i32.store8
        local.get 2
        local.get 0
        i32.add
        local.tee 3
        i32.const -1
        i32.add
        local.get 1
        i32.store8
        local.get 2
        i32.const 3
        i32.lt_u
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        i32.store8 offset=2
        local.get 0
        local.get 1
        i32.store8 offset=1
        local.get 3
        i32.const -3
        i32.add
        local.get 1
        i32.store8
        local.get 3
        i32.const -2
        i32.add
        local.get 1
        i32.store8
        local.get 2
        i32.const 7
        i32.lt_u
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        i32.store8 offset=3
        local.get 3
        i32.const -4
        i32.add
        local.get 1
        i32.store8
        local.get 2
        i32.const 9
        i32.lt_u
        br_if 0 (;@1;)
        local.get 0
        i32.const 0
        local.get 0
        i32.sub
        i32.const 3
        i32.and
        local.tee 4
        i32.add
        local.tee 3
        local.get 1
        i32.const 255
        i32.and
        i32.const 16843009
        i32.mul
        local.tee 1
        i32.store
        local.get 3
        local.get 2
        local.get 4
        i32.sub
        i32.const -4
        i32.and
        local.tee 4
        i32.add
        local.tee 2
        i32.const -4
        i32.add
        local.get 1
        i32.store
        local.get 4
        i32.const 9
        i32.lt_u
        br_if 0 (;@1;)
        local.get 3
        local.get 1
        i32.store offset=8
        local.get 3
        local.get 1
        i32.store offset=4
        local.get 2
        i32.const -8
        i32.add
        local.get 1
        i32.store
        local.get 2
        i32.const -12
        i32.add
        local.get 1
        i32.store
        local.get 4
        i32.const 25
        i32.lt_u
        br_if 0 (;@1;)
        local.get 3
        local.get 1
        i32.store offset=24
        local.get 3
        local.get 1
        i32.store offset=20
        local.get 3
        local.get 1
        i32.store offset=16
        local.get 3
        local.get 1
        i32.store offset=12
        local.get 2
        i32.const -16
        i32.add
        local.get 1
        i32.store
        local.get 2
        i32.const -20
        i32.add
        local.get 1
        i32.store
        local.get 2
        i32.const -24
        i32.add
        local.get 1
        i32.store
        local.get 2
        i32.const -28
        i32.add
        local.get 1
        i32.store
        local.get 4
        local.get 3
        i32.const 4
        i32.and
        i32.const 24
        i32.or
        local.tee 5
        i32.sub
        local.tee 2
        i32.const 32
        i32.lt_u
        br_if 0 (;@1;)
        local.get 1
        i64.extend_i32_u
        i64.const 4294967297
        i64.mul
        local.set 6
        local.get 3
        local.get 5
        i32.add
        local.set 1
        loop ;; label = @2
          local.get 1
          local.get 6
          i64.store
          local.get 1
          i32.const 24
          i32.add
          local.get 6
          i64.store
          local.get 1
          i32.const 16
          i32.add
          local.get 6
          i64.store
          local.get 1
          i32.const 8
          i32.add
          local.get 6
          i64.store
          local.get 1
          i32.const 32
          i32.add
          local.set 1
          local.get 2
          i32.const -32
          i32.add
          local.tee 2
          i32.const 31
          i32.gt_u
          br_if 0 (;@2;)
        end
      end
      local.get 0
    )
    (func (;56;) (type 4) (param i32) (result i32)
      (local i32 i32)
      local.get 0
      local.set 1
      block ;; label = @1
        block ;; label = @2
          local.get 0
          i32.const 3
          i32.and
          i32.eqz
          br_if 0 (;@2;)
          local.get 0
          local.set 1
          local.get 0
          i32.load8_u
          i32.eqz
          br_if 1 (;@1;)
          local.get 0
          i32.const 1
          i32.add
          local.tee 1
          i32.const 3
          i32.and
          i32.eqz
          br_if 0 (;@2;)
          local.get 1
          i32.load8_u
          i32.eqz
          br_if 1 (;@1;)
          local.get 0
          i32.const 2
          i32.add
          local.tee 1
          i32.const 3
          i32.and
          i32.eqz
          br_if 0 (;@2;)
          local.get 1
          i32.load8_u
          i32.eqz
          br_if 1 (;@1;)
          local.get 0
          i32.const 3
          i32.add
          local.tee 1
          i32.const 3
          i32.and
          i32.eqz
          br_if 0 (;@2;)
          local.get 1
          i32.load8_u
          i32.eqz
          br_if 1 (;@1;)
          local.get 0
          i32.const 4
          i32.add
          local.set 1
        end
        local.get 1
        i32.const -4
        i32.add
        local.set 1
        loop ;; label = @2
          local.get 1
          i32.const 4
          i32.add
          local.tee 1
          i32.load
          local.tee 2
          i32.const -1
          i32.xor
          local.get 2
          i32.const -16843009
          i32.add
          i32.and
          i32.const -2139062144
          i32.and
          i32.eqz
          br_if 0 (;@2;)
        end
        local.get 2
        i32.const 255
        i32.and
        i32.eqz
        br_if 0 (;@1;)
        loop ;; label = @2
          local.get 1
          i32.const 1
          i32.add
          local.tee 1
          i32.load8_u
          br_if 0 (;@2;)
        end
      end
      local.get 1
      local.get 0
      i32.sub
    )
    (func (;57;) (type 0) (param i32 i32 i32) (result i32)
      (local i32 i32 i32)
      local.get 2
      i32.const 0
      i32.ne
      local.set 3
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              local.get 0
              i32.const 3
              i32.and
              i32.eqz
              br_if 0 (;@4;)
              local.get 2
              i32.eqz
              br_if 0 (;@4;)
              block ;; label = @5
                local.get 0
                i32.load8_u
                local.get 1
                i32.const 255
                i32.and
                i32.ne
                br_if 0 (;@5;)
                local.get 0
                local.set 4
                local.get 2
                local.set 5
                br 3 (;@2;)
              end
              local.get 2
              i32.const -1
              i32.add
              local.tee 5
              i32.const 0
              i32.ne
              local.set 3
              local.get 0
              i32.const 1
              i32.add
              local.tee 4
              i32.const 3
              i32.and
              i32.eqz
              br_if 1 (;@3;)
              local.get 5
              i32.eqz
              br_if 1 (;@3;)
              local.get 4
              i32.load8_u
              local.get 1
              i32.const 255
              i32.and
              i32.eq
              br_if 2 (;@2;)
              local.get 2
              i32.const -2
              i32.add
              local.tee 5
              i32.const 0
              i32.ne
              local.set 3
              local.get 0
              i32.const 2
              i32.add
              local.tee 4
              i32.const 3
              i32.and
              i32.eqz
              br_if 1 (;@3;)
              local.get 5
              i32.eqz
              br_if 1 (;@3;)
              local.get 4
              i32.load8_u
              local.get 1
              i32.const 255
              i32.and
              i32.eq
              br_if 2 (;@2;)
              local.get 2
              i32.const -3
              i32.add
              local.tee 5
              i32.const 0
              i32.ne
              local.set 3
              local.get 0
              i32.const 3
              i32.add
              local.tee 4
              i32.const 3
              i32.and
              i32.eqz
              br_if 1 (;@3;)
              local.get 5
              i32.eqz
              br_if 1 (;@3;)
              local.get 4
              i32.load8_u
              local.get 1
              i32.const 255
              i32.and
              i32.eq
              br_if 2 (;@2;)
              local.get 0
              i32.const 4
              i32.add
              local.set 4
              local.get 2
              i32.const -4
              i32.add
              local.tee 5
              i32.const 0
              i32.ne
              local.set 3
              br 1 (;@3;)
            end
            local.get 2
            local.set 5
            local.get 0
            local.set 4
          end
          local.get 3
          i32.eqz
          br_if 1 (;@1;)
        end
        block ;; label = @2
          local.get 4
          i32.load8_u
          local.get 1
          i32.const 255
          i32.and
          i32.eq
          br_if 0 (;@2;)
          local.get 5
          i32.const 4
          i32.lt_u
          br_if 0 (;@2;)
          local.get 1
          i32.const 255
          i32.and
          i32.const 16843009
          i32.mul
          local.set 0
          loop ;; label = @3
            local.get 4
            i32.load
            local.get 0
            i32.xor
            local.tee 2
            i32.const -1
            i32.xor
            local.get 2
            i32.const -16843009
            i32.add
            i32.and
            i32.const -2139062144
            i32.and
            br_if 1 (;@2;)
            local.get 4
            i32.const 4
            i32.add
            local.set 4
            local.get 5
            i32.const -4
            i32.add
            local.tee 5
            i32.const 3
            i32.gt_u
            br_if 0 (;@3;)
          end
        end
        local.get 5
        i32.eqz
        br_if 0 (;@1;)
        local.get 1
        i32.const 255
        i32.and
        local.set 2
        loop ;; label = @2
          block ;; label = @3
            local.get 4
            i32.load8_u
            local.get 2
            i32.ne
            br_if 0 (;@3;)
            local.get 4
            return
          end
          local.get 4
          i32.const 1
          i32.add
          local.set 4
          local.get 5
          i32.const -1
          i32.add
          local.tee 5
          br_if 0 (;@2;)
        end
      end
      i32.const 0
    )
    (func (;58;) (type 2) (param i32 i32) (result i32)
      (local i32)
      local.get 0
      i32.const 0
      local.get 1
      call 57
      local.tee 2
      local.get 0
      i32.sub
      local.get 1
      local.get 2
      select
    )
    (func (;59;) (type 2) (param i32 i32) (result i32)
      local.get 0
    )
    (func (;60;) (type 2) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      call 59
    )
    (func (;61;) (type 0) (param i32 i32 i32) (result i32)
      (local i32)
      i32.const 1
      local.set 3
      block ;; label = @1
        local.get 0
        i32.eqz
        br_if 0 (;@1;)
        block ;; label = @2
          local.get 1
          i32.const 127
          i32.gt_u
          br_if 0 (;@2;)
          local.get 0
          local.get 1
          i32.store8
          i32.const 1
          return
        end
        block ;; label = @2
          block ;; label = @3
            i32.const 0
            i32.load offset=4960
            br_if 0 (;@3;)
            block ;; label = @4
              local.get 1
              i32.const -128
              i32.and
              i32.const 57216
              i32.eq
              br_if 0 (;@4;)
              i32.const 0
              i32.const 25
              i32.store offset=3904
              br 2 (;@2;)
            end
            local.get 0
            local.get 1
            i32.store8
            i32.const 1
            return
          end
          block ;; label = @3
            local.get 1
            i32.const 2047
            i32.gt_u
            br_if 0 (;@3;)
            local.get 0
            local.get 1
            i32.const 63
            i32.and
            i32.const 128
            i32.or
            i32.store8 offset=1
            local.get 0
            local.get 1
            i32.const 6
            i32.shr_u
            i32.const 192
            i32.or
            i32.store8
            i32.const 2
            return
          end
          block ;; label = @3
            block ;; label = @4
              local.get 1
              i32.const 55296
              i32.lt_u
              br_if 0 (;@4;)
              local.get 1
              i32.const -8192
              i32.and
              i32.const 57344
              i32.ne
              br_if 1 (;@3;)
            end
            local.get 0
            local.get 1
            i32.const 63
            i32.and
            i32.const 128
            i32.or
            i32.store8 offset=2
            local.get 0
            local.get 1
            i32.const 12
            i32.shr_u
            i32.const 224
            i32.or
            i32.store8
            local.get 0
            local.get 1
            i32.const 6
            i32.shr_u
            i32.const 63
            i32.and
            i32.const 128
            i32.or
            i32.store8 offset=1
            i32.const 3
            return
          end
          block ;; label = @3
            local.get 1
            i32.const -65536
            i32.add
            i32.const 1048575
            i32.gt_u
            br_if 0 (;@3;)
            local.get 0
            local.get 1
            i32.const 63
            i32.and
            i32.const 128
            i32.or
            i32.store8 offset=3
            local.get 0
            local.get 1
            i32.const 18
            i32.shr_u
            i32.const 240
            i32.or
            i32.store8
            local.get 0
            local.get 1
            i32.const 6
            i32.shr_u
            i32.const 63
            i32.and
            i32.const 128
            i32.or
            i32.store8 offset=2
            local.get 0
            local.get 1
            i32.const 12
            i32.shr_u
            i32.const 63
            i32.and
            i32.const 128
            i32.or
            i32.store8 offset=1
            i32.const 4
            return
          end
          i32.const 0
          i32.const 25
          i32.store offset=3904
        end
        i32.const -1
        local.set 3
      end
      local.get 3
    )
    (func (;62;) (type 2) (param i32 i32) (result i32)
      block ;; label = @1
        local.get 0
        br_if 0 (;@1;)
        i32.const 0
        return
      end
      local.get 0
      local.get 1
      i32.const 0
      call 61
    )
    (func (;63;) (type 14) (param f64 i32) (result f64)
      (local i64 i32)
      block ;; label = @1
        local.get 0
        i64.reinterpret_f64
        local.tee 2
        i64.const 52
        i64.shr_u
        i32.wrap_i64
        i32.const 2047
        i32.and
        local.tee 3
        i32.const 2047
        i32.eq
        br_if 0 (;@1;)
        block ;; label = @2
          local.get 3
          br_if 0 (;@2;)
          block ;; label = @3
            local.get 0
            f64.const 0x0p+0 (;=0;)
            f64.ne
            br_if 0 (;@3;)
            local.get 1
            i32.const 0
            i32.store
            local.get 0
            return
          end
          local.get 0
          f64.const 0x1p+64 (;=18446744073709552000;)
          f64.mul
          local.get 1
          call 63
          local.set 0
          local.get 1
          local.get 1
          i32.load
          i32.const -64
          i32.add
          i32.store
          local.get 0
          return
        end
        local.get 1
        local.get 3
        i32.const -1022
        i32.add
        i32.store
        local.get 2
        i64.const -9218868437227405313
        i64.and
        i64.const 4602678819172646912
        i64.or
        f64.reinterpret_i64
        local.set 0
      end
      local.get 0
    )
    (func (;64;) (type 15) (param i32 i64 i64 i64 i64 i32)
      (local i32 i64 i64 i64 i64 i64 i64)
      global.get 0
      i32.const 48
      i32.sub
      local.tee 6
      global.set 0
      local.get 5
      i32.const 0
      i32.store
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            local.get 1
            local.get 2
            i64.const -9223372036854775808
            i64.xor
            i64.or
            i64.const 0
            i64.ne
            br_if 0 (;@3;)
            local.get 3
            i64.const 2
            i64.lt_u
            i32.const 0
            local.get 4
            i64.eqz
            select
            i32.eqz
            br_if 1 (;@2;)
            br 2 (;@1;)
          end
          block ;; label = @3
            local.get 3
            local.get 4
            i64.const -9223372036854775808
            i64.xor
            i64.or
            i64.const 0
            i64.ne
            br_if 0 (;@3;)
            local.get 1
            i64.const 2
            i64.lt_u
            i32.const 0
            local.get 2
            i64.eqz
            select
            i32.eqz
            br_if 1 (;@2;)
            br 2 (;@1;)
          end
          local.get 2
          i64.const 63
          i64.shr_s
          local.tee 7
          local.get 1
          i64.xor
          local.tee 8
          local.get 7
          i64.sub
          local.tee 9
          i64.const 2
          i64.lt_u
          local.get 7
          local.get 2
          i64.xor
          local.get 7
          i64.sub
          local.get 8
          local.get 7
          i64.lt_u
          i64.extend_i32_u
          i64.sub
          local.tee 10
          i64.const 0
          i64.lt_s
          local.get 10
          i64.eqz
          select
          br_if 1 (;@1;)
          local.get 4
          i64.const 63
          i64.shr_s
          local.tee 8
          local.get 3
          i64.xor
          local.tee 11
          local.get 8
          i64.sub
          local.tee 12
          i64.const 2
          i64.lt_u
          local.get 8
          local.get 4
          i64.xor
          local.get 8
          i64.sub
          local.get 11
          local.get 8
          i64.lt_u
          i64.extend_i32_u
          i64.sub
          local.tee 11
          i64.const 0
          i64.lt_s
          local.get 11
          i64.eqz
          select
          br_if 1 (;@1;)
          block ;; label = @3
            local.get 7
            local.get 8
            i64.xor
            local.tee 7
            local.get 7
            i64.or
            i64.const 0
            i64.ne
            br_if 0 (;@3;)
            local.get 6
            i32.const 16
            i32.add
            i64.const -1
            i64.const 9223372036854775807
            local.get 12
            local.get 11
            call 68
            local.get 9
            local.get 6
            i64.load offset=16
            i64.gt_u
            local.get 10
            local.get 6
            i32.const 24
            i32.add
            i64.load
            local.tee 7
            i64.gt_u
            local.get 10
            local.get 7
            i64.eq
            select
            br_if 1 (;@2;)
            br 2 (;@1;)
          end
          local.get 6
          i32.const 32
          i32.add
          i64.const 0
          i64.const -9223372036854775808
          local.get 12
          local.get 11
          call 68
          local.get 9
          local.get 6
          i64.load offset=32
          i64.le_u
          local.get 10
          local.get 6
          i32.const 40
          i32.add
          i64.load
          local.tee 7
          i64.le_u
          local.get 10
          local.get 7
          i64.eq
          select
          br_if 1 (;@1;)
        end
        local.get 5
        i32.const 1
        i32.store
      end
      local.get 6
      local.get 3
      local.get 4
      local.get 1
      local.get 2
      call 65
      local.get 0
      local.get 6
      i32.const 8
      i32.add
      i64.load
      i64.store offset=8
      local.get 0
      local.get 6
      i64.load
      i64.store
      local.get 6
      i32.const 48
      i32.add
      global.set 0
    )
    (func (;65;) (type 16) (param i32 i64 i64 i64 i64)
      (local i64)
      local.get 0
      local.get 4
      local.get 1
      i64.mul
      local.get 2
      local.get 3
      i64.mul
      i64.add
      local.get 3
      i64.const 32
      i64.shr_u
      local.tee 4
      local.get 1
      i64.const 32
      i64.shr_u
      local.tee 2
      i64.mul
      i64.add
      local.get 3
      i64.const 4294967295
      i64.and
      local.tee 3
      local.get 1
      i64.const 4294967295
      i64.and
      local.tee 1
      i64.mul
      local.tee 5
      i64.const 32
      i64.shr_u
      local.get 3
      local.get 2
      i64.mul
      i64.add
      local.tee 3
      i64.const 32
      i64.shr_u
      i64.add
      local.get 3
      i64.const 4294967295
      i64.and
      local.get 4
      local.get 1
      i64.mul
      i64.add
      local.tee 3
      i64.const 32
      i64.shr_u
      i64.add
      i64.store offset=8
      local.get 0
      local.get 3
      i64.const 32
      i64.shl
      local.get 5
      i64.const 4294967295
      i64.and
      i64.or
      i64.store
    )
    (func (;66;) (type 17) (param i32 i64 i64 i32)
      (local i64)
      block ;; label = @1
        block ;; label = @2
          local.get 3
          i32.const 64
          i32.and
          i32.eqz
          br_if 0 (;@2;)
          local.get 1
          local.get 3
          i32.const -64
          i32.add
          i64.extend_i32_u
          i64.shl
          local.set 2
          i64.const 0
          local.set 1
          br 1 (;@1;)
        end
        local.get 3
        i32.eqz
        br_if 0 (;@1;)
        local.get 1
        i32.const 64
        local.get 3
        i32.sub
        i64.extend_i32_u
        i64.shr_u
        local.get 2
        local.get 3
        i64.extend_i32_u
        local.tee 4
        i64.shl
        i64.or
        local.set 2
        local.get 1
        local.get 4
        i64.shl
        local.set 1
      end
      local.get 0
      local.get 1
      i64.store
      local.get 0
      local.get 2
      i64.store offset=8
    )
    (func (;67;) (type 15) (param i32 i64 i64 i64 i64 i32)
      (local i32 i64 i64 i64 i64 i64 i64 i32 i32 i32)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 6
      global.set 0
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            local.get 3
            local.get 1
            i64.le_u
            local.get 4
            local.get 2
            i64.le_u
            local.get 4
            local.get 2
            i64.eq
            select
            br_if 0 (;@3;)
            block ;; label = @4
              local.get 5
              br_if 0 (;@4;)
              i64.const 0
              local.set 7
              br 2 (;@2;)
            end
            local.get 5
            local.get 1
            i64.store
            local.get 5
            local.get 2
            i64.store offset=8
            i64.const 0
            local.set 7
            br 1 (;@2;)
          end
          i64.const 0
          local.set 7
          block ;; label = @3
            local.get 4
            i64.const 0
            i64.ne
            br_if 0 (;@3;)
            block ;; label = @4
              block ;; label = @5
                local.get 2
                local.get 3
                i64.ge_u
                br_if 0 (;@5;)
                block ;; label = @6
                  local.get 3
                  i64.clz
                  local.tee 8
                  i64.eqz
                  br_if 0 (;@6;)
                  local.get 2
                  local.get 8
                  i64.shl
                  local.get 1
                  i64.const 1
                  i64.shr_u
                  local.get 8
                  i64.const -1
                  i64.xor
                  i64.shr_u
                  i64.or
                  local.set 2
                  local.get 1
                  local.get 8
                  i64.shl
                  local.set 1
                  local.get 3
                  local.get 8
                  i64.shl
                  local.set 3
                end
                local.get 2
                local.get 2
                local.get 3
                i64.const 32
                i64.shr_u
                local.tee 7
                i64.div_u
                local.tee 4
                local.get 7
                i64.mul
                i64.sub
                local.set 9
                local.get 1
                i64.const 4294967295
                i64.and
                local.set 10
                local.get 1
                i64.const 32
                i64.shr_u
                local.set 1
                local.get 3
                i64.const 4294967295
                i64.and
                local.set 11
                block ;; label = @6
                  loop ;; label = @7
                    block ;; label = @8
                      local.get 4
                      i64.const 4294967295
                      i64.gt_u
                      br_if 0 (;@8;)
                      local.get 4
                      local.get 11
                      i64.mul
                      local.get 9
                      i64.const 32
                      i64.shl
                      local.get 1
                      i64.or
                      i64.le_u
                      br_if 2 (;@6;)
                    end
                    local.get 4
                    i64.const -1
                    i64.add
                    local.set 4
                    local.get 9
                    local.get 7
                    i64.add
                    local.tee 9
                    i64.const 4294967296
                    i64.lt_u
                    br_if 0 (;@7;)
                  end
                end
                local.get 1
                local.get 2
                i64.const 32
                i64.shl
                i64.or
                local.get 4
                local.get 3
                i64.mul
                i64.sub
                local.tee 2
                local.get 2
                local.get 7
                i64.div_u
                local.tee 9
                local.get 7
                i64.mul
                i64.sub
                local.set 1
                block ;; label = @6
                  loop ;; label = @7
                    block ;; label = @8
                      local.get 9
                      i64.const 4294967295
                      i64.gt_u
                      br_if 0 (;@8;)
                      local.get 9
                      local.get 11
                      i64.mul
                      local.get 1
                      i64.const 32
                      i64.shl
                      local.get 10
                      i64.or
                      i64.le_u
                      br_if 2 (;@6;)
                    end
                    local.get 9
                    i64.const -1
                    i64.add
                    local.set 9
                    local.get 1
                    local.get 7
                    i64.add
                    local.tee 1
                    i64.const 4294967296
                    i64.lt_u
                    br_if 0 (;@7;)
                  end
                end
                local.get 2
                i64.const 32
                i64.shl
                local.get 10
                i64.or
                local.get 9
                local.get 3
                i64.mul
                i64.sub
                local.get 8
                i64.shr_u
                local.set 1
                i64.const 0
                local.set 11
                br 1 (;@4;)
              end
              local.get 2
              local.get 2
              local.get 3
              i64.div_u
              local.tee 11
              local.get 3
              i64.mul
              i64.sub
              local.set 8
              block ;; label = @5
                local.get 3
                i64.clz
                local.tee 12
                i64.eqz
                br_if 0 (;@5;)
                local.get 8
                local.get 12
                i64.shl
                local.get 1
                i64.const 64
                local.get 12
                i64.sub
                i64.shr_u
                i64.or
                local.set 8
                local.get 1
                local.get 12
                i64.shl
                local.set 1
                local.get 3
                local.get 12
                i64.shl
                local.set 3
              end
              local.get 8
              local.get 8
              local.get 3
              i64.const 32
              i64.shr_u
              local.tee 2
              i64.div_u
              local.tee 4
              local.get 2
              i64.mul
              i64.sub
              local.set 9
              local.get 1
              i64.const 4294967295
              i64.and
              local.set 10
              local.get 1
              i64.const 32
              i64.shr_u
              local.set 1
              local.get 3
              i64.const 4294967295
              i64.and
              local.set 7
              block ;; label = @5
                loop ;; label = @6
                  block ;; label = @7
                    local.get 4
                    i64.const 4294967295
                    i64.gt_u
                    br_if 0 (;@7;)
                    local.get 4
                    local.get 7
                    i64.mul
                    local.get 9
                    i64.const 32
                    i64.shl
                    local.get 1
                    i64.or
                    i64.le_u
                    br_if 2 (;@5;)
                  end
                  local.get 4
                  i64.const -1
                  i64.add
                  local.set 4
                  local.get 9
                  local.get 2
                  i64.add
                  local.tee 9
                  i64.const 4294967296
                  i64.lt_u
                  br_if 0 (;@6;)
                end
              end
              local.get 1
              local.get 8
              i64.const 32
              i64.shl
              i64.or
              local.get 4
              local.get 3
              i64.mul
              i64.sub
              local.tee 8
              local.get 8
              local.get 2
              i64.div_u
              local.tee 9
              local.get 2
              i64.mul
              i64.sub
              local.set 1
              block ;; label = @5
                loop ;; label = @6
                  block ;; label = @7
                    local.get 9
                    i64.const 4294967295
                    i64.gt_u
                    br_if 0 (;@7;)
                    local.get 9
                    local.get 7
                    i64.mul
                    local.get 1
                    i64.const 32
                    i64.shl
                    local.get 10
                    i64.or
                    i64.le_u
                    br_if 2 (;@5;)
                  end
                  local.get 9
                  i64.const -1
                  i64.add
                  local.set 9
                  local.get 1
                  local.get 2
                  i64.add
                  local.tee 1
                  i64.const 4294967296
                  i64.lt_u
                  br_if 0 (;@6;)
                end
              end
              local.get 8
              i64.const 32
              i64.shl
              local.get 10
              i64.or
              local.get 9
              local.get 3
              i64.mul
              i64.sub
              local.get 12
              i64.shr_u
              local.set 1
            end
            local.get 9
            local.get 4
            i64.const 32
            i64.shl
            i64.add
            local.set 7
            local.get 5
            i32.eqz
            br_if 2 (;@1;)
            local.get 5
            i64.const 0
            i64.store offset=8
            local.get 5
            local.get 1
            i64.store
            br 2 (;@1;)
          end
          local.get 6
          local.get 3
          local.get 4
          local.get 4
          i64.clz
          i32.wrap_i64
          local.tee 13
          local.get 2
          i64.clz
          i32.wrap_i64
          local.tee 14
          i32.sub
          local.tee 15
          call 66
          block ;; label = @3
            local.get 15
            i32.const 0
            i32.lt_s
            br_if 0 (;@3;)
            local.get 6
            i32.const 8
            i32.add
            i64.load
            local.set 4
            local.get 6
            i64.load
            local.set 9
            local.get 13
            i32.const -1
            i32.xor
            local.get 14
            i32.add
            local.set 15
            i64.const 0
            local.set 7
            loop ;; label = @4
              local.get 2
              local.get 4
              local.get 2
              i64.const -1
              i64.xor
              i64.add
              local.get 9
              local.get 1
              i64.const -1
              i64.xor
              i64.add
              local.get 9
              i64.lt_u
              i64.extend_i32_u
              i64.add
              local.tee 3
              i64.const 63
              i64.shr_s
              local.tee 11
              local.get 4
              i64.and
              i64.sub
              local.get 1
              local.get 11
              local.get 9
              i64.and
              local.tee 11
              i64.lt_u
              i64.extend_i32_u
              i64.sub
              local.set 2
              local.get 9
              i64.const 1
              i64.shr_u
              local.get 4
              i64.const 63
              i64.shl
              i64.or
              local.set 9
              local.get 7
              i64.const 1
              i64.shl
              local.get 3
              i64.const 63
              i64.shr_u
              i64.or
              local.set 7
              local.get 1
              local.get 11
              i64.sub
              local.set 1
              local.get 4
              i64.const 1
              i64.shr_u
              local.set 4
              local.get 15
              i32.const 1
              i32.add
              local.tee 13
              local.get 15
              i32.ge_u
              local.set 14
              local.get 13
              local.set 15
              local.get 14
              br_if 0 (;@4;)
            end
          end
          local.get 5
          i32.eqz
          br_if 0 (;@2;)
          local.get 5
          local.get 2
          i64.store offset=8
          local.get 5
          local.get 1
          i64.store
        end
        i64.const 0
        local.set 11
      end
      local.get 0
      local.get 7
      i64.store
      local.get 0
      local.get 11
      i64.store offset=8
      local.get 6
      i32.const 16
      i32.add
      global.set 0
    )
    (func (;68;) (type 16) (param i32 i64 i64 i64 i64)
      (local i32)
      global.get 0
      i32.const 16
      i32.sub
      local.tee 5
      global.set 0
      local.get 5
      local.get 1
      local.get 2
      local.get 3
      local.get 4
      i32.const 0
      call 67
      local.get 5
      i64.load
      local.set 1
      local.get 0
      local.get 5
      i32.const 8
      i32.add
      i64.load
      i64.store offset=8
      local.get 0
      local.get 1
      i64.store
      local.get 5
      i32.const 16
      i32.add
      global.set 0
    )
    (func (;69;) (type 8)
      call 9
      call 29
    )
    (data (;0;) (i32.const 1024) "-+   0X0x\00-0X+0X 0X-0x+0x 0x\00yes\00no\00nan\00inf\00NAN\00INF\00.\00(null)\00monotonic advanced by >= 20ms over nanosleep: %s\0a\00random: two draws differ: %s, mostly non-zero: %s\0a\00monotonic resolution known: %s\0a\00monotonic never goes back: %s\0a\00time() agrees with realtime: %s\0a\00realtime after 2020: %s\0a\00Support for formatting long double values is currently disabled.\0aTo enable it, add -lc-printscan-long-double to the link command.\0a\00\00\00\00\00\00\00\00\00\00\00\00-1\01\00\00\00\00\00\00\00\00\01\00\00\00Success\00Illegal byte sequence\00Domain error\00Result not representable\00Not a tty\00Permission denied\00Operation not permitted\00No such file or directory\00No such process\00File exists\00Value too large for data type\00No space left on device\00Out of memory\00Resource busy\00Interrupted system call\00Resource temporarily unavailable\00Invalid seek\00Cross-device link\00Read-only file system\00Directory not empty\00Connection reset by peer\00Operation timed out\00Connection refused\00Host is unreachable\00Address in use\00Broken pipe\00I/O error\00No such device or address\00No such device\00Not a directory\00Is a directory\00Text file busy\00Exec format error\00Invalid argument\00Argument list too long\00Symbolic link loop\00Filename too long\00Too many open files in system\00No file descriptors available\00Bad file descriptor\00No child process\00Bad address\00File too large\00Too many links\00No locks available\00Resource deadlock would occur\00State not recoverable\00Previous owner died\00Operation canceled\00Function not implemented\00No message of desired type\00Identifier removed\00Link has been severed\00Protocol error\00Bad message\00Not a socket\00Destination address required\00Message too large\00Protocol wrong type for socket\00Protocol not available\00Protocol not supported\00Not supported\00Address family not supported by protocol\00Address not available\00Network is down\00Network unreachable\00Connection reset by network\00Connection aborted\00No buffer space available\00Socket is connected\00Socket not connected\00Operation already in progress\00Operation in progress\00Stale file handle\00Quota exceeded\00Multihop attempted\00Capabilities insufficient\00\00\00\00\00\00\00\00\00\00\00u\02N\00\d6\01\e2\04\b9\04\18\01\8e\05\ed\02\16\04\f2\00\97\03\01\038\05\af\01\82\01O\03/\04\1e\00\d4\05\a2\00\12\03\1e\03\c2\01\de\03\08\00\ac\05\00\01d\02\f1\01e\054\02\8c\02\cf\02-\03L\04\e3\05\9f\02\f8\04\1c\05\08\05\b1\02K\05\15\02x\00R\02<\03\f1\03\e4\00\c3\03}\04\cc\00\aa\03y\05$\02n\01m\03\22\04\ab\04D\00\fb\01\ae\00\83\03`\00\e5\01\07\04\94\04^\04+\00X\019\01\92\00\c2\05\9b\01C\02F\01\f6\05\00\00\00\00\00\00\19\00\0a\00\19\19\19\00\00\00\00\05\00\00\00\00\00\00\09\00\00\00\00\0b\00\00\00\00\00\00\00\00\19\00\11\0a\19\19\19\03\0a\07\00\01\1b\09\0b\18\00\00\09\06\0b\00\00\0b\00\06\19\00\00\00\19\19\19\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\0e\00\00\00\00\00\00\00\00\19\00\0a\0d\19\19\19\00\0d\00\00\02\00\09\0e\00\00\00\09\00\0e\00\00\0e\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\0c\00\00\00\00\00\00\00\00\00\00\00\13\00\00\00\00\13\00\00\00\00\09\0c\00\00\00\00\00\0c\00\00\0c\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\10\00\00\00\00\00\00\00\00\00\00\00\0f\00\00\00\04\0f\00\00\00\00\09\10\00\00\00\00\00\10\00\00\10\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\12\00\00\00\00\00\00\00\00\00\00\00\11\00\00\00\00\11\00\00\00\00\09\12\00\00\00\00\00\12\00\00\12\00\00\1a\00\00\00\1a\1a\1a\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\1a\00\00\00\1a\1a\1a\00\00\00\00\00\00\09\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\14\00\00\00\00\00\00\00\00\00\00\00\17\00\00\00\00\17\00\00\00\00\09\14\00\00\00\00\00\14\00\00\14\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\16\00\00\00\00\00\00\00\00\00\00\00\15\00\00\00\00\15\00\00\00\00\09\16\00\00\00\00\00\16\00\00\16\00\000123456789ABCDEF")
    (data (;1;) (i32.const 3664) "\05\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\03\00\00\00\04\00\00\00X\0f\00\00\00\04\00\00\00\00\00\00\00\00\00\00\01\00\00\00\00\00\00\00\0a\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00P\0e\00\00\00\00\00\00\05\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\01\00\00\00\04\00\00\00\84\13\00\00\00\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00\ff\ff\ff\ff\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\c8\0e\00\00")
  )
  (core module $wit-component:adapter:wasi_snapshot_preview1 (;1;)
    (type (;0;) (func (param i32 i32)))
    (type (;1;) (func (param i32)))
    (type (;2;) (func (param i32 i32 i32 i32)))
    (type (;3;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;4;) (func (param i32 i32 i32 i32 i32)))
    (type (;5;) (func (result i64)))
    (type (;6;) (func (param i32 i64 i32)))
    (type (;7;) (func (param i32) (result i32)))
    (type (;8;) (func (param i64) (result i32)))
    (type (;9;) (func (param i32 i32 i32)))
    (type (;10;) (func (param i64 i32)))
    (type (;11;) (func))
    (type (;12;) (func (result i32)))
    (type (;13;) (func (param i32 i32 i32) (result i32)))
    (type (;14;) (func (param i32 i32) (result i32)))
    (type (;15;) (func (param i32 i64 i32) (result i32)))
    (type (;16;) (func (param i32 i64 i32 i32) (result i32)))
    (type (;17;) (func (param i32 i64 i64 i64 i64)))
    (import "env" "memory" (memory (;0;) 0))
    (import "wasi:filesystem/types@0.2.12" "filesystem-error-code" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5types21filesystem_error_code11wit_import1 (;0;) (type 0) (param i32 i32)))
    (import "wasi:io/error@0.2.12" "[resource-drop]error" (func $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io5errorNtB6_5ErrorNtNtBc_3__rt12WasmResource4drop4drop (;1;) (type 1) (param i32)))
    (import "wasi:io/streams@0.2.12" "[method]output-stream.check-write" (func $_RNvNvMsa_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream11check_write11wit_import1 (;2;) (type 0) (param i32 i32)))
    (import "wasi:io/streams@0.2.12" "[method]output-stream.write" (func $_RNvNvMsb_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream5write11wit_import2 (;3;) (type 2) (param i32 i32 i32 i32)))
    (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-flush" (func $_RNvNvMse_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream14blocking_flush11wit_import1 (;4;) (type 0) (param i32 i32)))
    (import "wasi:clocks/monotonic-clock@0.2.12" "resolution" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock10resolution11wit_import0 (;5;) (type 5) (result i64)))
    (import "wasi:clocks/wall-clock@0.2.12" "resolution" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks10wall_clock10resolution11wit_import1 (;6;) (type 1) (param i32)))
    (import "wasi:clocks/wall-clock@0.2.12" "now" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks10wall_clock3now11wit_import1 (;7;) (type 1) (param i32)))
    (import "wasi:clocks/monotonic-clock@0.2.12" "now" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock3now11wit_import0 (;8;) (type 5) (result i64)))
    (import "wasi:filesystem/types@0.2.12" "[resource-drop]directory-entry-stream" (func $_RNvNvXse_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_20DirectoryEntryStreamNtNtBd_3__rt12WasmResource4drop4drop (;9;) (type 1) (param i32)))
    (import "wasi:filesystem/types@0.2.12" "[method]descriptor.get-flags" (func $_RNvNvMsk_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor9get_flags11wit_import1 (;10;) (type 0) (param i32 i32)))
    (import "wasi:filesystem/types@0.2.12" "[method]descriptor.get-type" (func $_RNvNvMsl_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor8get_type11wit_import1 (;11;) (type 0) (param i32 i32)))
    (import "wasi:filesystem/preopens@0.2.6" "get-directories" (func $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptors31wasi_filesystem_get_directories (;12;) (type 1) (param i32)))
    (import "wasi:filesystem/types@0.2.12" "[resource-drop]descriptor" (func $_RNvNvXsc_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10DescriptorNtNtBd_3__rt12WasmResource4drop4drop (;13;) (type 1) (param i32)))
    (import "wasi:filesystem/types@0.2.12" "[method]descriptor.append-via-stream" (func $_RNvNvMsh_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor17append_via_stream11wit_import1 (;14;) (type 0) (param i32 i32)))
    (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func $_RNvNvXs4_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStreamNtNtBd_3__rt12WasmResource4drop4drop (;15;) (type 1) (param i32)))
    (import "wasi:io/streams@0.2.12" "[resource-drop]input-stream" (func $_RNvNvXs2_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_11InputStreamNtNtBd_3__rt12WasmResource4drop4drop (;16;) (type 1) (param i32)))
    (import "wasi:io/streams@0.2.12" "[method]input-stream.subscribe" (func $_RNvNvMs9_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_11InputStream9subscribe11wit_import0 (;17;) (type 7) (param i32) (result i32)))
    (import "wasi:io/streams@0.2.12" "[method]output-stream.subscribe" (func $_RNvNvMsf_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream9subscribe11wit_import0 (;18;) (type 7) (param i32) (result i32)))
    (import "wasi:clocks/monotonic-clock@0.2.12" "subscribe-duration" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock18subscribe_duration11wit_import0 (;19;) (type 8) (param i64) (result i32)))
    (import "wasi:clocks/monotonic-clock@0.2.12" "subscribe-instant" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock17subscribe_instant11wit_import0 (;20;) (type 8) (param i64) (result i32)))
    (import "wasi:io/poll@0.2.12" "[resource-drop]pollable" (func $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io4pollNtB6_8PollableNtNtBc_3__rt12WasmResource4drop4drop (;21;) (type 1) (param i32)))
    (import "wasi:io/poll@0.2.12" "poll" (func $_RNvNCNvCs1wwIxjb0Jwr_22wasi_snapshot_preview111poll_oneoff011poll_import (;22;) (type 9) (param i32 i32 i32)))
    (import "wasi:random/random@0.2.12" "get-random-bytes" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6random6random16get_random_bytes11wit_import1 (;23;) (type 10) (param i64 i32)))
    (import "__main_module__" "_start" (func $_RNvNvCs1wwIxjb0Jwr_22wasi_snapshot_preview13run6__start (;24;) (type 11)))
    (import "wasi:filesystem/types@0.2.12" "[method]descriptor.read-via-stream" (func $_RNvNvMsf_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor15read_via_stream11wit_import1 (;25;) (type 6) (param i32 i64 i32)))
    (import "wasi:cli/stderr@0.2.12" "get-stderr" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli6stderr10get_stderr11wit_import0 (;26;) (type 12) (result i32)))
    (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush" (func $_RNvNvMsc_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream24blocking_write_and_flush11wit_import2 (;27;) (type 2) (param i32 i32 i32 i32)))
    (import "wasi:filesystem/types@0.2.12" "[method]descriptor.write-via-stream" (func $_RNvNvMsg_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor16write_via_stream11wit_import1 (;28;) (type 6) (param i32 i64 i32)))
    (import "wasi:cli/stdin@0.2.12" "get-stdin" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli5stdin9get_stdin11wit_import0 (;29;) (type 12) (result i32)))
    (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli6stdout10get_stdout11wit_import0 (;30;) (type 12) (result i32)))
    (import "wasi:cli/terminal-stdin@0.2.12" "get-terminal-stdin" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli14terminal_stdin18get_terminal_stdin11wit_import1 (;31;) (type 1) (param i32)))
    (import "wasi:cli/terminal-input@0.2.12" "[resource-drop]terminal-input" (func $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli14terminal_inputNtB6_13TerminalInputNtNtBc_3__rt12WasmResource4drop4drop (;32;) (type 1) (param i32)))
    (import "wasi:cli/terminal-stdout@0.2.12" "get-terminal-stdout" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli15terminal_stdout19get_terminal_stdout11wit_import1 (;33;) (type 1) (param i32)))
    (import "wasi:cli/terminal-output@0.2.12" "[resource-drop]terminal-output" (func $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli15terminal_outputNtB6_14TerminalOutputNtNtBc_3__rt12WasmResource4drop4drop (;34;) (type 1) (param i32)))
    (import "wasi:cli/terminal-stderr@0.2.12" "get-terminal-stderr" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli15terminal_stderr19get_terminal_stderr11wit_import1 (;35;) (type 1) (param i32)))
    (import "wasi:filesystem/types@0.2.12" "[method]descriptor.stat" (func $_RNvNvMst_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor4stat11wit_import1 (;36;) (type 0) (param i32 i32)))
    (import "wasi:cli/exit@0.2.12" "exit" (func $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli4exit4exit11wit_import1 (;37;) (type 1) (param i32)))
    (global $__stack_pointer (;0;) (mut i32) i32.const 0)
    (global $internal_state_ptr (;1;) (mut i32) i32.const 0)
    (global $allocation_state (;2;) (mut i32) i32.const 0)
    (export "wasi:cli/run@0.2.12#run" (func $wasi:cli/run@0.2.12#run))
    (export "fd_seek" (func $fd_seek))
    (export "fd_close" (func $fd_close))
    (export "proc_exit" (func $proc_exit))
    (export "fd_fdstat_get" (func $fd_fdstat_get))
    (export "cabi_import_realloc" (func $cabi_import_realloc))
    (export "clock_res_get" (func $clock_res_get))
    (export "clock_time_get" (func $clock_time_get))
    (export "poll_oneoff" (func $poll_oneoff))
    (export "fd_write" (func $fd_write))
    (export "random_get" (func $random_get))
    (start $allocate_stack)
    (func $_RNvNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB7_5State3new12cabi_realloc (;38;) (type 3) (param i32 i32 i32 i32) (result i32)
      (local i32)
      i32.const 0
      local.get 0
      i32.ne
      if ;; label = @1
        unreachable
      end
      i32.const 0
      local.get 1
      i32.ne
      if ;; label = @1
        unreachable
      end
      i32.const 65536
      local.get 3
      i32.ne
      if ;; label = @1
        unreachable
      end
      i32.const 1
      memory.grow
      local.tee 4
      i32.const -1
      i32.eq
      if ;; label = @1
        unreachable
      end
      local.get 4
      i32.const 16
      i32.shl
    )
    (func $_RNvCs1wwIxjb0Jwr_22wasi_snapshot_preview121stream_error_to_errno (;39;) (type 7) (param i32) (result i32)
      (local i32 i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      local.get 0
      local.get 1
      i32.const 14
      i32.add
      call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5types21filesystem_error_code11wit_import1
      block ;; label = @1
        block ;; label = @2
          local.get 1
          i32.load8_u offset=14
          br_if 0 (;@2;)
          i32.const 29
          local.set 2
          br 1 (;@1;)
        end
        local.get 1
        i32.load8_u offset=15
        call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
        local.set 2
      end
      block ;; label = @1
        local.get 0
        i32.const -1
        i32.eq
        br_if 0 (;@1;)
        local.get 0
        call $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io5errorNtB6_5ErrorNtNtBc_3__rt12WasmResource4drop4drop
      end
      local.get 1
      i32.const 16
      i32.add
      global.set $__stack_pointer
      local.get 2
    )
    (func $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from (;40;) (type 7) (param i32) (result i32)
      (local i32 i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.set 1
      i32.const 6
      local.set 2
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  block ;; label = @7
                    block ;; label = @8
                      block ;; label = @9
                        block ;; label = @10
                          block ;; label = @11
                            block ;; label = @12
                              block ;; label = @13
                                block ;; label = @14
                                  block ;; label = @15
                                    block ;; label = @16
                                      block ;; label = @17
                                        block ;; label = @18
                                          block ;; label = @19
                                            block ;; label = @20
                                              block ;; label = @21
                                                block ;; label = @22
                                                  block ;; label = @23
                                                    block ;; label = @24
                                                      block ;; label = @25
                                                        block ;; label = @26
                                                          block ;; label = @27
                                                            block ;; label = @28
                                                              block ;; label = @29
                                                                block ;; label = @30
                                                                  block ;; label = @31
                                                                    block ;; label = @32
                                                                      block ;; label = @33
                                                                        block ;; label = @34
                                                                          block ;; label = @35
                                                                            block ;; label = @36
                                                                              block ;; label = @37
                                                                                local.get 0
                                                                                i32.const 255
                                                                                i32.and
                                                                                br_table 0 (;@37;) 36 (;@1;) 1 (;@36;) 2 (;@35;) 3 (;@34;) 4 (;@33;) 5 (;@32;) 6 (;@31;) 7 (;@30;) 8 (;@29;) 9 (;@28;) 10 (;@27;) 11 (;@26;) 12 (;@25;) 13 (;@24;) 14 (;@23;) 15 (;@22;) 16 (;@21;) 17 (;@20;) 18 (;@19;) 19 (;@18;) 20 (;@17;) 21 (;@16;) 22 (;@15;) 23 (;@14;) 24 (;@13;) 25 (;@12;) 26 (;@11;) 27 (;@10;) 28 (;@9;) 29 (;@8;) 30 (;@7;) 31 (;@6;) 32 (;@5;) 33 (;@4;) 34 (;@3;) 35 (;@2;) 0 (;@37;)
                                                                              end
                                                                              local.get 1
                                                                              i32.const 2
                                                                              i32.store16 offset=14
                                                                              local.get 1
                                                                              i32.const 14
                                                                              i32.add
                                                                              local.set 0
                                                                              local.get 1
                                                                              i32.load16_u offset=14
                                                                              return
                                                                            end
                                                                            i32.const 7
                                                                            return
                                                                          end
                                                                          i32.const 8
                                                                          return
                                                                        end
                                                                        i32.const 10
                                                                        return
                                                                      end
                                                                      i32.const 16
                                                                      return
                                                                    end
                                                                    i32.const 19
                                                                    return
                                                                  end
                                                                  i32.const 20
                                                                  return
                                                                end
                                                                i32.const 22
                                                                return
                                                              end
                                                              i32.const 25
                                                              return
                                                            end
                                                            i32.const 26
                                                            return
                                                          end
                                                          i32.const 27
                                                          return
                                                        end
                                                        i32.const 28
                                                        return
                                                      end
                                                      i32.const 29
                                                      return
                                                    end
                                                    i32.const 31
                                                    return
                                                  end
                                                  i32.const 32
                                                  return
                                                end
                                                i32.const 34
                                                return
                                              end
                                              i32.const 35
                                              return
                                            end
                                            i32.const 37
                                            return
                                          end
                                          i32.const 43
                                          return
                                        end
                                        i32.const 44
                                        return
                                      end
                                      i32.const 46
                                      return
                                    end
                                    i32.const 48
                                    return
                                  end
                                  i32.const 51
                                  return
                                end
                                i32.const 54
                                return
                              end
                              i32.const 55
                              return
                            end
                            i32.const 56
                            return
                          end
                          i32.const 58
                          return
                        end
                        i32.const 59
                        return
                      end
                      i32.const 60
                      return
                    end
                    i32.const 61
                    return
                  end
                  i32.const 63
                  return
                end
                i32.const 64
                return
              end
              i32.const 69
              return
            end
            i32.const 70
            return
          end
          i32.const 74
          return
        end
        i32.const 75
        local.set 2
      end
      local.get 2
    )
    (func $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc (;41;) (type 13) (param i32 i32 i32) (result i32)
      (local i32 i32 i32)
      global.get $__stack_pointer
      i32.const 32
      i32.sub
      local.tee 3
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            local.get 1
            i32.popcnt
            i32.const 1
            i32.ne
            br_if 0 (;@3;)
            local.get 0
            i32.load offset=4
            local.tee 4
            local.get 1
            local.get 0
            i32.load
            local.tee 5
            i32.add
            i32.const -1
            i32.add
            i32.const 0
            local.get 1
            i32.sub
            i32.and
            local.get 5
            i32.sub
            local.tee 1
            i32.lt_u
            br_if 1 (;@2;)
            local.get 4
            local.get 1
            i32.sub
            local.tee 4
            local.get 2
            i32.ge_u
            br_if 2 (;@1;)
            i32.const 469
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
            local.get 3
            i32.const 8250
            i32.store16 offset=3 align=1
            local.get 3
            i32.const 3
            i32.add
            i32.const 2
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
            local.get 3
            i32.const 10
            i32.store8 offset=31
            local.get 3
            i32.const 1701278305
            i32.store offset=27 align=1
            local.get 3
            i64.const 7791349879831294825
            i64.store offset=19 align=1
            local.get 3
            i64.const 2334406575183130223
            i64.store offset=11 align=1
            local.get 3
            i64.const 7598805550979902561
            i64.store offset=3 align=1
            local.get 3
            i32.const 3
            i32.add
            i32.const 29
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
            local.get 3
            i32.const 10
            i32.store8 offset=3
            local.get 3
            i32.const 3
            i32.add
            i32.const 1
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
            unreachable
          end
          i32.const 479
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
          local.get 3
          i32.const 8250
          i32.store16 offset=3 align=1
          local.get 3
          i32.const 3
          i32.add
          i32.const 2
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
          local.get 3
          i32.const 2676
          i32.store16 offset=19 align=1
          local.get 3
          i64.const 7954884637768641633
          i64.store offset=11 align=1
          local.get 3
          i64.const 2334106421097295465
          i64.store offset=3 align=1
          local.get 3
          i32.const 3
          i32.add
          i32.const 18
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
          local.get 3
          i32.const 10
          i32.store8 offset=3
          local.get 3
          i32.const 3
          i32.add
          i32.const 1
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
          unreachable
        end
        i32.const 483
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
        local.get 3
        i32.const 8250
        i32.store16 offset=3 align=1
        local.get 3
        i32.const 3
        i32.add
        i32.const 2
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
        local.get 3
        i32.const 10
        i32.store8 offset=21
        local.get 3
        i32.const 25972
        i32.store16 offset=19 align=1
        local.get 3
        i64.const 7017575155838820463
        i64.store offset=11 align=1
        local.get 3
        i64.const 8367798494427701606
        i64.store offset=3 align=1
        local.get 3
        i32.const 3
        i32.add
        i32.const 19
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
        local.get 3
        i32.const 10
        i32.store8 offset=3
        local.get 3
        i32.const 3
        i32.add
        i32.const 1
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
        unreachable
      end
      local.get 0
      local.get 4
      local.get 2
      i32.sub
      i32.store offset=4
      local.get 0
      local.get 5
      local.get 1
      i32.add
      local.tee 1
      local.get 2
      i32.add
      i32.store
      local.get 3
      i32.const 32
      i32.add
      global.set $__stack_pointer
      local.get 1
    )
    (func $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable (;42;) (type 1) (param i32)
      (local i32)
      global.get $__stack_pointer
      i32.const 48
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      local.get 1
      i32.const 32
      i32.store8 offset=47
      local.get 1
      i32.const 1701734764
      i32.store offset=43 align=1
      local.get 1
      i64.const 2338042707334751329
      i64.store offset=35 align=1
      local.get 1
      i64.const 2338600898263348341
      i64.store offset=27 align=1
      local.get 1
      i64.const 7162263158133189730
      i64.store offset=19 align=1
      local.get 1
      i64.const 7018969289221893749
      i64.store offset=11 align=1
      local.get 1
      i32.const 11
      i32.add
      i32.const 37
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 0
      call $_RNvNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros10eprint_u3215eprint_u32_impl
      local.get 1
      i32.const 48
      i32.add
      global.set $__stack_pointer
    )
    (func $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print (;43;) (type 0) (param i32 i32)
      (local i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      local.get 2
      call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli6stderr10get_stderr11wit_import0
      i32.store offset=12
      local.get 2
      i32.const 4
      i32.add
      local.get 2
      i32.const 12
      i32.add
      local.get 0
      local.get 1
      call $_RNvMsc_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB5_12OutputStream24blocking_write_and_flush
      block ;; label = @1
        local.get 2
        i32.load offset=4
        local.tee 1
        i32.const 2
        i32.eq
        br_if 0 (;@1;)
        local.get 1
        br_if 0 (;@1;)
        local.get 2
        i32.load offset=8
        local.tee 1
        i32.const -1
        i32.eq
        br_if 0 (;@1;)
        local.get 1
        call $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io5errorNtB6_5ErrorNtNtBc_3__rt12WasmResource4drop4drop
      end
      block ;; label = @1
        local.get 2
        i32.load offset=12
        local.tee 1
        i32.const -1
        i32.eq
        br_if 0 (;@1;)
        local.get 1
        call $_RNvNvXs4_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStreamNtNtBd_3__rt12WasmResource4drop4drop
      end
      local.get 2
      i32.const 16
      i32.add
      global.set $__stack_pointer
    )
    (func $_RNvMs6_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_12BlockingMode5write (;44;) (type 4) (param i32 i32 i32 i32 i32)
      (local i32 i32 i32 i64)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 5
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          local.get 1
          i32.eqz
          br_if 0 (;@2;)
          local.get 4
          local.set 1
          block ;; label = @3
            block ;; label = @4
              loop ;; label = @5
                local.get 5
                local.get 2
                local.get 3
                local.get 1
                i32.const 4096
                local.get 1
                i32.const 4096
                i32.lt_u
                select
                local.tee 6
                call $_RNvMsc_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB5_12OutputStream24blocking_write_and_flush
                block ;; label = @6
                  local.get 5
                  i32.load
                  local.tee 7
                  i32.const 2
                  i32.eq
                  br_if 0 (;@6;)
                  local.get 7
                  br_if 2 (;@4;)
                  local.get 5
                  i32.load offset=4
                  call $_RNvCs1wwIxjb0Jwr_22wasi_snapshot_preview121stream_error_to_errno
                  local.set 1
                  br 3 (;@3;)
                end
                local.get 3
                local.get 6
                i32.add
                local.set 3
                local.get 1
                local.get 6
                i32.sub
                local.tee 1
                br_if 0 (;@5;)
              end
              local.get 0
              i32.const 0
              i32.store16
              local.get 0
              local.get 4
              i32.store offset=4
              br 3 (;@1;)
            end
            i32.const 29
            local.set 1
          end
          local.get 0
          i32.const 1
          i32.store16
          local.get 0
          local.get 1
          i32.store16 offset=2
          br 1 (;@1;)
        end
        local.get 2
        i32.load
        local.get 5
        call $_RNvNvMsa_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream11check_write11wit_import1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              local.get 5
              i32.load8_u
              i32.eqz
              br_if 0 (;@4;)
              i32.const 0
              local.set 1
              local.get 5
              i32.load8_u offset=8
              br_if 1 (;@3;)
              local.get 5
              i32.load offset=12
              call $_RNvCs1wwIxjb0Jwr_22wasi_snapshot_preview121stream_error_to_errno
              local.set 1
              br 2 (;@2;)
            end
            local.get 5
            i64.load offset=8
            local.set 8
            block ;; label = @4
              local.get 4
              i32.eqz
              br_if 0 (;@4;)
              i32.const 6
              local.set 1
              local.get 8
              i64.eqz
              br_if 2 (;@2;)
            end
            local.get 8
            i32.wrap_i64
            local.tee 1
            local.get 4
            local.get 1
            local.get 4
            i32.lt_u
            select
            local.set 1
          end
          local.get 2
          i32.load
          local.get 3
          local.get 1
          local.get 5
          call $_RNvNvMsb_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream5write11wit_import2
          block ;; label = @3
            local.get 5
            i32.load8_u
            br_if 0 (;@3;)
            local.get 2
            i32.load
            local.get 5
            call $_RNvNvMse_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream14blocking_flush11wit_import1
            block ;; label = @4
              local.get 5
              i32.load8_u
              br_if 0 (;@4;)
              local.get 0
              i32.const 0
              i32.store16
              local.get 0
              local.get 1
              i32.store offset=4
              br 3 (;@1;)
            end
            block ;; label = @4
              block ;; label = @5
                local.get 5
                i32.load8_u offset=4
                i32.eqz
                br_if 0 (;@5;)
                i32.const 0
                local.set 1
                local.get 0
                i32.const 0
                i32.store offset=4
                br 1 (;@4;)
              end
              local.get 0
              local.get 5
              i32.load offset=8
              call $_RNvCs1wwIxjb0Jwr_22wasi_snapshot_preview121stream_error_to_errno
              i32.store16 offset=2
              i32.const 1
              local.set 1
            end
            local.get 0
            local.get 1
            i32.store16
            br 2 (;@1;)
          end
          block ;; label = @3
            block ;; label = @4
              local.get 5
              i32.load8_u offset=4
              i32.eqz
              br_if 0 (;@4;)
              i32.const 0
              local.set 1
              local.get 0
              i32.const 0
              i32.store offset=4
              br 1 (;@3;)
            end
            local.get 0
            local.get 5
            i32.load offset=8
            call $_RNvCs1wwIxjb0Jwr_22wasi_snapshot_preview121stream_error_to_errno
            i32.store16 offset=2
            i32.const 1
            local.set 1
          end
          local.get 0
          local.get 1
          i32.store16
          br 1 (;@1;)
        end
        local.get 0
        i32.const 1
        i32.store16
        local.get 0
        local.get 1
        i32.store16 offset=2
      end
      local.get 5
      i32.const 16
      i32.add
      global.set $__stack_pointer
    )
    (func $_RNvMsc_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB5_12OutputStream24blocking_write_and_flush (;45;) (type 2) (param i32 i32 i32 i32)
      (local i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 4
      global.set $__stack_pointer
      local.get 1
      i32.load
      local.get 2
      local.get 3
      local.get 4
      i32.const 4
      i32.add
      call $_RNvNvMsc_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream24blocking_write_and_flush11wit_import2
      block ;; label = @1
        block ;; label = @2
          local.get 4
          i32.load8_u offset=4
          br_if 0 (;@2;)
          i32.const 2
          local.set 1
          br 1 (;@1;)
        end
        local.get 0
        local.get 4
        i32.load offset=12
        i32.store offset=4
        local.get 4
        i32.load8_u offset=8
        i32.const 0
        i32.ne
        local.set 1
      end
      local.get 0
      local.get 1
      i32.store
      local.get 4
      i32.const 16
      i32.add
      global.set $__stack_pointer
    )
    (func $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors (;46;) (type 0) (param i32 i32)
      (local i32 i32)
      global.get $__stack_pointer
      i32.const 6160
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          local.get 1
          i32.load offset=24
          br_if 0 (;@2;)
          local.get 1
          i32.const -1
          i32.store offset=24
          local.get 1
          i32.const 32
          i32.add
          local.set 3
          block ;; label = @3
            local.get 1
            i32.load offset=6180
            i32.const 2
            i32.ne
            br_if 0 (;@3;)
            local.get 2
            local.get 1
            call $_RNvMs0_NtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB5_11Descriptors3new
            local.get 3
            local.get 2
            i32.const 6160
            memory.copy
            local.get 1
            i32.load offset=6180
            i32.const 2
            i32.eq
            br_if 2 (;@1;)
          end
          local.get 0
          local.get 1
          i32.const 24
          i32.add
          i32.store offset=4
          local.get 0
          local.get 3
          i32.store
          local.get 2
          i32.const 6160
          i32.add
          global.set $__stack_pointer
          return
        end
        i32.const 2949
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
        unreachable
      end
      i32.const 2953
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
      unreachable
    )
    (func $_RNvMs0_NtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB5_11Descriptors3new (;47;) (type 0) (param i32 i32)
      (local i32 i32 i32 i32 i32 i32 i32 i32)
      global.get $__stack_pointer
      i32.const 6208
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      local.get 2
      i32.const 0
      i32.store offset=6148
      call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli5stdin9get_stdin11wit_import0
      local.set 3
      local.get 2
      i32.const 2
      i32.store8 offset=41
      local.get 2
      i32.const 0
      i32.store8 offset=24
      local.get 2
      i64.const 0
      i64.store offset=16
      local.get 2
      i32.const 1
      i32.store
      local.get 2
      local.get 3
      i64.extend_i32_u
      i64.const 32
      i64.shl
      i64.const 1
      i64.or
      i64.store offset=8
      call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli6stdout10get_stdout11wit_import0
      local.set 3
      local.get 2
      i32.const 2
      i32.store8 offset=89
      local.get 2
      i32.const 1
      i32.store8 offset=72
      local.get 2
      i64.const 0
      i64.store offset=56
      local.get 2
      i32.const 1
      i32.store offset=48
      local.get 2
      local.get 3
      i64.extend_i32_u
      i64.const 32
      i64.shl
      i64.const 1
      i64.or
      i64.store offset=64
      call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli6stderr10get_stderr11wit_import0
      local.set 3
      local.get 1
      i32.const 59016
      i32.store offset=16
      local.get 1
      local.get 1
      i32.const 6192
      i32.add
      i32.store offset=12
      local.get 1
      i32.load offset=4
      local.set 4
      local.get 1
      i64.const 1
      i64.store offset=4 align=4
      local.get 2
      i32.const 3
      i32.store16 offset=6144
      local.get 2
      i32.const 2
      i32.store8 offset=137
      local.get 2
      i32.const 2
      i32.store8 offset=120
      local.get 2
      i64.const 0
      i64.store offset=104
      local.get 2
      i32.const 1
      i32.store offset=96
      local.get 2
      local.get 3
      i64.extend_i32_u
      i64.const 32
      i64.shl
      i64.const 1
      i64.or
      i64.store offset=112
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            local.get 4
            i32.const 4
            i32.ne
            br_if 0 (;@3;)
            local.get 2
            i64.const 0
            i64.store offset=6160 align=4
            local.get 2
            i32.const 6160
            i32.add
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptors31wasi_filesystem_get_directories
            local.get 2
            i32.load offset=6164
            local.set 5
            local.get 2
            i32.load offset=6160
            local.set 3
            local.get 1
            i32.const 4
            i32.store offset=4
            block ;; label = @4
              local.get 5
              i32.eqz
              br_if 0 (;@4;)
              local.get 2
              i32.const 144
              i32.add
              local.set 4
              local.get 2
              i32.const 6160
              i32.add
              i32.const 8
              i32.add
              local.set 6
              i32.const 0
              local.set 1
              loop ;; label = @5
                local.get 3
                i32.const 8
                i32.add
                i32.load
                local.set 7
                local.get 3
                i32.load
                local.tee 8
                local.get 2
                i32.const 6160
                i32.add
                call $_RNvNvMsl_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor8get_type11wit_import1
                local.get 2
                i32.load8_u offset=6160
                br_if 3 (;@2;)
                local.get 2
                i32.load8_u offset=6161
                local.set 9
                local.get 6
                i64.const 0
                i64.store offset=8
                local.get 6
                i64.const 0
                i64.store
                local.get 2
                local.get 7
                i32.store offset=6204
                local.get 2
                i32.const 256
                i32.store16 offset=6200
                local.get 2
                i64.const 0
                i64.store offset=6192
                local.get 2
                local.get 9
                i32.store8 offset=6188
                local.get 2
                local.get 8
                i32.store offset=6184
                local.get 2
                i32.const 1
                i32.store offset=6160
                local.get 1
                i32.const 125
                i32.eq
                br_if 4 (;@1;)
                local.get 4
                local.get 2
                i32.const 6160
                i32.add
                i32.const 48
                memory.copy
                local.get 2
                local.get 1
                i32.const 4
                i32.add
                i32.store16 offset=6144
                local.get 3
                i32.const 12
                i32.add
                local.set 3
                local.get 4
                i32.const 48
                i32.add
                local.set 4
                local.get 1
                i32.const 1
                i32.add
                local.tee 7
                local.set 1
                local.get 5
                local.get 7
                i32.ne
                br_if 0 (;@5;)
              end
            end
            local.get 0
            local.get 2
            i32.const 6160
            memory.copy
            local.get 2
            i32.const 6208
            i32.add
            global.set $__stack_pointer
            return
          end
          i32.const 3000
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
          local.get 2
          i32.const 8250
          i32.store16 offset=6160 align=1
          local.get 2
          i32.const 6160
          i32.add
          i32.const 2
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
          local.get 2
          i32.const 10
          i32.store8 offset=6188
          local.get 2
          i32.const 1952805664
          i32.store offset=6184 align=1
          local.get 2
          i64.const 8747223464599642400
          i64.store offset=6176 align=1
          local.get 2
          i64.const 8245937404367563884
          i64.store offset=6168 align=1
          local.get 2
          i64.const 6998721855778483561
          i64.store offset=6160 align=1
          local.get 2
          i32.const 6160
          i32.add
          i32.const 29
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
          local.get 2
          i32.const 10
          i32.store8 offset=6160
          local.get 2
          i32.const 6160
          i32.add
          i32.const 1
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
          unreachable
        end
        i32.const 167
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
        unreachable
      end
      local.get 2
      i32.const 6160
      i32.add
      call $_RINvNtCskGMzdWn1DGZ_4core3ptr9drop_glueNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptors10DescriptorEBF_
      i32.const 167
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
      unreachable
    )
    (func $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable (;48;) (type 1) (param i32)
      (local i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      local.get 0
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
      local.get 1
      i32.const 10
      i32.store8 offset=15
      local.get 1
      i32.const 15
      i32.add
      i32.const 1
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      unreachable
    )
    (func $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State15descriptors_mut (;49;) (type 0) (param i32 i32)
      (local i32 i32)
      global.get $__stack_pointer
      i32.const 6160
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          local.get 1
          i32.load offset=24
          br_if 0 (;@2;)
          local.get 1
          i32.const -1
          i32.store offset=24
          local.get 1
          i32.const 32
          i32.add
          local.set 3
          block ;; label = @3
            local.get 1
            i32.load offset=6180
            i32.const 2
            i32.ne
            br_if 0 (;@3;)
            local.get 2
            local.get 1
            call $_RNvMs0_NtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB5_11Descriptors3new
            local.get 3
            local.get 2
            i32.const 6160
            memory.copy
            local.get 1
            i32.load offset=6180
            i32.const 2
            i32.eq
            br_if 2 (;@1;)
          end
          local.get 0
          local.get 1
          i32.const 24
          i32.add
          i32.store offset=4
          local.get 0
          local.get 3
          i32.store
          local.get 2
          i32.const 6160
          i32.add
          global.set $__stack_pointer
          return
        end
        i32.const 2961
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
        unreachable
      end
      i32.const 2965
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
      unreachable
    )
    (func $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3new (;50;) (type 12) (result i32)
      (local i32)
      block ;; label = @1
        call $get_allocation_state
        i32.const 2
        i32.ne
        br_if 0 (;@1;)
        i32.const 3
        call $set_allocation_state
        i32.const 0
        i32.const 0
        i32.const 8
        i32.const 65536
        call $_RNvNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB7_5State3new12cabi_realloc
        local.set 0
        i32.const 4
        call $set_allocation_state
        local.get 0
        i32.const 0
        i32.store offset=65504
        local.get 0
        i32.const 2
        i32.store offset=6180
        local.get 0
        i32.const 0
        i32.store offset=24
        local.get 0
        i64.const 17740359541
        i64.store
        local.get 0
        i32.const 65464
        i32.add
        i32.const 0
        i32.const 37
        memory.fill
        local.get 0
        i32.const 560490357
        i32.store offset=65532
        local.get 0
        i32.const 0
        i32.store8 offset=65528
        local.get 0
        i64.const 0
        i64.store offset=65520
        local.get 0
        i32.const 11822
        i32.store16 offset=65512
        local.get 0
        return
      end
      i32.const 2889
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
      unreachable
    )
    (func $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail (;51;) (type 1) (param i32)
      (local i32)
      global.get $__stack_pointer
      i32.const 48
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      local.get 1
      i32.const 32
      i32.store8 offset=47
      local.get 1
      i64.const 7308895158390646132
      i64.store offset=39 align=1
      local.get 1
      i64.const 8097863973307965728
      i64.store offset=31 align=1
      local.get 1
      i64.const 7234307576302018670
      i64.store offset=23 align=1
      local.get 1
      i64.const 8028075845441778529
      i64.store offset=15 align=1
      local.get 1
      i32.const 15
      i32.add
      i32.const 33
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 0
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros10eprint_u32
      unreachable
    )
    (func $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr (;52;) (type 12) (result i32)
      (local i32)
      block ;; label = @1
        call $get_state_ptr
        local.tee 0
        br_if 0 (;@1;)
        call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3new
        local.tee 0
        call $set_state_ptr
      end
      local.get 0
    )
    (func $_RNvXs5_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated8FiletypeINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types14DescriptorTypeE4from (;53;) (type 7) (param i32) (result i32)
      (local i32)
      i32.const 0
      local.set 1
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                local.get 0
                i32.const 255
                i32.and
                br_table 4 (;@1;) 3 (;@2;) 3 (;@2;) 3 (;@2;) 4 (;@1;) 0 (;@5;) 1 (;@4;) 2 (;@3;) 4 (;@1;)
              end
              i32.const 7
              return
            end
            i32.const 4
            return
          end
          i32.const 2582
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
          unreachable
        end
        local.get 0
        local.set 1
      end
      local.get 1
    )
    (func $_RNvMs0_NtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB5_11Descriptors5close (;54;) (type 14) (param i32 i32) (result i32)
      (local i32 i32 i32 i64)
      global.get $__stack_pointer
      i32.const 48
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      i32.const 1
      local.set 3
      block ;; label = @1
        local.get 1
        local.get 0
        i32.load16_u offset=6144
        i32.ge_u
        br_if 0 (;@1;)
        local.get 0
        local.get 1
        i32.const 48
        i32.mul
        i32.add
        local.tee 4
        i32.load
        i32.eqz
        br_if 0 (;@1;)
        local.get 0
        i64.load offset=6148 align=4
        local.set 5
        local.get 2
        local.get 4
        i32.const 48
        memory.copy
        local.get 4
        local.get 5
        i64.store offset=8
        i32.const 0
        local.set 3
        local.get 4
        i32.const 0
        i32.store
        local.get 0
        i32.const 1
        i32.store offset=6148
        local.get 0
        local.get 1
        i32.store offset=6152
        local.get 2
        call $_RINvNtCskGMzdWn1DGZ_4core3ptr9drop_glueNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptors10DescriptorEBF_
      end
      local.get 2
      i32.const 48
      i32.add
      global.set $__stack_pointer
      local.get 3
    )
    (func $cabi_import_realloc (;55;) (type 3) (param i32 i32 i32 i32) (result i32)
      (local i32 i32 i64)
      global.get $__stack_pointer
      i32.const 48
      i32.sub
      local.tee 4
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  block ;; label = @7
                    block ;; label = @8
                      block ;; label = @9
                        call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
                        local.tee 5
                        i32.load
                        i32.const 560490357
                        i32.ne
                        br_if 0 (;@9;)
                        block ;; label = @10
                          local.get 5
                          i32.load offset=65532
                          i32.const 560490357
                          i32.ne
                          br_if 0 (;@10;)
                          local.get 5
                          i64.load offset=4 align=4
                          local.set 6
                          local.get 5
                          i32.const 4
                          i32.store offset=4
                          local.get 4
                          local.get 5
                          i32.load offset=20
                          i32.store offset=16
                          local.get 4
                          local.get 5
                          i64.load offset=12 align=4
                          i64.store offset=8
                          local.get 4
                          local.get 6
                          i64.store
                          local.get 0
                          i32.eqz
                          br_if 2 (;@8;)
                          local.get 1
                          local.get 3
                          i32.le_u
                          br_if 3 (;@7;)
                          local.get 2
                          i32.const 1
                          i32.eq
                          br_if 8 (;@2;)
                          i32.const 406
                          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                          unreachable
                        end
                        i32.const 2858
                        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                        unreachable
                      end
                      i32.const 2857
                      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                      unreachable
                    end
                    local.get 4
                    i32.load
                    br_table 1 (;@6;) 4 (;@3;) 3 (;@4;) 2 (;@5;) 6 (;@1;) 1 (;@6;)
                  end
                  i32.const 405
                  call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                  unreachable
                end
                local.get 4
                i32.const 4
                i32.or
                local.get 2
                local.get 3
                call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
                local.set 0
                local.get 4
                i32.const 4
                i32.store
                br 3 (;@2;)
              end
              local.get 4
              i32.const 12
              i32.add
              local.set 0
              block ;; label = @5
                local.get 2
                i32.const 1
                i32.eq
                br_if 0 (;@5;)
                local.get 0
                local.get 2
                local.get 3
                call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
                local.set 0
                br 3 (;@2;)
              end
              local.get 4
              local.get 4
              i32.load offset=4
              local.tee 2
              i32.const 1
              i32.add
              i32.store offset=4
              block ;; label = @5
                local.get 2
                local.get 4
                i32.load offset=8
                i32.eq
                br_if 0 (;@5;)
                local.get 4
                local.get 4
                i64.load offset=12 align=4
                i64.store offset=24 align=4
                local.get 4
                i32.const 24
                i32.add
                i32.const 1
                local.get 3
                call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
                local.set 0
                br 3 (;@2;)
              end
              local.get 0
              i32.const 1
              local.get 3
              call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
              local.set 0
              br 2 (;@2;)
            end
            block ;; label = @4
              local.get 2
              i32.const 1
              i32.eq
              br_if 0 (;@4;)
              local.get 4
              i32.const 12
              i32.add
              local.get 2
              local.get 3
              call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
              local.set 0
              br 2 (;@2;)
            end
            local.get 4
            i32.const 4
            i32.or
            i32.const 1
            local.get 3
            i32.const 1
            i32.add
            call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
            local.set 0
            br 1 (;@2;)
          end
          block ;; label = @3
            local.get 2
            i32.const 1
            i32.eq
            br_if 0 (;@3;)
            local.get 4
            i32.const 8
            i32.add
            local.get 2
            local.get 3
            call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
            local.set 0
            br 1 (;@2;)
          end
          local.get 4
          local.get 4
          i32.load offset=4
          local.get 3
          i32.add
          i32.store offset=4
          local.get 4
          local.get 4
          i64.load offset=8
          i64.store offset=24 align=4
          local.get 4
          i32.const 24
          i32.add
          i32.const 1
          local.get 3
          call $_RNvMs1_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_9BumpAlloc5alloc
          local.set 0
        end
        local.get 5
        i32.const 4
        i32.add
        local.tee 5
        local.get 4
        i32.load offset=16
        i32.store offset=16
        local.get 5
        local.get 4
        i64.load offset=8
        i64.store offset=8 align=4
        local.get 5
        local.get 4
        i64.load
        i64.store align=4
        local.get 4
        i32.const 48
        i32.add
        global.set $__stack_pointer
        local.get 0
        return
      end
      i32.const 447
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
      local.get 4
      i32.const 8250
      i32.store16 offset=24 align=1
      local.get 4
      i32.const 24
      i32.add
      i32.const 2
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 4
      i64.const 748834980320733542
      i64.store offset=40 align=1
      local.get 4
      i64.const 7957688057596965985
      i64.store offset=32 align=1
      local.get 4
      i64.const 7165064744911531886
      i64.store offset=24 align=1
      local.get 4
      i32.const 24
      i32.add
      i32.const 24
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 4
      i32.const 10
      i32.store8 offset=24
      local.get 4
      i32.const 24
      i32.add
      i32.const 1
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      unreachable
    )
    (func $clock_res_get (;56;) (type 14) (param i32 i32) (result i32)
      (local i32 i32 i64 i64)
      global.get $__stack_pointer
      i32.const 32
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      i32.const 8
      local.set 3
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              local.get 0
              br_table 1 (;@3;) 0 (;@4;) 3 (;@1;)
            end
            call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock10resolution11wit_import0
            local.set 4
            br 1 (;@2;)
          end
          local.get 2
          i32.const 16
          i32.add
          call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks10wall_clock10resolution11wit_import1
          local.get 2
          local.get 2
          i64.load offset=16
          i64.const 0
          i64.const 1000000000
          i64.const 0
          call $__multi3
          i32.const 61
          local.set 3
          local.get 2
          i64.load offset=8
          i64.const 0
          i64.ne
          br_if 1 (;@1;)
          local.get 2
          i64.load
          local.tee 5
          local.get 2
          i64.load32_u offset=24
          i64.add
          local.tee 4
          local.get 5
          i64.lt_u
          br_if 1 (;@1;)
        end
        local.get 1
        local.get 4
        i64.store
        i32.const 0
        local.set 3
      end
      local.get 2
      i32.const 32
      i32.add
      global.set $__stack_pointer
      local.get 3
    )
    (func $clock_time_get (;57;) (type 15) (param i32 i64 i32) (result i32)
      (local i32 i32 i64 i64)
      global.get $__stack_pointer
      i32.const 32
      i32.sub
      local.tee 3
      global.set $__stack_pointer
      i32.const 8
      local.set 4
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  local.get 0
                  br_table 1 (;@5;) 0 (;@6;) 4 (;@2;)
                end
                i64.const 0
                local.set 5
                call $get_allocation_state
                i32.const -2
                i32.add
                br_table 1 (;@4;) 2 (;@3;) 1 (;@4;) 2 (;@3;)
              end
              local.get 3
              i32.const 16
              i32.add
              call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks10wall_clock3now11wit_import1
              local.get 3
              local.get 3
              i64.load offset=16
              i64.const 0
              i64.const 1000000000
              i64.const 0
              call $__multi3
              i32.const 61
              local.set 4
              local.get 3
              i64.load offset=8
              i64.const 0
              i64.ne
              br_if 2 (;@2;)
              local.get 3
              i64.load
              local.tee 6
              local.get 3
              i64.load32_u offset=24
              i64.add
              local.tee 5
              local.get 6
              i64.ge_u
              br_if 1 (;@3;)
              br 2 (;@2;)
            end
            call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
            local.tee 4
            i32.load
            i32.const 560490357
            i32.ne
            br_if 2 (;@1;)
            block ;; label = @4
              block ;; label = @5
                local.get 4
                i32.load offset=65532
                i32.const 560490357
                i32.ne
                br_if 0 (;@5;)
                local.get 4
                i32.load8_u offset=65528
                br_if 1 (;@4;)
                local.get 4
                call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock3now11wit_import0
                local.tee 5
                i64.store offset=65520
                br 2 (;@3;)
              end
              i32.const 2858
              call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
              unreachable
            end
            local.get 4
            i64.load offset=65520
            local.set 5
          end
          local.get 2
          local.get 5
          i64.store
          i32.const 0
          local.set 4
        end
        local.get 3
        i32.const 32
        i32.add
        global.set $__stack_pointer
        local.get 4
        return
      end
      i32.const 2857
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
      unreachable
    )
    (func $fd_close (;58;) (type 7) (param i32) (result i32)
      (local i32 i32 i32 i32 i32 i64)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
          local.tee 2
          i32.load
          i32.const 560490357
          i32.ne
          br_if 0 (;@2;)
          local.get 2
          i32.load offset=65532
          i32.const 560490357
          i32.ne
          br_if 1 (;@1;)
          local.get 1
          i32.const 8
          i32.add
          local.get 2
          call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors
          i32.const 8
          local.set 3
          local.get 1
          i32.load offset=12
          local.set 4
          block ;; label = @3
            local.get 0
            local.get 1
            i32.load offset=8
            local.tee 5
            i32.load16_u offset=6144
            i32.ge_u
            br_if 0 (;@3;)
            local.get 5
            local.get 0
            i32.const 48
            i32.mul
            i32.add
            i32.load
            i32.const 2
            i32.eq
            br_if 0 (;@3;)
            local.get 4
            local.get 4
            i32.load
            i32.const 1
            i32.add
            i32.store
            block ;; label = @4
              local.get 0
              local.get 2
              i32.load offset=65504
              i32.ne
              br_if 0 (;@4;)
              local.get 2
              i64.load offset=65464
              local.set 6
              local.get 2
              i64.const 0
              i64.store offset=65464
              local.get 6
              i32.wrap_i64
              i32.eqz
              br_if 0 (;@4;)
              local.get 6
              i64.const 32
              i64.shr_u
              local.tee 6
              i64.const 4294967295
              i64.eq
              br_if 0 (;@4;)
              local.get 6
              i32.wrap_i64
              call $_RNvNvXse_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_20DirectoryEntryStreamNtNtBd_3__rt12WasmResource4drop4drop
            end
            local.get 1
            local.get 2
            call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State15descriptors_mut
            local.get 1
            i32.load offset=4
            local.set 4
            local.get 1
            i32.load
            local.get 0
            call $_RNvMs0_NtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB5_11Descriptors5close
            i32.const 65535
            i32.and
            i32.const 3
            i32.shl
            local.set 3
          end
          local.get 4
          local.get 4
          i32.load
          i32.const 1
          i32.add
          i32.store
          local.get 1
          i32.const 16
          i32.add
          global.set $__stack_pointer
          local.get 3
          return
        end
        i32.const 2857
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
        unreachable
      end
      i32.const 2858
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
      unreachable
    )
    (func $fd_fdstat_get (;59;) (type 14) (param i32 i32) (result i32)
      (local i32 i32 i32 i32 i64 i32 i64)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
              local.tee 3
              i32.load
              i32.const 560490357
              i32.ne
              br_if 0 (;@4;)
              block ;; label = @5
                local.get 3
                i32.load offset=65532
                i32.const 560490357
                i32.ne
                br_if 0 (;@5;)
                local.get 2
                local.get 3
                call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors
                i32.const 8
                local.set 4
                local.get 2
                i32.load offset=4
                local.set 3
                local.get 0
                local.get 2
                i32.load
                local.tee 5
                i32.load16_u offset=6144
                i32.ge_u
                br_if 4 (;@1;)
                local.get 5
                local.get 0
                i32.const 48
                i32.mul
                i32.add
                local.tee 0
                i32.load
                i32.const 1
                i32.ne
                br_if 4 (;@1;)
                block ;; label = @6
                  block ;; label = @7
                    local.get 0
                    i32.load8_u offset=41
                    i32.const 2
                    i32.eq
                    br_if 0 (;@7;)
                    local.get 0
                    i32.load offset=24
                    local.get 2
                    i32.const 12
                    i32.add
                    call $_RNvNvMsk_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor9get_flags11wit_import1
                    local.get 2
                    i32.load8_u offset=13
                    local.set 5
                    local.get 2
                    i32.load8_u offset=12
                    i32.eqz
                    br_if 1 (;@6;)
                    local.get 5
                    call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
                    local.set 4
                    br 6 (;@1;)
                  end
                  local.get 0
                  i32.load offset=16
                  i32.const 6
                  i32.shl
                  local.get 0
                  i32.load offset=8
                  i32.const 1
                  i32.shl
                  i32.or
                  i64.extend_i32_u
                  local.set 6
                  local.get 0
                  i32.load8_u offset=24
                  call $_RNvMs_NtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB4_5Stdio8filetype
                  i32.const 255
                  i32.and
                  local.set 4
                  i32.const 0
                  local.set 0
                  br 3 (;@3;)
                end
                local.get 0
                i32.load offset=24
                local.get 2
                i32.const 14
                i32.add
                call $_RNvNvMsl_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor8get_type11wit_import1
                local.get 2
                i32.load8_u offset=15
                local.set 7
                block ;; label = @6
                  local.get 2
                  i32.load8_u offset=14
                  i32.eqz
                  br_if 0 (;@6;)
                  local.get 7
                  call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
                  local.set 4
                  br 5 (;@1;)
                end
                i32.const 3
                local.set 4
                block ;; label = @6
                  local.get 7
                  i32.const 255
                  i32.and
                  i32.const 3
                  i32.ne
                  br_if 0 (;@6;)
                  i64.const 267911167
                  local.set 8
                  i64.const 129498624
                  local.set 6
                  i32.const 0
                  local.set 0
                  br 4 (;@2;)
                end
                i64.const -1
                i64.const -16387
                local.get 5
                i32.const 1
                i32.and
                select
                local.tee 6
                local.get 6
                i64.const -65
                i64.and
                local.get 5
                i32.const 2
                i32.and
                select
                local.set 6
                local.get 7
                call $_RNvXs5_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated8FiletypeINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types14DescriptorTypeE4from
                local.set 4
                local.get 5
                i32.const 2
                i32.shr_u
                i32.const 2
                i32.and
                local.get 5
                i32.const 1
                i32.shr_u
                i32.const 8
                i32.and
                i32.or
                local.get 5
                i32.const 2
                i32.shl
                i32.const 16
                i32.and
                i32.or
                local.get 0
                i32.load8_u offset=40
                i32.or
                i32.const 27
                i32.and
                local.tee 5
                local.get 5
                i32.const 4
                i32.or
                local.get 0
                i32.load8_u offset=41
                select
                local.set 0
                local.get 4
                i32.const 255
                i32.and
                local.set 4
                br 2 (;@3;)
              end
              i32.const 2858
              call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
              unreachable
            end
            i32.const 2857
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
            unreachable
          end
          local.get 6
          local.set 8
        end
        local.get 1
        local.get 8
        i64.store offset=16
        local.get 1
        local.get 6
        i64.store offset=8
        local.get 1
        local.get 0
        i32.store16 offset=2
        local.get 1
        local.get 4
        i32.store8
        i32.const 0
        local.set 4
      end
      local.get 3
      local.get 3
      i32.load
      i32.const 1
      i32.add
      i32.store
      local.get 2
      i32.const 16
      i32.add
      global.set $__stack_pointer
      local.get 4
      i32.const 65535
      i32.and
    )
    (func $_RNvMs_NtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB4_5Stdio8filetype (;60;) (type 7) (param i32) (result i32)
      (local i32 i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                local.get 0
                i32.const 255
                i32.and
                br_table 0 (;@5;) 1 (;@4;) 2 (;@3;) 0 (;@5;)
              end
              local.get 1
              i64.const 0
              i64.store offset=8
              local.get 1
              i32.const 8
              i32.add
              call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli14terminal_stdin18get_terminal_stdin11wit_import1
              local.get 1
              i32.load8_u offset=8
              i32.eqz
              br_if 2 (;@2;)
              i32.const 2
              local.set 0
              local.get 1
              i32.load offset=12
              local.tee 2
              i32.const -1
              i32.eq
              br_if 3 (;@1;)
              local.get 2
              call $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli14terminal_inputNtB6_13TerminalInputNtNtBc_3__rt12WasmResource4drop4drop
              br 3 (;@1;)
            end
            local.get 1
            i64.const 0
            i64.store offset=8
            local.get 1
            i32.const 8
            i32.add
            call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli15terminal_stdout19get_terminal_stdout11wit_import1
            local.get 1
            i32.load8_u offset=8
            i32.eqz
            br_if 1 (;@2;)
            i32.const 2
            local.set 0
            local.get 1
            i32.load offset=12
            local.tee 2
            i32.const -1
            i32.eq
            br_if 2 (;@1;)
            local.get 2
            call $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli15terminal_outputNtB6_14TerminalOutputNtNtBc_3__rt12WasmResource4drop4drop
            br 2 (;@1;)
          end
          local.get 1
          i64.const 0
          i64.store offset=8
          local.get 1
          i32.const 8
          i32.add
          call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli15terminal_stderr19get_terminal_stderr11wit_import1
          local.get 1
          i32.load8_u offset=8
          i32.eqz
          br_if 0 (;@2;)
          i32.const 2
          local.set 0
          local.get 1
          i32.load offset=12
          local.tee 2
          i32.const -1
          i32.eq
          br_if 1 (;@1;)
          local.get 2
          call $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli15terminal_outputNtB6_14TerminalOutputNtNtBc_3__rt12WasmResource4drop4drop
          br 1 (;@1;)
        end
        i32.const 0
        local.set 0
      end
      local.get 1
      i32.const 16
      i32.add
      global.set $__stack_pointer
      local.get 0
    )
    (func $_RNvMst_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB5_10Descriptor4stat (;61;) (type 0) (param i32 i32)
      (local i32 i64)
      global.get $__stack_pointer
      i32.const 112
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      local.get 1
      i32.load
      local.get 2
      i32.const 8
      i32.add
      call $_RNvNvMst_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor4stat11wit_import1
      i64.const 2
      local.set 3
      local.get 2
      i32.load8_u offset=16
      local.set 1
      block ;; label = @1
        local.get 2
        i32.load8_u offset=8
        br_if 0 (;@1;)
        local.get 0
        local.get 2
        i64.load offset=32
        i64.store offset=16
        local.get 0
        local.get 2
        i64.load offset=24
        i64.store offset=8
        local.get 0
        local.get 2
        i32.load offset=104
        i32.store offset=88
        local.get 0
        local.get 2
        i64.load offset=96
        i64.store offset=80
        local.get 0
        local.get 2
        i32.load offset=80
        i32.store offset=64
        local.get 0
        local.get 2
        i64.load offset=72
        i64.store offset=56
        local.get 0
        local.get 2
        i32.load offset=56
        i32.store offset=40
        local.get 0
        local.get 2
        i64.load offset=48
        i64.store offset=32
        local.get 0
        local.get 2
        i32.load8_u offset=64
        i32.const 0
        i32.ne
        i64.extend_i32_u
        i64.store offset=48
        local.get 0
        local.get 2
        i32.load8_u offset=40
        i32.const 0
        i32.ne
        i64.extend_i32_u
        i64.store offset=24
        local.get 2
        i32.load8_u offset=88
        i32.const 0
        i32.ne
        i64.extend_i32_u
        local.set 3
      end
      local.get 0
      local.get 3
      i64.store offset=72
      local.get 0
      local.get 1
      i32.store8
      local.get 2
      i32.const 112
      i32.add
      global.set $__stack_pointer
    )
    (func $_RNvMNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB2_7Streams15get_read_stream (;62;) (type 0) (param i32 i32)
      (local i32 i64)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              local.get 1
              i32.load
              br_if 0 (;@4;)
              local.get 1
              i32.load8_u offset=33
              i32.const 2
              i32.eq
              br_if 1 (;@3;)
              block ;; label = @5
                local.get 1
                i32.load8_u offset=20
                i32.const 3
                i32.ne
                br_if 0 (;@5;)
                local.get 0
                i32.const 8
                i32.store16 offset=2
                i32.const 1
                local.set 1
                br 4 (;@1;)
              end
              local.get 1
              i64.load offset=24
              local.set 3
              local.get 2
              i64.const 0
              i64.store offset=8
              local.get 1
              i32.load offset=16
              local.get 3
              local.get 2
              i32.const 8
              i32.add
              call $_RNvNvMsf_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor15read_via_stream11wit_import1
              block ;; label = @5
                local.get 2
                i32.load8_u offset=8
                i32.eqz
                br_if 0 (;@5;)
                local.get 0
                local.get 2
                i32.load8_u offset=12
                call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
                i32.store16 offset=2
                i32.const 1
                local.set 1
                br 4 (;@1;)
              end
              local.get 1
              i32.load
              i32.const 1
              i32.eq
              br_if 2 (;@2;)
              local.get 1
              local.get 2
              i32.load offset=12
              i32.store offset=4
              local.get 1
              i32.const 1
              i32.store
            end
            local.get 0
            local.get 1
            i32.const 4
            i32.add
            i32.store offset=4
            i32.const 0
            local.set 1
            br 2 (;@1;)
          end
          local.get 0
          i32.const 8
          i32.store16 offset=2
          i32.const 1
          local.set 1
          br 1 (;@1;)
        end
        i32.const 167
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
        unreachable
      end
      local.get 0
      local.get 1
      i32.store16
      local.get 2
      i32.const 16
      i32.add
      global.set $__stack_pointer
    )
    (func $_RINvNtCskGMzdWn1DGZ_4core3ptr9drop_glueNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptors10DescriptorEBF_ (;63;) (type 1) (param i32)
      (local i32)
      block ;; label = @1
        local.get 0
        i32.load
        i32.const 1
        i32.ne
        br_if 0 (;@1;)
        block ;; label = @2
          local.get 0
          i32.load offset=8
          i32.eqz
          br_if 0 (;@2;)
          local.get 0
          i32.load offset=12
          local.tee 1
          i32.const -1
          i32.eq
          br_if 0 (;@2;)
          local.get 1
          call $_RNvNvXs2_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_11InputStreamNtNtBd_3__rt12WasmResource4drop4drop
        end
        block ;; label = @2
          local.get 0
          i32.load offset=16
          i32.eqz
          br_if 0 (;@2;)
          local.get 0
          i32.load offset=20
          local.tee 1
          i32.const -1
          i32.eq
          br_if 0 (;@2;)
          local.get 1
          call $_RNvNvXs4_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStreamNtNtBd_3__rt12WasmResource4drop4drop
        end
        local.get 0
        i32.load8_u offset=41
        i32.const 2
        i32.eq
        br_if 0 (;@1;)
        local.get 0
        i32.load offset=24
        local.tee 0
        i32.const -1
        i32.eq
        br_if 0 (;@1;)
        local.get 0
        call $_RNvNvXsc_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10DescriptorNtNtBd_3__rt12WasmResource4drop4drop
      end
    )
    (func $fd_seek (;64;) (type 16) (param i32 i64 i32 i32) (result i32)
      (local i32 i32 i32 i32 i64)
      global.get $__stack_pointer
      i32.const 112
      i32.sub
      local.tee 4
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
              local.tee 5
              i32.load
              i32.const 560490357
              i32.ne
              br_if 0 (;@4;)
              block ;; label = @5
                block ;; label = @6
                  local.get 5
                  i32.load offset=65532
                  i32.const 560490357
                  i32.ne
                  br_if 0 (;@6;)
                  local.get 4
                  i32.const 8
                  i32.add
                  local.get 5
                  call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State15descriptors_mut
                  i32.const 8
                  local.set 6
                  local.get 4
                  i32.load offset=12
                  local.set 5
                  local.get 0
                  local.get 4
                  i32.load offset=8
                  local.tee 7
                  i32.load16_u offset=6144
                  i32.ge_u
                  br_if 5 (;@1;)
                  i32.const 70
                  local.set 6
                  local.get 7
                  local.get 0
                  i32.const 48
                  i32.mul
                  i32.add
                  local.tee 0
                  i32.load
                  i32.const 1
                  i32.ne
                  br_if 5 (;@1;)
                  local.get 0
                  i32.load8_u offset=41
                  i32.const 2
                  i32.eq
                  br_if 5 (;@1;)
                  i32.const 8
                  local.set 6
                  local.get 0
                  i32.load8_u offset=28
                  i32.const 3
                  i32.eq
                  br_if 5 (;@1;)
                  i32.const 28
                  local.set 6
                  block ;; label = @7
                    block ;; label = @8
                      local.get 2
                      br_table 3 (;@5;) 0 (;@8;) 1 (;@7;) 7 (;@1;)
                    end
                    local.get 1
                    i64.const 0
                    i64.lt_s
                    local.get 0
                    i64.load offset=32
                    local.tee 8
                    local.get 1
                    i64.add
                    local.tee 1
                    local.get 8
                    i64.lt_s
                    i32.xor
                    br_if 6 (;@1;)
                    local.get 1
                    i64.const 0
                    i64.lt_s
                    br_if 6 (;@1;)
                    br 5 (;@2;)
                  end
                  local.get 4
                  i32.const 16
                  i32.add
                  local.get 0
                  i32.const 24
                  i32.add
                  call $_RNvMst_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB5_10Descriptor4stat
                  local.get 4
                  i64.load offset=88
                  i64.const 2
                  i64.eq
                  br_if 3 (;@3;)
                  local.get 1
                  i64.const 0
                  i64.lt_s
                  local.get 4
                  i64.load offset=32
                  local.tee 8
                  local.get 1
                  i64.add
                  local.tee 1
                  local.get 8
                  i64.lt_s
                  i32.xor
                  br_if 5 (;@1;)
                  local.get 1
                  i64.const 0
                  i64.ge_s
                  br_if 4 (;@2;)
                  br 5 (;@1;)
                end
                i32.const 2858
                call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                unreachable
              end
              local.get 1
              i64.const -1
              i64.gt_s
              br_if 2 (;@2;)
              br 3 (;@1;)
            end
            i32.const 2857
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
            unreachable
          end
          local.get 4
          i32.load8_u offset=16
          call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
          local.set 6
          br 1 (;@1;)
        end
        local.get 0
        i64.load offset=8 align=4
        local.set 8
        local.get 0
        i64.const 0
        i64.store offset=8 align=4
        block ;; label = @2
          local.get 8
          i32.wrap_i64
          i32.eqz
          br_if 0 (;@2;)
          local.get 8
          i64.const 32
          i64.shr_u
          local.tee 8
          i64.const 4294967295
          i64.eq
          br_if 0 (;@2;)
          local.get 8
          i32.wrap_i64
          call $_RNvNvXs2_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_11InputStreamNtNtBd_3__rt12WasmResource4drop4drop
        end
        local.get 0
        i64.load offset=16 align=4
        local.set 8
        local.get 0
        i64.const 0
        i64.store offset=16 align=4
        block ;; label = @2
          local.get 8
          i32.wrap_i64
          i32.eqz
          br_if 0 (;@2;)
          local.get 8
          i64.const 32
          i64.shr_u
          local.tee 8
          i64.const 4294967295
          i64.eq
          br_if 0 (;@2;)
          local.get 8
          i32.wrap_i64
          call $_RNvNvXs4_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStreamNtNtBd_3__rt12WasmResource4drop4drop
        end
        local.get 3
        local.get 1
        i64.store
        local.get 0
        local.get 1
        i64.store offset=32
        i32.const 0
        local.set 6
      end
      local.get 5
      local.get 5
      i32.load
      i32.const 1
      i32.add
      i32.store
      local.get 4
      i32.const 112
      i32.add
      global.set $__stack_pointer
      local.get 6
      i32.const 65535
      i32.and
    )
    (func $fd_write (;65;) (type 3) (param i32 i32 i32 i32) (result i32)
      (local i32 i32 i32 i32)
      global.get $__stack_pointer
      i32.const 112
      i32.sub
      local.tee 4
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            call $get_allocation_state
            i32.const -2
            i32.add
            br_table 1 (;@2;) 0 (;@3;) 1 (;@2;) 0 (;@3;)
          end
          local.get 3
          i32.const 0
          i32.store
          i32.const 29
          local.set 1
          br 1 (;@1;)
        end
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  block ;; label = @7
                    block ;; label = @8
                      block ;; label = @9
                        local.get 2
                        i32.const 2
                        i32.lt_u
                        br_if 0 (;@9;)
                        local.get 1
                        local.get 2
                        i32.const 3
                        i32.shl
                        i32.add
                        i32.const -8
                        i32.add
                        local.set 5
                        loop ;; label = @10
                          local.get 1
                          i32.const 4
                          i32.add
                          i32.load
                          local.tee 6
                          br_if 3 (;@7;)
                          local.get 1
                          i32.const 8
                          i32.add
                          local.set 1
                          local.get 2
                          i32.const -1
                          i32.add
                          local.tee 2
                          i32.const 1
                          i32.gt_u
                          br_if 0 (;@10;)
                        end
                        local.get 5
                        local.set 1
                        br 1 (;@8;)
                      end
                      local.get 2
                      i32.eqz
                      br_if 2 (;@6;)
                    end
                    local.get 1
                    i32.load offset=4
                    local.set 6
                  end
                  local.get 1
                  i32.load
                  local.set 7
                  call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
                  local.tee 1
                  i32.load
                  i32.const 560490357
                  i32.ne
                  br_if 1 (;@5;)
                  block ;; label = @7
                    local.get 1
                    i32.load offset=65532
                    i32.const 560490357
                    i32.ne
                    br_if 0 (;@7;)
                    local.get 4
                    i32.const 8
                    i32.add
                    local.get 1
                    call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors
                    i32.const 8
                    local.set 1
                    local.get 4
                    i32.load offset=12
                    local.set 2
                    local.get 0
                    local.get 4
                    i32.load offset=8
                    local.tee 5
                    i32.load16_u offset=6144
                    i32.ge_u
                    br_if 5 (;@2;)
                    local.get 5
                    local.get 0
                    i32.const 48
                    i32.mul
                    i32.add
                    local.tee 0
                    i32.load
                    i32.const 1
                    i32.ne
                    br_if 5 (;@2;)
                    local.get 4
                    i32.const 16
                    i32.add
                    local.get 0
                    i32.const 8
                    i32.add
                    call $_RNvMNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB2_7Streams16get_write_stream
                    local.get 4
                    i32.load16_u offset=16
                    i32.const 1
                    i32.eq
                    br_if 4 (;@3;)
                    local.get 4
                    i32.load offset=20
                    local.set 1
                    block ;; label = @8
                      local.get 0
                      i32.load8_u offset=41
                      local.tee 5
                      i32.const 2
                      i32.eq
                      br_if 0 (;@8;)
                      local.get 4
                      i32.const 16
                      i32.add
                      local.get 5
                      i32.const 1
                      i32.and
                      local.get 1
                      local.get 7
                      local.get 6
                      call $_RNvMs6_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_12BlockingMode5write
                      local.get 4
                      i32.load16_u offset=16
                      br_if 5 (;@3;)
                      br 4 (;@4;)
                    end
                    local.get 4
                    i32.const 16
                    i32.add
                    i32.const 1
                    local.get 1
                    local.get 7
                    local.get 6
                    call $_RNvMs6_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_12BlockingMode5write
                    local.get 4
                    i32.load16_u offset=16
                    br_if 4 (;@3;)
                    br 3 (;@4;)
                  end
                  i32.const 2858
                  call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                  unreachable
                end
                i32.const 0
                local.set 1
                local.get 3
                i32.const 0
                i32.store
                br 4 (;@1;)
              end
              i32.const 2857
              call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
              unreachable
            end
            local.get 4
            i32.load offset=20
            local.set 1
            block ;; label = @4
              local.get 0
              i32.load8_u offset=41
              i32.const 2
              i32.eq
              br_if 0 (;@4;)
              block ;; label = @5
                local.get 0
                i32.load8_u offset=40
                br_if 0 (;@5;)
                local.get 0
                local.get 0
                i64.load offset=32
                local.get 1
                i64.extend_i32_u
                i64.add
                i64.store offset=32
                br 1 (;@4;)
              end
              local.get 4
              i32.const 16
              i32.add
              local.get 0
              i32.const 24
              i32.add
              call $_RNvMst_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB5_10Descriptor4stat
              block ;; label = @5
                local.get 4
                i64.load offset=88
                i64.const 2
                i64.ne
                br_if 0 (;@5;)
                local.get 4
                i32.load8_u offset=16
                call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
                local.set 1
                br 3 (;@2;)
              end
              local.get 0
              local.get 4
              i64.load offset=32
              i64.store offset=32
            end
            local.get 3
            local.get 1
            i32.store
            i32.const 0
            local.set 1
            br 1 (;@2;)
          end
          local.get 4
          i32.load16_u offset=18
          local.set 1
        end
        local.get 2
        local.get 2
        i32.load
        i32.const 1
        i32.add
        i32.store
      end
      local.get 4
      i32.const 112
      i32.add
      global.set $__stack_pointer
      local.get 1
      i32.const 65535
      i32.and
    )
    (func $_RNvMNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB2_7Streams16get_write_stream (;66;) (type 0) (param i32 i32)
      (local i32 i64 i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            local.get 1
            i32.load offset=8
            br_if 0 (;@3;)
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  local.get 1
                  i32.load8_u offset=33
                  i32.const 2
                  i32.eq
                  br_if 0 (;@6;)
                  block ;; label = @7
                    local.get 1
                    i32.load8_u offset=20
                    i32.const 3
                    i32.ne
                    br_if 0 (;@7;)
                    local.get 0
                    i32.const 8
                    i32.store16 offset=2
                    br 2 (;@5;)
                  end
                  block ;; label = @7
                    local.get 1
                    i32.load8_u offset=32
                    br_if 0 (;@7;)
                    local.get 1
                    i64.load offset=24
                    local.set 3
                    local.get 2
                    i64.const 0
                    i64.store offset=8
                    local.get 1
                    i32.load offset=16
                    local.get 3
                    local.get 2
                    i32.const 8
                    i32.add
                    call $_RNvNvMsg_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor16write_via_stream11wit_import1
                    local.get 2
                    i32.load8_u offset=8
                    i32.eqz
                    br_if 3 (;@4;)
                    local.get 0
                    local.get 2
                    i32.load8_u offset=12
                    call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
                    i32.store16 offset=2
                    br 2 (;@5;)
                  end
                  local.get 2
                  i64.const 0
                  i64.store offset=8
                  local.get 1
                  i32.load offset=16
                  local.get 2
                  i32.const 8
                  i32.add
                  call $_RNvNvMsh_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB7_10Descriptor17append_via_stream11wit_import1
                  local.get 2
                  i32.load8_u offset=8
                  i32.eqz
                  br_if 2 (;@4;)
                  local.get 0
                  local.get 2
                  i32.load8_u offset=12
                  call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
                  i32.store16 offset=2
                  br 1 (;@5;)
                end
                local.get 0
                i32.const 8
                i32.store16 offset=2
              end
              i32.const 1
              local.set 1
              br 2 (;@2;)
            end
            local.get 2
            i32.load offset=12
            local.set 4
            local.get 1
            i32.load offset=8
            i32.const 1
            i32.eq
            br_if 2 (;@1;)
            local.get 1
            local.get 4
            i32.store offset=12
            local.get 1
            i32.const 1
            i32.store offset=8
          end
          local.get 0
          local.get 1
          i32.const 12
          i32.add
          i32.store offset=4
          i32.const 0
          local.set 1
        end
        local.get 0
        local.get 1
        i32.store16
        local.get 2
        i32.const 16
        i32.add
        global.set $__stack_pointer
        return
      end
      i32.const 167
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
      unreachable
    )
    (func $poll_oneoff (;67;) (type 3) (param i32 i32 i32 i32) (result i32)
      (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i64 i64 i32 i64 i64)
      global.get $__stack_pointer
      i32.const 160
      i32.sub
      local.tee 4
      global.set $__stack_pointer
      local.get 3
      i32.const 0
      i32.store
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              block ;; label = @5
                block ;; label = @6
                  block ;; label = @7
                    local.get 2
                    i32.const 134217728
                    i32.ge_u
                    br_if 0 (;@7;)
                    block ;; label = @8
                      local.get 2
                      i32.const 5
                      i32.shl
                      local.tee 5
                      local.get 2
                      i32.const 3
                      i32.shl
                      i32.lt_u
                      br_if 0 (;@8;)
                      block ;; label = @9
                        local.get 2
                        br_if 0 (;@9;)
                        i32.const 28
                        local.set 6
                        br 5 (;@4;)
                      end
                      block ;; label = @9
                        call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
                        local.tee 7
                        i32.load
                        i32.const 560490357
                        i32.ne
                        br_if 0 (;@9;)
                        local.get 7
                        i32.load offset=65532
                        i32.const 560490357
                        i32.ne
                        br_if 3 (;@6;)
                        local.get 1
                        local.get 5
                        i32.add
                        local.get 2
                        i32.const 2
                        i32.shl
                        local.tee 8
                        i32.sub
                        local.set 9
                        local.get 0
                        i32.const 24
                        i32.add
                        local.set 10
                        local.get 2
                        i32.const 48
                        i32.mul
                        local.set 11
                        i32.const 0
                        local.set 5
                        i32.const 0
                        local.set 12
                        loop ;; label = @10
                          i32.const 28
                          local.set 6
                          block ;; label = @11
                            block ;; label = @12
                              block ;; label = @13
                                block ;; label = @14
                                  block ;; label = @15
                                    block ;; label = @16
                                      block ;; label = @17
                                        block ;; label = @18
                                          block ;; label = @19
                                            block ;; label = @20
                                              block ;; label = @21
                                                local.get 10
                                                i32.const -16
                                                i32.add
                                                i32.load8_u
                                                br_table 0 (;@21;) 1 (;@20;) 2 (;@19;) 8 (;@13;)
                                              end
                                              local.get 10
                                              i32.const 16
                                              i32.add
                                              i32.load16_u
                                              i32.const 1
                                              i32.and
                                              local.set 13
                                              local.get 10
                                              i32.const -8
                                              i32.add
                                              i32.load
                                              br_table 2 (;@18;) 3 (;@17;) 7 (;@13;)
                                            end
                                            local.get 4
                                            i32.const 40
                                            i32.add
                                            local.get 7
                                            call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors
                                            local.get 4
                                            i32.load offset=44
                                            local.set 13
                                            local.get 10
                                            i32.const -8
                                            i32.add
                                            i32.load
                                            local.tee 6
                                            local.get 4
                                            i32.load offset=40
                                            local.tee 14
                                            i32.load16_u offset=6144
                                            i32.ge_u
                                            br_if 3 (;@16;)
                                            local.get 14
                                            local.get 6
                                            i32.const 48
                                            i32.mul
                                            i32.add
                                            local.tee 6
                                            i32.load
                                            i32.const 1
                                            i32.ne
                                            br_if 3 (;@16;)
                                            local.get 4
                                            i32.const 64
                                            i32.add
                                            local.get 6
                                            i32.const 8
                                            i32.add
                                            call $_RNvMNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB2_7Streams15get_read_stream
                                            local.get 4
                                            i32.load16_u offset=64
                                            br_if 5 (;@14;)
                                            local.get 4
                                            i32.load offset=68
                                            i32.load
                                            call $_RNvNvMs9_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_11InputStream9subscribe11wit_import0
                                            local.set 6
                                            local.get 13
                                            local.get 13
                                            i32.load
                                            i32.const 1
                                            i32.add
                                            i32.store
                                            br 8 (;@11;)
                                          end
                                          local.get 4
                                          i32.const 48
                                          i32.add
                                          local.get 7
                                          call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors
                                          local.get 4
                                          i32.load offset=52
                                          local.set 13
                                          local.get 10
                                          i32.const -8
                                          i32.add
                                          i32.load
                                          local.tee 6
                                          local.get 4
                                          i32.load offset=48
                                          local.tee 14
                                          i32.load16_u offset=6144
                                          i32.ge_u
                                          br_if 3 (;@15;)
                                          local.get 14
                                          local.get 6
                                          i32.const 48
                                          i32.mul
                                          i32.add
                                          local.tee 6
                                          i32.load
                                          i32.const 1
                                          i32.ne
                                          br_if 3 (;@15;)
                                          local.get 4
                                          i32.const 64
                                          i32.add
                                          local.get 6
                                          i32.const 8
                                          i32.add
                                          call $_RNvMNtCs1wwIxjb0Jwr_22wasi_snapshot_preview111descriptorsNtB2_7Streams16get_write_stream
                                          local.get 4
                                          i32.load16_u offset=64
                                          br_if 4 (;@14;)
                                          local.get 4
                                          i32.load offset=68
                                          i32.load
                                          call $_RNvNvMsf_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io7streamsNtB7_12OutputStream9subscribe11wit_import0
                                          local.set 6
                                          local.get 13
                                          local.get 13
                                          i32.load
                                          i32.const 1
                                          i32.add
                                          i32.store
                                          br 7 (;@11;)
                                        end
                                        local.get 10
                                        i64.load
                                        local.set 15
                                        block ;; label = @18
                                          local.get 13
                                          i32.eqz
                                          br_if 0 (;@18;)
                                          local.get 4
                                          i32.const 64
                                          i32.add
                                          call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks10wall_clock3now11wit_import1
                                          local.get 4
                                          i32.const 16
                                          i32.add
                                          local.get 15
                                          i64.const 1000000000
                                          i64.div_u
                                          local.tee 16
                                          local.get 4
                                          i64.load offset=64
                                          i64.sub
                                          local.get 4
                                          i32.load offset=72
                                          local.tee 14
                                          local.get 15
                                          local.get 16
                                          i64.const 1000000000
                                          i64.mul
                                          i64.sub
                                          i32.wrap_i64
                                          local.tee 13
                                          i32.gt_u
                                          local.tee 17
                                          i64.extend_i32_u
                                          i64.sub
                                          i64.const 0
                                          i64.const 1000000000
                                          i64.const 0
                                          call $__multi3
                                          i32.const 61
                                          local.set 6
                                          local.get 4
                                          i64.load offset=24
                                          i64.const 0
                                          i64.ne
                                          br_if 5 (;@13;)
                                          local.get 4
                                          i64.load offset=16
                                          local.tee 16
                                          local.get 13
                                          i32.const 1000000000
                                          i32.add
                                          local.get 13
                                          local.get 17
                                          select
                                          local.get 14
                                          i32.sub
                                          i64.extend_i32_u
                                          i64.add
                                          local.tee 15
                                          local.get 16
                                          i64.lt_u
                                          br_if 5 (;@13;)
                                        end
                                        local.get 15
                                        call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock18subscribe_duration11wit_import0
                                        local.set 6
                                        br 6 (;@11;)
                                      end
                                      local.get 10
                                      i64.load
                                      local.set 15
                                      local.get 13
                                      i32.eqz
                                      br_if 4 (;@12;)
                                      local.get 15
                                      call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock17subscribe_instant11wit_import0
                                      local.set 6
                                      br 5 (;@11;)
                                    end
                                    local.get 4
                                    i32.const 524289
                                    i32.store offset=64
                                    br 1 (;@14;)
                                  end
                                  local.get 4
                                  i32.const 524289
                                  i32.store offset=64
                                end
                                local.get 4
                                i32.load16_u offset=66
                                local.set 6
                                local.get 13
                                local.get 13
                                i32.load
                                i32.const 1
                                i32.add
                                i32.store
                              end
                              local.get 12
                              i32.eqz
                              br_if 8 (;@4;)
                              local.get 1
                              i32.const -4
                              i32.add
                              local.set 10
                              local.get 12
                              i32.const 2
                              i32.shl
                              local.set 5
                              loop ;; label = @13
                                block ;; label = @14
                                  local.get 10
                                  local.get 5
                                  i32.add
                                  i32.load
                                  local.tee 1
                                  i32.const -1
                                  i32.eq
                                  br_if 0 (;@14;)
                                  local.get 1
                                  call $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io4pollNtB6_8PollableNtNtBc_3__rt12WasmResource4drop4drop
                                end
                                local.get 5
                                i32.const -4
                                i32.add
                                local.tee 5
                                i32.eqz
                                br_if 9 (;@4;)
                                br 0 (;@13;)
                              end
                            end
                            local.get 15
                            call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6clocks15monotonic_clock18subscribe_duration11wit_import0
                            local.set 6
                          end
                          block ;; label = @11
                            local.get 2
                            local.get 12
                            i32.eq
                            br_if 0 (;@11;)
                            local.get 1
                            local.get 5
                            i32.add
                            local.get 6
                            i32.store
                            local.get 10
                            i32.const 48
                            i32.add
                            local.set 10
                            local.get 5
                            i32.const 4
                            i32.add
                            local.set 5
                            local.get 12
                            i32.const 1
                            i32.add
                            local.set 12
                            local.get 11
                            i32.const -48
                            i32.add
                            local.tee 11
                            i32.eqz
                            br_if 6 (;@5;)
                            br 1 (;@10;)
                          end
                        end
                        i32.const 2100
                        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                        unreachable
                      end
                      i32.const 2857
                      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                      unreachable
                    end
                    i32.const 2142
                    call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                    unreachable
                  end
                  i32.const 158
                  call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
                  unreachable
                end
                i32.const 2858
                call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
                unreachable
              end
              local.get 7
              local.get 8
              i32.store offset=12
              local.get 7
              local.get 9
              i32.store offset=8
              local.get 4
              i64.const 0
              i64.store offset=56 align=4
              local.get 7
              i32.load offset=4
              local.set 10
              local.get 7
              i32.const 0
              i32.store offset=4
              local.get 10
              i32.const 4
              i32.ne
              br_if 3 (;@1;)
              local.get 1
              local.get 2
              local.get 4
              i32.const 56
              i32.add
              call $_RNvNCNvCs1wwIxjb0Jwr_22wasi_snapshot_preview111poll_oneoff011poll_import
              local.get 7
              i32.const 4
              i32.store offset=4
              local.get 4
              i32.load offset=60
              local.get 2
              i32.gt_u
              br_if 2 (;@2;)
              local.get 4
              i32.load offset=56
              local.get 9
              i32.ne
              br_if 1 (;@3;)
              local.get 1
              i32.const -4
              i32.add
              local.set 12
              loop ;; label = @5
                block ;; label = @6
                  local.get 12
                  local.get 5
                  i32.add
                  i32.load
                  local.tee 10
                  i32.const -1
                  i32.eq
                  br_if 0 (;@6;)
                  local.get 10
                  call $_RNvNvXs_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi2io4pollNtB6_8PollableNtNtBc_3__rt12WasmResource4drop4drop
                end
                local.get 5
                i32.const -4
                i32.add
                local.tee 5
                br_if 0 (;@5;)
              end
              i32.const 0
              local.set 6
              i32.const 0
              local.set 11
              block ;; label = @5
                local.get 4
                i32.load offset=60
                local.tee 5
                i32.eqz
                br_if 0 (;@5;)
                local.get 5
                i32.const 2
                i32.shl
                local.set 14
                local.get 4
                i32.load offset=56
                local.set 5
                i32.const 0
                local.set 11
                loop ;; label = @6
                  local.get 0
                  local.get 5
                  i32.load
                  i32.const 48
                  i32.mul
                  i32.add
                  local.tee 10
                  i32.load offset=16
                  local.set 13
                  local.get 10
                  i64.load
                  local.set 16
                  i64.const 0
                  local.set 15
                  i32.const 0
                  local.set 2
                  i32.const 0
                  local.set 12
                  block ;; label = @7
                    block ;; label = @8
                      block ;; label = @9
                        block ;; label = @10
                          block ;; label = @11
                            block ;; label = @12
                              block ;; label = @13
                                block ;; label = @14
                                  block ;; label = @15
                                    block ;; label = @16
                                      block ;; label = @17
                                        local.get 10
                                        i32.load8_u offset=8
                                        local.tee 10
                                        br_table 10 (;@7;) 1 (;@16;) 2 (;@15;) 0 (;@17;)
                                      end
                                      i32.const 2334
                                      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
                                      unreachable
                                    end
                                    local.get 4
                                    local.get 7
                                    call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors
                                    local.get 13
                                    local.get 4
                                    i32.load
                                    local.tee 12
                                    i32.load16_u offset=6144
                                    i32.ge_u
                                    br_if 4 (;@11;)
                                    local.get 12
                                    local.get 13
                                    i32.const 48
                                    i32.mul
                                    i32.add
                                    local.tee 2
                                    i32.load
                                    i32.const 1
                                    i32.ne
                                    br_if 1 (;@14;)
                                    local.get 4
                                    i32.load offset=4
                                    local.set 13
                                    i32.const 0
                                    local.set 12
                                    i64.const 1
                                    local.set 15
                                    local.get 2
                                    i32.load8_u offset=41
                                    i32.const 2
                                    i32.ne
                                    br_if 2 (;@13;)
                                    br 6 (;@9;)
                                  end
                                  local.get 4
                                  i32.const 8
                                  i32.add
                                  local.get 7
                                  call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State11descriptors
                                  local.get 13
                                  local.get 4
                                  i32.load offset=8
                                  local.tee 12
                                  i32.load16_u offset=6144
                                  i32.ge_u
                                  br_if 4 (;@10;)
                                  local.get 12
                                  local.get 13
                                  i32.const 48
                                  i32.mul
                                  i32.add
                                  i32.load
                                  i32.const 1
                                  i32.ne
                                  br_if 2 (;@12;)
                                  local.get 4
                                  i32.load offset=12
                                  local.set 13
                                  i32.const 0
                                  local.set 2
                                  i64.const 1
                                  local.set 15
                                  i32.const 0
                                  local.set 12
                                  br 6 (;@8;)
                                end
                                i32.const 2315
                                call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
                                unreachable
                              end
                              local.get 4
                              i32.const 64
                              i32.add
                              local.get 2
                              i32.const 24
                              i32.add
                              call $_RNvMst_NtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi10filesystem5typesNtB5_10Descriptor4stat
                              block ;; label = @13
                                local.get 4
                                i64.load offset=136
                                i64.const 2
                                i64.ne
                                br_if 0 (;@13;)
                                local.get 4
                                i32.load8_u offset=64
                                call $_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem5types9ErrorCodeE4from
                                local.set 12
                                br 4 (;@9;)
                              end
                              i64.const 0
                              local.get 4
                              i64.load offset=80
                              local.tee 18
                              local.get 2
                              i64.load offset=32
                              local.tee 19
                              i64.sub
                              local.tee 15
                              local.get 15
                              local.get 18
                              i64.gt_u
                              select
                              local.set 15
                              local.get 18
                              local.get 19
                              i64.le_u
                              local.set 2
                              br 4 (;@8;)
                            end
                            i32.const 2330
                            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
                            unreachable
                          end
                          i32.const 167
                          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
                          unreachable
                        end
                        i32.const 167
                        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11unreachable
                        unreachable
                      end
                      i32.const 0
                      local.set 2
                    end
                    local.get 13
                    local.get 13
                    i32.load
                    i32.const 1
                    i32.add
                    i32.store
                  end
                  local.get 5
                  i32.const 4
                  i32.add
                  local.set 5
                  local.get 1
                  local.get 16
                  i64.store
                  local.get 1
                  i32.const 24
                  i32.add
                  local.get 2
                  i32.store16
                  local.get 1
                  i32.const 16
                  i32.add
                  local.get 15
                  i64.store
                  local.get 1
                  i32.const 10
                  i32.add
                  local.get 10
                  i32.store8
                  local.get 1
                  i32.const 8
                  i32.add
                  local.get 12
                  i32.store16
                  local.get 1
                  i32.const 32
                  i32.add
                  local.set 1
                  local.get 11
                  i32.const 1
                  i32.add
                  local.set 11
                  local.get 14
                  i32.const -4
                  i32.add
                  local.tee 14
                  br_if 0 (;@6;)
                end
              end
              local.get 3
              local.get 11
              i32.store
            end
            local.get 4
            i32.const 160
            i32.add
            global.set $__stack_pointer
            local.get 6
            i32.const 65535
            i32.and
            return
          end
          i32.const 2270
          call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
          unreachable
        end
        i32.const 2269
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
        unreachable
      end
      i32.const 3000
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
      local.get 4
      i32.const 8250
      i32.store16 offset=64 align=1
      local.get 4
      i32.const 64
      i32.add
      i32.const 2
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 4
      i32.const 10
      i32.store8 offset=92
      local.get 4
      i32.const 1952805664
      i32.store offset=88 align=1
      local.get 4
      i64.const 8747223464599642400
      i64.store offset=80 align=1
      local.get 4
      i64.const 8245937404367563884
      i64.store offset=72 align=1
      local.get 4
      i64.const 6998721855778483561
      i64.store offset=64 align=1
      local.get 4
      i32.const 64
      i32.add
      i32.const 29
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 4
      i32.const 10
      i32.store8 offset=64
      local.get 4
      i32.const 64
      i32.add
      i32.const 1
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      unreachable
    )
    (func $proc_exit (;68;) (type 1) (param i32)
      (local i32)
      global.get $__stack_pointer
      i32.const 48
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      local.get 0
      i32.const 0
      i32.ne
      call $_RNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli4exit4exit
      i32.const 2368
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
      local.get 1
      i32.const 8250
      i32.store16 offset=10 align=1
      local.get 1
      i32.const 10
      i32.add
      i32.const 2
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 1
      i32.const 2593
      i32.store16 offset=46 align=1
      local.get 1
      i32.const 1953069157
      i32.store offset=42 align=1
      local.get 1
      i64.const 2338537461596644384
      i64.store offset=34 align=1
      local.get 1
      i64.const 7957695015159098981
      i64.store offset=26 align=1
      local.get 1
      i64.const 7882825952909664372
      i64.store offset=18 align=1
      local.get 1
      i64.const 7599935561254793064
      i64.store offset=10 align=1
      local.get 1
      i32.const 10
      i32.add
      i32.const 38
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 1
      i32.const 10
      i32.store8 offset=10
      local.get 1
      i32.const 10
      i32.add
      i32.const 1
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      unreachable
    )
    (func $_RNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli4exit4exit (;69;) (type 1) (param i32)
      local.get 0
      call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi3cli4exit4exit11wit_import1
    )
    (func $random_get (;70;) (type 14) (param i32 i32) (result i32)
      (local i32 i32 i32)
      global.get $__stack_pointer
      i32.const 32
      i32.sub
      local.tee 2
      global.set $__stack_pointer
      block ;; label = @1
        block ;; label = @2
          block ;; label = @3
            block ;; label = @4
              call $get_allocation_state
              i32.const -2
              i32.add
              br_table 0 (;@4;) 1 (;@3;) 0 (;@4;) 1 (;@3;)
            end
            call $_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr
            local.tee 3
            i32.load
            i32.const 560490357
            i32.ne
            br_if 1 (;@2;)
            block ;; label = @4
              local.get 3
              i32.load offset=65532
              i32.const 560490357
              i32.ne
              br_if 0 (;@4;)
              local.get 3
              local.get 1
              i32.store offset=12
              local.get 3
              local.get 0
              i32.store offset=8
              local.get 3
              i32.load offset=4
              local.set 4
              local.get 3
              i32.const 0
              i32.store offset=4
              local.get 4
              i32.const 4
              i32.ne
              br_if 3 (;@1;)
              local.get 2
              i64.const 0
              i64.store
              local.get 1
              i64.extend_i32_u
              local.get 2
              call $_RNvNvNtNtNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview18bindings4wasi6random6random16get_random_bytes11wit_import1
              local.get 2
              i32.load
              local.set 1
              local.get 3
              i32.const 4
              i32.store offset=4
              local.get 1
              local.get 0
              i32.eq
              br_if 1 (;@3;)
              i32.const 2404
              call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
              unreachable
            end
            i32.const 2858
            call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
            unreachable
          end
          local.get 2
          i32.const 32
          i32.add
          global.set $__stack_pointer
          i32.const 0
          return
        end
        i32.const 2857
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail
        unreachable
      end
      i32.const 3000
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros18eprint_unreachable
      local.get 2
      i32.const 8250
      i32.store16 align=1
      local.get 2
      i32.const 2
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 2
      i32.const 10
      i32.store8 offset=28
      local.get 2
      i32.const 1952805664
      i32.store offset=24 align=1
      local.get 2
      i64.const 8747223464599642400
      i64.store offset=16 align=1
      local.get 2
      i64.const 8245937404367563884
      i64.store offset=8 align=1
      local.get 2
      i64.const 6998721855778483561
      i64.store align=1
      local.get 2
      i32.const 29
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      local.get 2
      i32.const 10
      i32.store8
      local.get 2
      i32.const 1
      call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      unreachable
    )
    (func $wasi:cli/run@0.2.12#run (;71;) (type 12) (result i32)
      call $_RNvNvCs1wwIxjb0Jwr_22wasi_snapshot_preview13run6__start
      i32.const 0
    )
    (func $_RNvNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros10eprint_u3215eprint_u32_impl (;72;) (type 1) (param i32)
      (local i32 i32)
      global.get $__stack_pointer
      i32.const 16
      i32.sub
      local.tee 1
      global.set $__stack_pointer
      block ;; label = @1
        local.get 0
        i32.eqz
        br_if 0 (;@1;)
        local.get 0
        i32.const 10
        i32.div_u
        local.tee 2
        call $_RNvNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros10eprint_u3215eprint_u32_impl
        local.get 1
        local.get 0
        local.get 2
        i32.const 10
        i32.mul
        i32.sub
        i32.const 48
        i32.or
        i32.store8 offset=15
        local.get 1
        i32.const 15
        i32.add
        i32.const 1
        call $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros5print
      end
      local.get 1
      i32.const 16
      i32.add
      global.set $__stack_pointer
    )
    (func $_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros10eprint_u32 (;73;) (type 1) (param i32)
      local.get 0
      call $_RNvNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros10eprint_u3215eprint_u32_impl
    )
    (func $get_state_ptr (;74;) (type 12) (result i32)
      global.get $internal_state_ptr
    )
    (func $set_state_ptr (;75;) (type 1) (param i32)
      local.get 0
      global.set $internal_state_ptr
    )
    (func $get_allocation_state (;76;) (type 12) (result i32)
      global.get $allocation_state
    )
    (func $set_allocation_state (;77;) (type 1) (param i32)
      local.get 0
      global.set $allocation_state
    )
    (func $__multi3 (;78;) (type 17) (param i32 i64 i64 i64 i64)
      (local i64 i64 i64 i64 i64 i64)
      local.get 0
      local.get 3
      i64.const 4294967295
      i64.and
      local.tee 5
      local.get 1
      i64.const 4294967295
      i64.and
      local.tee 6
      i64.mul
      local.tee 7
      local.get 3
      i64.const 32
      i64.shr_u
      local.tee 8
      local.get 6
      i64.mul
      local.tee 6
      local.get 5
      local.get 1
      i64.const 32
      i64.shr_u
      local.tee 9
      i64.mul
      i64.add
      local.tee 5
      i64.const 32
      i64.shl
      i64.add
      local.tee 10
      i64.store
      local.get 0
      local.get 8
      local.get 9
      i64.mul
      local.get 5
      local.get 6
      i64.lt_u
      i64.extend_i32_u
      i64.const 32
      i64.shl
      local.get 5
      i64.const 32
      i64.shr_u
      i64.or
      i64.add
      local.get 10
      local.get 7
      i64.lt_u
      i64.extend_i32_u
      i64.add
      local.get 4
      local.get 1
      i64.mul
      local.get 3
      local.get 2
      i64.mul
      i64.add
      i64.add
      i64.store offset=8
    )
    (func $allocate_stack (;79;) (type 11)
      global.get $allocation_state
      i32.const 0
      i32.eq
      if ;; label = @1
        i32.const 1
        global.set $allocation_state
        i32.const 0
        i32.const 0
        i32.const 8
        i32.const 65536
        call $_RNvNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB7_5State3new12cabi_realloc
        i32.const 65536
        i32.add
        global.set $__stack_pointer
        i32.const 2
        global.set $allocation_state
      end
    )
    (@producers
      (language "Rust" "")
      (processed-by "rustc" "1.98.0 (88d9e12ae 2026-08-18)")
    )
  )
  (core module $wit-component-shim-module (;2;)
    (type (;0;) (func (param i32 i32) (result i32)))
    (type (;1;) (func (param i32 i64 i32) (result i32)))
    (type (;2;) (func (param i32) (result i32)))
    (type (;3;) (func (param i32 i64 i32 i32) (result i32)))
    (type (;4;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;5;) (func (param i32)))
    (type (;6;) (func (param i32 i32)))
    (type (;7;) (func (param i32 i64 i32)))
    (type (;8;) (func (param i32 i32 i32 i32)))
    (type (;9;) (func (param i32 i32 i32)))
    (type (;10;) (func (param i64 i32)))
    (table (;0;) 28 28 funcref)
    (export "0" (func $adapt-wasi_snapshot_preview1-clock_res_get))
    (export "1" (func $adapt-wasi_snapshot_preview1-clock_time_get))
    (export "2" (func $adapt-wasi_snapshot_preview1-fd_close))
    (export "3" (func $adapt-wasi_snapshot_preview1-fd_fdstat_get))
    (export "4" (func $adapt-wasi_snapshot_preview1-fd_seek))
    (export "5" (func $adapt-wasi_snapshot_preview1-fd_write))
    (export "6" (func $adapt-wasi_snapshot_preview1-poll_oneoff))
    (export "7" (func $adapt-wasi_snapshot_preview1-proc_exit))
    (export "8" (func $adapt-wasi_snapshot_preview1-random_get))
    (export "9" (func $indirect-wasi:filesystem/types@0.2.12-filesystem-error-code))
    (export "10" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-flags"))
    (export "11" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-type"))
    (export "12" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.append-via-stream"))
    (export "13" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.read-via-stream"))
    (export "14" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.write-via-stream"))
    (export "15" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.stat"))
    (export "16" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.check-write"))
    (export "17" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.write"))
    (export "18" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-flush"))
    (export "19" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-write-and-flush"))
    (export "20" (func $indirect-wasi:clocks/wall-clock@0.2.12-resolution))
    (export "21" (func $indirect-wasi:clocks/wall-clock@0.2.12-now))
    (export "22" (func $indirect-wasi:filesystem/preopens@0.2.6-get-directories))
    (export "23" (func $indirect-wasi:io/poll@0.2.12-poll))
    (export "24" (func $indirect-wasi:random/random@0.2.12-get-random-bytes))
    (export "25" (func $indirect-wasi:cli/terminal-stdin@0.2.12-get-terminal-stdin))
    (export "26" (func $indirect-wasi:cli/terminal-stdout@0.2.12-get-terminal-stdout))
    (export "27" (func $indirect-wasi:cli/terminal-stderr@0.2.12-get-terminal-stderr))
    (export "$imports" (table 0))
    (func $adapt-wasi_snapshot_preview1-clock_res_get (;0;) (type 0) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.const 0
      call_indirect (type 0)
    )
    (func $adapt-wasi_snapshot_preview1-clock_time_get (;1;) (type 1) (param i32 i64 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      i32.const 1
      call_indirect (type 1)
    )
    (func $adapt-wasi_snapshot_preview1-fd_close (;2;) (type 2) (param i32) (result i32)
      local.get 0
      i32.const 2
      call_indirect (type 2)
    )
    (func $adapt-wasi_snapshot_preview1-fd_fdstat_get (;3;) (type 0) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.const 3
      call_indirect (type 0)
    )
    (func $adapt-wasi_snapshot_preview1-fd_seek (;4;) (type 3) (param i32 i64 i32 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 4
      call_indirect (type 3)
    )
    (func $adapt-wasi_snapshot_preview1-fd_write (;5;) (type 4) (param i32 i32 i32 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 5
      call_indirect (type 4)
    )
    (func $adapt-wasi_snapshot_preview1-poll_oneoff (;6;) (type 4) (param i32 i32 i32 i32) (result i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 6
      call_indirect (type 4)
    )
    (func $adapt-wasi_snapshot_preview1-proc_exit (;7;) (type 5) (param i32)
      local.get 0
      i32.const 7
      call_indirect (type 5)
    )
    (func $adapt-wasi_snapshot_preview1-random_get (;8;) (type 0) (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.const 8
      call_indirect (type 0)
    )
    (func $indirect-wasi:filesystem/types@0.2.12-filesystem-error-code (;9;) (type 6) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 9
      call_indirect (type 6)
    )
    (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-flags" (;10;) (type 6) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 10
      call_indirect (type 6)
    )
    (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-type" (;11;) (type 6) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 11
      call_indirect (type 6)
    )
    (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.append-via-stream" (;12;) (type 6) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 12
      call_indirect (type 6)
    )
    (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.read-via-stream" (;13;) (type 7) (param i32 i64 i32)
      local.get 0
      local.get 1
      local.get 2
      i32.const 13
      call_indirect (type 7)
    )
    (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.write-via-stream" (;14;) (type 7) (param i32 i64 i32)
      local.get 0
      local.get 1
      local.get 2
      i32.const 14
      call_indirect (type 7)
    )
    (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.stat" (;15;) (type 6) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 15
      call_indirect (type 6)
    )
    (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.check-write" (;16;) (type 6) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 16
      call_indirect (type 6)
    )
    (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.write" (;17;) (type 8) (param i32 i32 i32 i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 17
      call_indirect (type 8)
    )
    (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-flush" (;18;) (type 6) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 18
      call_indirect (type 6)
    )
    (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-write-and-flush" (;19;) (type 8) (param i32 i32 i32 i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 19
      call_indirect (type 8)
    )
    (func $indirect-wasi:clocks/wall-clock@0.2.12-resolution (;20;) (type 5) (param i32)
      local.get 0
      i32.const 20
      call_indirect (type 5)
    )
    (func $indirect-wasi:clocks/wall-clock@0.2.12-now (;21;) (type 5) (param i32)
      local.get 0
      i32.const 21
      call_indirect (type 5)
    )
    (func $indirect-wasi:filesystem/preopens@0.2.6-get-directories (;22;) (type 5) (param i32)
      local.get 0
      i32.const 22
      call_indirect (type 5)
    )
    (func $indirect-wasi:io/poll@0.2.12-poll (;23;) (type 9) (param i32 i32 i32)
      local.get 0
      local.get 1
      local.get 2
      i32.const 23
      call_indirect (type 9)
    )
    (func $indirect-wasi:random/random@0.2.12-get-random-bytes (;24;) (type 10) (param i64 i32)
      local.get 0
      local.get 1
      i32.const 24
      call_indirect (type 10)
    )
    (func $indirect-wasi:cli/terminal-stdin@0.2.12-get-terminal-stdin (;25;) (type 5) (param i32)
      local.get 0
      i32.const 25
      call_indirect (type 5)
    )
    (func $indirect-wasi:cli/terminal-stdout@0.2.12-get-terminal-stdout (;26;) (type 5) (param i32)
      local.get 0
      i32.const 26
      call_indirect (type 5)
    )
    (func $indirect-wasi:cli/terminal-stderr@0.2.12-get-terminal-stderr (;27;) (type 5) (param i32)
      local.get 0
      i32.const 27
      call_indirect (type 5)
    )
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (core instance $wit-component-shim-instance (;0;) (instantiate $wit-component-shim-module))
  (alias core export $wit-component-shim-instance "0" (core func $adapt-wasi_snapshot_preview1-clock_res_get (;0;)))
  (alias core export $wit-component-shim-instance "1" (core func $adapt-wasi_snapshot_preview1-clock_time_get (;1;)))
  (alias core export $wit-component-shim-instance "2" (core func $adapt-wasi_snapshot_preview1-fd_close (;2;)))
  (alias core export $wit-component-shim-instance "3" (core func $adapt-wasi_snapshot_preview1-fd_fdstat_get (;3;)))
  (alias core export $wit-component-shim-instance "4" (core func $adapt-wasi_snapshot_preview1-fd_seek (;4;)))
  (alias core export $wit-component-shim-instance "5" (core func $adapt-wasi_snapshot_preview1-fd_write (;5;)))
  (alias core export $wit-component-shim-instance "6" (core func $adapt-wasi_snapshot_preview1-poll_oneoff (;6;)))
  (alias core export $wit-component-shim-instance "7" (core func $adapt-wasi_snapshot_preview1-proc_exit (;7;)))
  (alias core export $wit-component-shim-instance "8" (core func $adapt-wasi_snapshot_preview1-random_get (;8;)))
  (core instance $wasi_snapshot_preview1 (;1;)
    (export "clock_res_get" (func $adapt-wasi_snapshot_preview1-clock_res_get))
    (export "clock_time_get" (func $adapt-wasi_snapshot_preview1-clock_time_get))
    (export "fd_close" (func $adapt-wasi_snapshot_preview1-fd_close))
    (export "fd_fdstat_get" (func $adapt-wasi_snapshot_preview1-fd_fdstat_get))
    (export "fd_seek" (func $adapt-wasi_snapshot_preview1-fd_seek))
    (export "fd_write" (func $adapt-wasi_snapshot_preview1-fd_write))
    (export "poll_oneoff" (func $adapt-wasi_snapshot_preview1-poll_oneoff))
    (export "proc_exit" (func $adapt-wasi_snapshot_preview1-proc_exit))
    (export "random_get" (func $adapt-wasi_snapshot_preview1-random_get))
  )
  (core instance $main (;2;) (instantiate $main
      (with "wasi_snapshot_preview1" (instance $wasi_snapshot_preview1))
    )
  )
  (alias core export $main "memory" (core memory $memory (;0;)))
  (core instance $env (;3;)
    (export "memory" (memory $memory))
  )
  (alias core export $wit-component-shim-instance "9" (core func $indirect-wasi:filesystem/types@0.2.12-filesystem-error-code (;9;)))
  (alias export $wasi:filesystem/types@0.2.12 "directory-entry-stream" (type $directory-entry-stream (;31;)))
  (core func $resource.drop (;10;) (canon resource.drop $directory-entry-stream))
  (alias core export $wit-component-shim-instance "10" (core func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-flags" (;11;)))
  (alias core export $wit-component-shim-instance "11" (core func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-type" (;12;)))
  (alias export $wasi:filesystem/types@0.2.12 "descriptor" (type $"#type32 descriptor" (@name "descriptor") (;32;)))
  (core func $"#core-func13 resource.drop" (@name "resource.drop") (;13;) (canon resource.drop $"#type32 descriptor"))
  (alias core export $wit-component-shim-instance "12" (core func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.append-via-stream" (;14;)))
  (alias core export $wit-component-shim-instance "13" (core func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.read-via-stream" (;15;)))
  (alias core export $wit-component-shim-instance "14" (core func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.write-via-stream" (;16;)))
  (alias core export $wit-component-shim-instance "15" (core func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.stat" (;17;)))
  (core instance $wasi:filesystem/types@0.2.12 (;4;)
    (export "filesystem-error-code" (func $indirect-wasi:filesystem/types@0.2.12-filesystem-error-code))
    (export "[resource-drop]directory-entry-stream" (func $resource.drop))
    (export "[method]descriptor.get-flags" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-flags"))
    (export "[method]descriptor.get-type" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-type"))
    (export "[resource-drop]descriptor" (func $"#core-func13 resource.drop"))
    (export "[method]descriptor.append-via-stream" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.append-via-stream"))
    (export "[method]descriptor.read-via-stream" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.read-via-stream"))
    (export "[method]descriptor.write-via-stream" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.write-via-stream"))
    (export "[method]descriptor.stat" (func $"indirect-wasi:filesystem/types@0.2.12-[method]descriptor.stat"))
  )
  (alias export $wasi:io/error@0.2.12 "error" (type $"#type33 error" (@name "error") (;33;)))
  (core func $"#core-func18 resource.drop" (@name "resource.drop") (;18;) (canon resource.drop $"#type33 error"))
  (core instance $wasi:io/error@0.2.12 (;5;)
    (export "[resource-drop]error" (func $"#core-func18 resource.drop"))
  )
  (alias core export $wit-component-shim-instance "16" (core func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.check-write" (;19;)))
  (alias core export $wit-component-shim-instance "17" (core func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.write" (;20;)))
  (alias core export $wit-component-shim-instance "18" (core func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-flush" (;21;)))
  (alias export $wasi:io/streams@0.2.12 "output-stream" (type $"#type34 output-stream" (@name "output-stream") (;34;)))
  (core func $"#core-func22 resource.drop" (@name "resource.drop") (;22;) (canon resource.drop $"#type34 output-stream"))
  (alias export $wasi:io/streams@0.2.12 "input-stream" (type $"#type35 input-stream" (@name "input-stream") (;35;)))
  (core func $"#core-func23 resource.drop" (@name "resource.drop") (;23;) (canon resource.drop $"#type35 input-stream"))
  (alias export $wasi:io/streams@0.2.12 "[method]input-stream.subscribe" (func $"[method]input-stream.subscribe" (;0;)))
  (core func $"[method]input-stream.subscribe" (;24;) (canon lower (func $"[method]input-stream.subscribe")))
  (alias export $wasi:io/streams@0.2.12 "[method]output-stream.subscribe" (func $"[method]output-stream.subscribe" (;1;)))
  (core func $"[method]output-stream.subscribe" (;25;) (canon lower (func $"[method]output-stream.subscribe")))
  (alias core export $wit-component-shim-instance "19" (core func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-write-and-flush" (;26;)))
  (core instance $wasi:io/streams@0.2.12 (;6;)
    (export "[method]output-stream.check-write" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.check-write"))
    (export "[method]output-stream.write" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.write"))
    (export "[method]output-stream.blocking-flush" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-flush"))
    (export "[resource-drop]output-stream" (func $"#core-func22 resource.drop"))
    (export "[resource-drop]input-stream" (func $"#core-func23 resource.drop"))
    (export "[method]input-stream.subscribe" (func $"[method]input-stream.subscribe"))
    (export "[method]output-stream.subscribe" (func $"[method]output-stream.subscribe"))
    (export "[method]output-stream.blocking-write-and-flush" (func $"indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-write-and-flush"))
  )
  (alias export $wasi:clocks/monotonic-clock@0.2.12 "resolution" (func $resolution (;2;)))
  (core func $resolution (;27;) (canon lower (func $resolution)))
  (alias export $wasi:clocks/monotonic-clock@0.2.12 "now" (func $now (;3;)))
  (core func $now (;28;) (canon lower (func $now)))
  (alias export $wasi:clocks/monotonic-clock@0.2.12 "subscribe-duration" (func $subscribe-duration (;4;)))
  (core func $subscribe-duration (;29;) (canon lower (func $subscribe-duration)))
  (alias export $wasi:clocks/monotonic-clock@0.2.12 "subscribe-instant" (func $subscribe-instant (;5;)))
  (core func $subscribe-instant (;30;) (canon lower (func $subscribe-instant)))
  (core instance $wasi:clocks/monotonic-clock@0.2.12 (;7;)
    (export "resolution" (func $resolution))
    (export "now" (func $now))
    (export "subscribe-duration" (func $subscribe-duration))
    (export "subscribe-instant" (func $subscribe-instant))
  )
  (alias core export $wit-component-shim-instance "20" (core func $indirect-wasi:clocks/wall-clock@0.2.12-resolution (;31;)))
  (alias core export $wit-component-shim-instance "21" (core func $indirect-wasi:clocks/wall-clock@0.2.12-now (;32;)))
  (core instance $wasi:clocks/wall-clock@0.2.12 (;8;)
    (export "resolution" (func $indirect-wasi:clocks/wall-clock@0.2.12-resolution))
    (export "now" (func $indirect-wasi:clocks/wall-clock@0.2.12-now))
  )
  (alias core export $wit-component-shim-instance "22" (core func $indirect-wasi:filesystem/preopens@0.2.6-get-directories (;33;)))
  (core instance $wasi:filesystem/preopens@0.2.6 (;9;)
    (export "get-directories" (func $indirect-wasi:filesystem/preopens@0.2.6-get-directories))
  )
  (alias export $wasi:io/poll@0.2.12 "pollable" (type $"#type36 pollable" (@name "pollable") (;36;)))
  (core func $"#core-func34 resource.drop" (@name "resource.drop") (;34;) (canon resource.drop $"#type36 pollable"))
  (alias core export $wit-component-shim-instance "23" (core func $indirect-wasi:io/poll@0.2.12-poll (;35;)))
  (core instance $wasi:io/poll@0.2.12 (;10;)
    (export "[resource-drop]pollable" (func $"#core-func34 resource.drop"))
    (export "poll" (func $indirect-wasi:io/poll@0.2.12-poll))
  )
  (alias core export $wit-component-shim-instance "24" (core func $indirect-wasi:random/random@0.2.12-get-random-bytes (;36;)))
  (core instance $wasi:random/random@0.2.12 (;11;)
    (export "get-random-bytes" (func $indirect-wasi:random/random@0.2.12-get-random-bytes))
  )
  (alias core export $main "_start" (core func $_start (;37;)))
  (core instance $__main_module__ (;12;)
    (export "_start" (func $_start))
  )
  (alias export $wasi:cli/stderr@0.2.12 "get-stderr" (func $get-stderr (;6;)))
  (core func $get-stderr (;38;) (canon lower (func $get-stderr)))
  (core instance $wasi:cli/stderr@0.2.12 (;13;)
    (export "get-stderr" (func $get-stderr))
  )
  (alias export $wasi:cli/stdin@0.2.12 "get-stdin" (func $get-stdin (;7;)))
  (core func $get-stdin (;39;) (canon lower (func $get-stdin)))
  (core instance $wasi:cli/stdin@0.2.12 (;14;)
    (export "get-stdin" (func $get-stdin))
  )
  (alias export $wasi:cli/stdout@0.2.12 "get-stdout" (func $get-stdout (;8;)))
  (core func $get-stdout (;40;) (canon lower (func $get-stdout)))
  (core instance $wasi:cli/stdout@0.2.12 (;15;)
    (export "get-stdout" (func $get-stdout))
  )
  (alias core export $wit-component-shim-instance "25" (core func $indirect-wasi:cli/terminal-stdin@0.2.12-get-terminal-stdin (;41;)))
  (core instance $wasi:cli/terminal-stdin@0.2.12 (;16;)
    (export "get-terminal-stdin" (func $indirect-wasi:cli/terminal-stdin@0.2.12-get-terminal-stdin))
  )
  (alias export $wasi:cli/terminal-input@0.2.12 "terminal-input" (type $"#type37 terminal-input" (@name "terminal-input") (;37;)))
  (core func $"#core-func42 resource.drop" (@name "resource.drop") (;42;) (canon resource.drop $"#type37 terminal-input"))
  (core instance $wasi:cli/terminal-input@0.2.12 (;17;)
    (export "[resource-drop]terminal-input" (func $"#core-func42 resource.drop"))
  )
  (alias core export $wit-component-shim-instance "26" (core func $indirect-wasi:cli/terminal-stdout@0.2.12-get-terminal-stdout (;43;)))
  (core instance $wasi:cli/terminal-stdout@0.2.12 (;18;)
    (export "get-terminal-stdout" (func $indirect-wasi:cli/terminal-stdout@0.2.12-get-terminal-stdout))
  )
  (alias export $wasi:cli/terminal-output@0.2.12 "terminal-output" (type $"#type38 terminal-output" (@name "terminal-output") (;38;)))
  (core func $"#core-func44 resource.drop" (@name "resource.drop") (;44;) (canon resource.drop $"#type38 terminal-output"))
  (core instance $wasi:cli/terminal-output@0.2.12 (;19;)
    (export "[resource-drop]terminal-output" (func $"#core-func44 resource.drop"))
  )
  (alias core export $wit-component-shim-instance "27" (core func $indirect-wasi:cli/terminal-stderr@0.2.12-get-terminal-stderr (;45;)))
  (core instance $wasi:cli/terminal-stderr@0.2.12 (;20;)
    (export "get-terminal-stderr" (func $indirect-wasi:cli/terminal-stderr@0.2.12-get-terminal-stderr))
  )
  (alias export $wasi:cli/exit@0.2.12 "exit" (func $exit (;9;)))
  (core func $exit (;46;) (canon lower (func $exit)))
  (core instance $wasi:cli/exit@0.2.12 (;21;)
    (export "exit" (func $exit))
  )
  (core instance $"#core-instance22 wasi_snapshot_preview1" (@name "wasi_snapshot_preview1") (;22;) (instantiate $wit-component:adapter:wasi_snapshot_preview1
      (with "env" (instance $env))
      (with "wasi:filesystem/types@0.2.12" (instance $wasi:filesystem/types@0.2.12))
      (with "wasi:io/error@0.2.12" (instance $wasi:io/error@0.2.12))
      (with "wasi:io/streams@0.2.12" (instance $wasi:io/streams@0.2.12))
      (with "wasi:clocks/monotonic-clock@0.2.12" (instance $wasi:clocks/monotonic-clock@0.2.12))
      (with "wasi:clocks/wall-clock@0.2.12" (instance $wasi:clocks/wall-clock@0.2.12))
      (with "wasi:filesystem/preopens@0.2.6" (instance $wasi:filesystem/preopens@0.2.6))
      (with "wasi:io/poll@0.2.12" (instance $wasi:io/poll@0.2.12))
      (with "wasi:random/random@0.2.12" (instance $wasi:random/random@0.2.12))
      (with "__main_module__" (instance $__main_module__))
      (with "wasi:cli/stderr@0.2.12" (instance $wasi:cli/stderr@0.2.12))
      (with "wasi:cli/stdin@0.2.12" (instance $wasi:cli/stdin@0.2.12))
      (with "wasi:cli/stdout@0.2.12" (instance $wasi:cli/stdout@0.2.12))
      (with "wasi:cli/terminal-stdin@0.2.12" (instance $wasi:cli/terminal-stdin@0.2.12))
      (with "wasi:cli/terminal-input@0.2.12" (instance $wasi:cli/terminal-input@0.2.12))
      (with "wasi:cli/terminal-stdout@0.2.12" (instance $wasi:cli/terminal-stdout@0.2.12))
      (with "wasi:cli/terminal-output@0.2.12" (instance $wasi:cli/terminal-output@0.2.12))
      (with "wasi:cli/terminal-stderr@0.2.12" (instance $wasi:cli/terminal-stderr@0.2.12))
      (with "wasi:cli/exit@0.2.12" (instance $wasi:cli/exit@0.2.12))
    )
  )
  (core module $wit-component-fixup (;3;)
    (type (;0;) (func (param i32 i32) (result i32)))
    (type (;1;) (func (param i32 i64 i32) (result i32)))
    (type (;2;) (func (param i32) (result i32)))
    (type (;3;) (func (param i32 i64 i32 i32) (result i32)))
    (type (;4;) (func (param i32 i32 i32 i32) (result i32)))
    (type (;5;) (func (param i32)))
    (type (;6;) (func (param i32 i32)))
    (type (;7;) (func (param i32 i64 i32)))
    (type (;8;) (func (param i32 i32 i32 i32)))
    (type (;9;) (func (param i32 i32 i32)))
    (type (;10;) (func (param i64 i32)))
    (import "actual" "0" (func $0 (;0;) (type 0) (param i32 i32) (result i32)))
    (import "actual" "1" (func $1 (;1;) (type 1) (param i32 i64 i32) (result i32)))
    (import "actual" "2" (func $2 (;2;) (type 2) (param i32) (result i32)))
    (import "actual" "3" (func $3 (;3;) (type 0) (param i32 i32) (result i32)))
    (import "actual" "4" (func $4 (;4;) (type 3) (param i32 i64 i32 i32) (result i32)))
    (import "actual" "5" (func $5 (;5;) (type 4) (param i32 i32 i32 i32) (result i32)))
    (import "actual" "6" (func $6 (;6;) (type 4) (param i32 i32 i32 i32) (result i32)))
    (import "actual" "7" (func $7 (;7;) (type 5) (param i32)))
    (import "actual" "8" (func $8 (;8;) (type 0) (param i32 i32) (result i32)))
    (import "actual" "9" (func $9 (;9;) (type 6) (param i32 i32)))
    (import "actual" "10" (func $10 (;10;) (type 6) (param i32 i32)))
    (import "actual" "11" (func $11 (;11;) (type 6) (param i32 i32)))
    (import "actual" "12" (func $12 (;12;) (type 6) (param i32 i32)))
    (import "actual" "13" (func $13 (;13;) (type 7) (param i32 i64 i32)))
    (import "actual" "14" (func $14 (;14;) (type 7) (param i32 i64 i32)))
    (import "actual" "15" (func $15 (;15;) (type 6) (param i32 i32)))
    (import "actual" "16" (func $16 (;16;) (type 6) (param i32 i32)))
    (import "actual" "17" (func $17 (;17;) (type 8) (param i32 i32 i32 i32)))
    (import "actual" "18" (func $18 (;18;) (type 6) (param i32 i32)))
    (import "actual" "19" (func $19 (;19;) (type 8) (param i32 i32 i32 i32)))
    (import "actual" "20" (func $20 (;20;) (type 5) (param i32)))
    (import "actual" "21" (func $21 (;21;) (type 5) (param i32)))
    (import "actual" "22" (func $22 (;22;) (type 5) (param i32)))
    (import "actual" "23" (func $23 (;23;) (type 9) (param i32 i32 i32)))
    (import "actual" "24" (func $24 (;24;) (type 10) (param i64 i32)))
    (import "actual" "25" (func $25 (;25;) (type 5) (param i32)))
    (import "actual" "26" (func $26 (;26;) (type 5) (param i32)))
    (import "actual" "27" (func $27 (;27;) (type 5) (param i32)))
    (import "shim" "$imports" (table (;0;) 28 28 funcref))
    (elem (;0;) (i32.const 0) func $0 $1 $2 $3 $4 $5 $6 $7 $8 $9 $10 $11 $12 $13 $14 $15 $16 $17 $18 $19 $20 $21 $22 $23 $24 $25 $26 $27)
    (@producers
      (processed-by "wit-component" "0.262.0")
    )
  )
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "clock_res_get" (core func $clock_res_get (;47;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "clock_time_get" (core func $clock_time_get (;48;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "fd_close" (core func $fd_close (;49;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "fd_fdstat_get" (core func $fd_fdstat_get (;50;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "fd_seek" (core func $fd_seek (;51;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "fd_write" (core func $fd_write (;52;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "poll_oneoff" (core func $poll_oneoff (;53;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "proc_exit" (core func $proc_exit (;54;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "random_get" (core func $random_get (;55;)))
  (alias export $wasi:filesystem/types@0.2.12 "filesystem-error-code" (func $filesystem-error-code (;10;)))
  (core func $"#core-func56 indirect-wasi:filesystem/types@0.2.12-filesystem-error-code" (@name "indirect-wasi:filesystem/types@0.2.12-filesystem-error-code") (;56;) (canon lower (func $filesystem-error-code) (memory $memory)))
  (alias export $wasi:filesystem/types@0.2.12 "[method]descriptor.get-flags" (func $"[method]descriptor.get-flags" (;11;)))
  (core func $"#core-func57 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-flags" (@name "indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-flags") (;57;) (canon lower (func $"[method]descriptor.get-flags") (memory $memory)))
  (alias export $wasi:filesystem/types@0.2.12 "[method]descriptor.get-type" (func $"[method]descriptor.get-type" (;12;)))
  (core func $"#core-func58 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-type" (@name "indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-type") (;58;) (canon lower (func $"[method]descriptor.get-type") (memory $memory)))
  (alias export $wasi:filesystem/types@0.2.12 "[method]descriptor.append-via-stream" (func $"[method]descriptor.append-via-stream" (;13;)))
  (core func $"#core-func59 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.append-via-stream" (@name "indirect-wasi:filesystem/types@0.2.12-[method]descriptor.append-via-stream") (;59;) (canon lower (func $"[method]descriptor.append-via-stream") (memory $memory)))
  (alias export $wasi:filesystem/types@0.2.12 "[method]descriptor.read-via-stream" (func $"[method]descriptor.read-via-stream" (;14;)))
  (core func $"#core-func60 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.read-via-stream" (@name "indirect-wasi:filesystem/types@0.2.12-[method]descriptor.read-via-stream") (;60;) (canon lower (func $"[method]descriptor.read-via-stream") (memory $memory)))
  (alias export $wasi:filesystem/types@0.2.12 "[method]descriptor.write-via-stream" (func $"[method]descriptor.write-via-stream" (;15;)))
  (core func $"#core-func61 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.write-via-stream" (@name "indirect-wasi:filesystem/types@0.2.12-[method]descriptor.write-via-stream") (;61;) (canon lower (func $"[method]descriptor.write-via-stream") (memory $memory)))
  (alias export $wasi:filesystem/types@0.2.12 "[method]descriptor.stat" (func $"[method]descriptor.stat" (;16;)))
  (core func $"#core-func62 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.stat" (@name "indirect-wasi:filesystem/types@0.2.12-[method]descriptor.stat") (;62;) (canon lower (func $"[method]descriptor.stat") (memory $memory)))
  (alias export $wasi:io/streams@0.2.12 "[method]output-stream.check-write" (func $"[method]output-stream.check-write" (;17;)))
  (core func $"#core-func63 indirect-wasi:io/streams@0.2.12-[method]output-stream.check-write" (@name "indirect-wasi:io/streams@0.2.12-[method]output-stream.check-write") (;63;) (canon lower (func $"[method]output-stream.check-write") (memory $memory)))
  (alias export $wasi:io/streams@0.2.12 "[method]output-stream.write" (func $"[method]output-stream.write" (;18;)))
  (core func $"#core-func64 indirect-wasi:io/streams@0.2.12-[method]output-stream.write" (@name "indirect-wasi:io/streams@0.2.12-[method]output-stream.write") (;64;) (canon lower (func $"[method]output-stream.write") (memory $memory)))
  (alias export $wasi:io/streams@0.2.12 "[method]output-stream.blocking-flush" (func $"[method]output-stream.blocking-flush" (;19;)))
  (core func $"#core-func65 indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-flush" (@name "indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-flush") (;65;) (canon lower (func $"[method]output-stream.blocking-flush") (memory $memory)))
  (alias export $wasi:io/streams@0.2.12 "[method]output-stream.blocking-write-and-flush" (func $"[method]output-stream.blocking-write-and-flush" (;20;)))
  (core func $"#core-func66 indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-write-and-flush" (@name "indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-write-and-flush") (;66;) (canon lower (func $"[method]output-stream.blocking-write-and-flush") (memory $memory)))
  (alias export $wasi:clocks/wall-clock@0.2.12 "resolution" (func $"#func21 resolution" (@name "resolution") (;21;)))
  (core func $"#core-func67 indirect-wasi:clocks/wall-clock@0.2.12-resolution" (@name "indirect-wasi:clocks/wall-clock@0.2.12-resolution") (;67;) (canon lower (func $"#func21 resolution") (memory $memory)))
  (alias export $wasi:clocks/wall-clock@0.2.12 "now" (func $"#func22 now" (@name "now") (;22;)))
  (core func $"#core-func68 indirect-wasi:clocks/wall-clock@0.2.12-now" (@name "indirect-wasi:clocks/wall-clock@0.2.12-now") (;68;) (canon lower (func $"#func22 now") (memory $memory)))
  (alias export $wasi:filesystem/preopens@0.2.12 "get-directories" (func $get-directories (;23;)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "cabi_import_realloc" (core func $cabi_import_realloc (;69;)))
  (core func $"#core-func70 indirect-wasi:filesystem/preopens@0.2.6-get-directories" (@name "indirect-wasi:filesystem/preopens@0.2.6-get-directories") (;70;) (canon lower (func $get-directories) (memory $memory) (realloc $cabi_import_realloc) string-encoding=utf8))
  (alias export $wasi:io/poll@0.2.12 "poll" (func $poll (;24;)))
  (core func $"#core-func71 indirect-wasi:io/poll@0.2.12-poll" (@name "indirect-wasi:io/poll@0.2.12-poll") (;71;) (canon lower (func $poll) (memory $memory) (realloc $cabi_import_realloc)))
  (alias export $wasi:random/random@0.2.12 "get-random-bytes" (func $get-random-bytes (;25;)))
  (core func $"#core-func72 indirect-wasi:random/random@0.2.12-get-random-bytes" (@name "indirect-wasi:random/random@0.2.12-get-random-bytes") (;72;) (canon lower (func $get-random-bytes) (memory $memory) (realloc $cabi_import_realloc)))
  (alias export $wasi:cli/terminal-stdin@0.2.12 "get-terminal-stdin" (func $get-terminal-stdin (;26;)))
  (core func $"#core-func73 indirect-wasi:cli/terminal-stdin@0.2.12-get-terminal-stdin" (@name "indirect-wasi:cli/terminal-stdin@0.2.12-get-terminal-stdin") (;73;) (canon lower (func $get-terminal-stdin) (memory $memory)))
  (alias export $wasi:cli/terminal-stdout@0.2.12 "get-terminal-stdout" (func $get-terminal-stdout (;27;)))
  (core func $"#core-func74 indirect-wasi:cli/terminal-stdout@0.2.12-get-terminal-stdout" (@name "indirect-wasi:cli/terminal-stdout@0.2.12-get-terminal-stdout") (;74;) (canon lower (func $get-terminal-stdout) (memory $memory)))
  (alias export $wasi:cli/terminal-stderr@0.2.12 "get-terminal-stderr" (func $get-terminal-stderr (;28;)))
  (core func $"#core-func75 indirect-wasi:cli/terminal-stderr@0.2.12-get-terminal-stderr" (@name "indirect-wasi:cli/terminal-stderr@0.2.12-get-terminal-stderr") (;75;) (canon lower (func $get-terminal-stderr) (memory $memory)))
  (core instance $actual (;23;)
    (export "0" (func $clock_res_get))
    (export "1" (func $clock_time_get))
    (export "2" (func $fd_close))
    (export "3" (func $fd_fdstat_get))
    (export "4" (func $fd_seek))
    (export "5" (func $fd_write))
    (export "6" (func $poll_oneoff))
    (export "7" (func $proc_exit))
    (export "8" (func $random_get))
    (export "9" (func $"#core-func56 indirect-wasi:filesystem/types@0.2.12-filesystem-error-code"))
    (export "10" (func $"#core-func57 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-flags"))
    (export "11" (func $"#core-func58 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.get-type"))
    (export "12" (func $"#core-func59 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.append-via-stream"))
    (export "13" (func $"#core-func60 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.read-via-stream"))
    (export "14" (func $"#core-func61 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.write-via-stream"))
    (export "15" (func $"#core-func62 indirect-wasi:filesystem/types@0.2.12-[method]descriptor.stat"))
    (export "16" (func $"#core-func63 indirect-wasi:io/streams@0.2.12-[method]output-stream.check-write"))
    (export "17" (func $"#core-func64 indirect-wasi:io/streams@0.2.12-[method]output-stream.write"))
    (export "18" (func $"#core-func65 indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-flush"))
    (export "19" (func $"#core-func66 indirect-wasi:io/streams@0.2.12-[method]output-stream.blocking-write-and-flush"))
    (export "20" (func $"#core-func67 indirect-wasi:clocks/wall-clock@0.2.12-resolution"))
    (export "21" (func $"#core-func68 indirect-wasi:clocks/wall-clock@0.2.12-now"))
    (export "22" (func $"#core-func70 indirect-wasi:filesystem/preopens@0.2.6-get-directories"))
    (export "23" (func $"#core-func71 indirect-wasi:io/poll@0.2.12-poll"))
    (export "24" (func $"#core-func72 indirect-wasi:random/random@0.2.12-get-random-bytes"))
    (export "25" (func $"#core-func73 indirect-wasi:cli/terminal-stdin@0.2.12-get-terminal-stdin"))
    (export "26" (func $"#core-func74 indirect-wasi:cli/terminal-stdout@0.2.12-get-terminal-stdout"))
    (export "27" (func $"#core-func75 indirect-wasi:cli/terminal-stderr@0.2.12-get-terminal-stderr"))
  )
  (core instance $fixup (;24;) (instantiate $wit-component-fixup
      (with "actual" (instance $actual))
      (with "shim" (instance $wit-component-shim-instance))
    )
  )
  (type (;39;) (result))
  (type (;40;) (func (result 39)))
  (alias core export $"#core-instance22 wasi_snapshot_preview1" "wasi:cli/run@0.2.12#run" (core func $wasi:cli/run@0.2.12#run (;76;)))
  (func $run (;29;) (type 40) (canon lift (core func $wasi:cli/run@0.2.12#run)))
  (component $wasi:cli/run@0.2.12-shim-component (;0;)
    (type (;0;) (result))
    (type (;1;) (func (result 0)))
    (import "import-func-run" (func (;0;) (type 1)))
    (type (;2;) (result))
    (type (;3;) (func (result 2)))
    (export (;1;) "run" (func 0) (func (type 3)))
  )
  (instance $wasi:cli/run@0.2.12-shim-instance (;17;) (instantiate $wasi:cli/run@0.2.12-shim-component
      (with "import-func-run" (func $run))
    )
  )
  (export $wasi:cli/run@0.2.12 (;18;) "wasi:cli/run@0.2.12" (instance $wasi:cli/run@0.2.12-shim-instance))
  (@producers
    (processed-by "wit-component" "0.262.0")
  )
)
