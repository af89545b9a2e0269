;; The probe component's core module (world: probe.wit). Each export makes
;; one WASI 0.2 call through the canonical ABI (flat parameters, results in
;; the return area $RET) and encodes the answer as probe.wit says.
(module
  (import "wasi:filesystem/preopens@0.2.12" "get-directories" (func $get_directories (param i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.open-at"
    (func $open_at (param i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.stat-at"
    (func $stat_at (param i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.readlink-at"
    (func $readlink_at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.create-directory-at"
    (func $create_directory_at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.remove-directory-at"
    (func $remove_directory_at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.unlink-file-at"
    (func $unlink_file_at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.symlink-at"
    (func $symlink_at (param i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.rename-at"
    (func $rename_at (param i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.link-at"
    (func $link_at (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.get-flags"
    (func $get_flags (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.get-type"
    (func $get_type (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.read"
    (func $read (param i32 i64 i64 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.write"
    (func $write (param i32 i32 i32 i64 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.read-via-stream"
    (func $read_via_stream (param i32 i64 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.write-via-stream"
    (func $write_via_stream (param i32 i64 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.append-via-stream"
    (func $append_via_stream (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.set-size"
    (func $set_size (param i32 i64 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.read-directory"
    (func $read_directory (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]directory-entry-stream.read-directory-entry"
    (func $read_directory_entry (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[resource-drop]directory-entry-stream"
    (func $drop_directory_entry_stream (param i32)))
  (import "wasi:filesystem/types@0.2.12" "filesystem-error-code"
    (func $filesystem_error_code (param i32 i32)))
  (import "wasi:io/error@0.2.12" "[resource-drop]error" (func $drop_error (param i32)))
  (import "wasi:io/streams@0.2.12" "[method]input-stream.blocking-read"
    (func $blocking_read (param i32 i64 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.check-write"
    (func $check_write (param i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $blocking_write_and_flush (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.stat"
    (func $stat (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.set-times-at"
    (func $set_times_at (param i32 i32 i32 i32 i32 i64 i32 i32 i64 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.sync" (func $sync (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.sync-data" (func $sync_data (param i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.advise"
    (func $advise (param i32 i64 i64 i32 i32)))
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.is-same-object"
    (func $is_same_object (param i32 i32) (result i32)))
  (import "wasi:cli/stdin@0.2.12" "get-stdin" (func $get_stdin (result i32)))
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:cli/stderr@0.2.12" "get-stderr" (func $get_stderr (result i32)))
  (import "wasi:sockets/instance-network@0.2.12" "instance-network"
    (func $instance_network (result i32)))
  (import "wasi:sockets/tcp-create-socket@0.2.12" "create-tcp-socket"
    (func $create_tcp_socket (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.start-bind"
    (func $tcp_start_bind (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.finish-bind" (func $tcp_finish_bind (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.start-connect"
    (func $tcp_start_connect (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.finish-connect" (func $tcp_finish_connect (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.start-listen" (func $tcp_start_listen (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.finish-listen" (func $tcp_finish_listen (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.accept" (func $tcp_accept (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.local-address" (func $tcp_local_address (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.shutdown" (func $tcp_shutdown (param i32 i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.set-keep-alive-count"
    (func $tcp_set_keep_alive_count (param i32 i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.set-hop-limit" (func $tcp_set_hop_limit (param i32 i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.set-listen-backlog-size"
    (func $tcp_set_listen_backlog_size (param i32 i64 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.set-receive-buffer-size"
    (func $tcp_set_receive_buffer_size (param i32 i64 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.is-listening" (func $tcp_is_listening (param i32) (result i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.keep-alive-enabled"
    (func $tcp_keep_alive_enabled (param i32 i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.set-keep-alive-idle-time"
    (func $tcp_set_keep_alive_idle_time (param i32 i64 i32)))
  (import "wasi:sockets/udp-create-socket@0.2.12" "create-udp-socket"
    (func $create_udp_socket (param i32 i32)))
  (import "wasi:sockets/udp@0.2.12" "[method]udp-socket.start-bind"
    (func $udp_start_bind (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/udp@0.2.12" "[method]udp-socket.stream"
    (func $udp_stream (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/udp@0.2.12" "[method]udp-socket.local-address" (func $udp_local_address (param i32 i32)))
  (import "wasi:sockets/udp@0.2.12" "[method]udp-socket.set-unicast-hop-limit"
    (func $udp_set_unicast_hop_limit (param i32 i32 i32)))
  (import "wasi:sockets/ip-name-lookup@0.2.12" "resolve-addresses"
    (func $resolve_addresses (param i32 i32 i32 i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 4096))
  (global $net (mut i32) (i32.const 0))
  (global $tcp (mut i32) (i32.const 0))
  (global $udp (mut i32) (i32.const 0))
  (data (i32.const 1024) "localhost")

  ;; the return area is at 64; filesystem-error-code's at 128
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32)
        (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.shr_u (local.get $size) (i32.const 16)) (i32.const 1))))))
    (local.get $p))

  (func $err (param $code i32) (result i64)
    (i64.or (i64.const 0x100000000) (i64.extend_i32_u (local.get $code))))

  ;; result<a byte, error-code>: tag at 64, payload byte at 65
  (func $r1 (result i64)
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 65))))
      (else (i64.extend_i32_u (i32.load8_u (i32.const 65))))))
  ;; result<_, error-code>: ok is 0
  (func $r0 (result i64)
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 65))))
      (else (i64.const 0))))
  ;; result<a handle, error-code>: payload at 68
  (func $r4 (result i64)
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 68))))
      (else (i64.extend_i32_u (i32.load (i32.const 68))))))
  ;; result<u64 or an 8-aligned record, error-code>: payload at 72
  (func $r8 (result i64)
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 72))))
      (else (i64.load (i32.const 72)))))
  ;; a stream-error at $at
  (func $stream_err (param $at i32) (result i64)
    (local $e i32)
    (if (result i64) (i32.eq (i32.load8_u (local.get $at)) (i32.const 1))
      (then (i64.const 0x100000100))
      (else
        (local.set $e (i32.load (i32.add (local.get $at) (i32.const 4))))
        (call $filesystem_error_code (local.get $e) (i32.const 128))
        (call $drop_error (local.get $e))
        (if (result i64) (i32.load8_u (i32.const 128))
          (then (call $err (i32.load8_u (i32.const 129))))
          (else (i64.const 0x1000001ff))))))

  (func (export "preopen") (result i32)
    (call $get_directories (i32.const 64))
    (i32.load (i32.load (i32.const 64))))

  (func (export "open-at") (param $fd i32) (param $pf i32) (param $p i32) (param $n i32)
        (param $of i32) (param $df i32) (result i64)
    (call $open_at (local.get $fd) (local.get $pf) (local.get $p) (local.get $n)
                   (local.get $of) (local.get $df) (i32.const 64))
    (call $r4))
  (func (export "stat-at") (param $fd i32) (param $pf i32) (param $p i32) (param $n i32) (result i64)
    (call $stat_at (local.get $fd) (local.get $pf) (local.get $p) (local.get $n) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 72))))
      (else (i64.extend_i32_u (i32.load8_u (i32.const 72))))))
  (func (export "readlink-at") (param $fd i32) (param $p i32) (param $n i32) (result i64)
    (call $readlink_at (local.get $fd) (local.get $p) (local.get $n) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 68))))
      (else (i64.extend_i32_u (i32.load (i32.const 72))))))
  (func (export "create-directory-at") (param $fd i32) (param $p i32) (param $n i32) (result i64)
    (call $create_directory_at (local.get $fd) (local.get $p) (local.get $n) (i32.const 64))
    (call $r0))
  (func (export "remove-directory-at") (param $fd i32) (param $p i32) (param $n i32) (result i64)
    (call $remove_directory_at (local.get $fd) (local.get $p) (local.get $n) (i32.const 64))
    (call $r0))
  (func (export "unlink-file-at") (param $fd i32) (param $p i32) (param $n i32) (result i64)
    (call $unlink_file_at (local.get $fd) (local.get $p) (local.get $n) (i32.const 64))
    (call $r0))
  (func (export "symlink-at") (param $fd i32) (param $p i32) (param $n i32) (param $q i32)
        (param $m i32) (result i64)
    (call $symlink_at (local.get $fd) (local.get $p) (local.get $n) (local.get $q) (local.get $m)
                      (i32.const 64))
    (call $r0))
  (func (export "rename-at") (param $fd i32) (param $p i32) (param $n i32) (param $fd2 i32)
        (param $q i32) (param $m i32) (result i64)
    (call $rename_at (local.get $fd) (local.get $p) (local.get $n) (local.get $fd2) (local.get $q)
                     (local.get $m) (i32.const 64))
    (call $r0))
  (func (export "link-at") (param $fd i32) (param $pf i32) (param $p i32) (param $n i32)
        (param $fd2 i32) (param $q i32) (param $m i32) (result i64)
    (call $link_at (local.get $fd) (local.get $pf) (local.get $p) (local.get $n) (local.get $fd2)
                   (local.get $q) (local.get $m) (i32.const 64))
    (call $r0))
  (func (export "get-flags") (param $fd i32) (result i64)
    (call $get_flags (local.get $fd) (i32.const 64))
    (call $r1))
  (func (export "get-type") (param $fd i32) (result i64)
    (call $get_type (local.get $fd) (i32.const 64))
    (call $r1))
  (func (export "read") (param $fd i32) (param $len i64) (param $off i64) (result i64)
    (call $read (local.get $fd) (local.get $len) (local.get $off) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 68))))
      (else (i64.extend_i32_u (i32.add (i32.shl (i32.load (i32.const 72)) (i32.const 1))
                                       (i32.load8_u (i32.const 76)))))))
  (func (export "write") (param $fd i32) (param $p i32) (param $n i32) (param $off i64) (result i64)
    (call $write (local.get $fd) (local.get $p) (local.get $n) (local.get $off) (i32.const 64))
    (call $r8))
  (func (export "read-via-stream") (param $fd i32) (param $off i64) (result i64)
    (call $read_via_stream (local.get $fd) (local.get $off) (i32.const 64))
    (call $r4))
  (func (export "write-via-stream") (param $fd i32) (param $off i64) (result i64)
    (call $write_via_stream (local.get $fd) (local.get $off) (i32.const 64))
    (call $r4))
  (func (export "append-via-stream") (param $fd i32) (result i64)
    (call $append_via_stream (local.get $fd) (i32.const 64))
    (call $r4))
  (func (export "set-size") (param $fd i32) (param $size i64) (result i64)
    (call $set_size (local.get $fd) (local.get $size) (i32.const 64))
    (call $r0))
  (func (export "read-directory") (param $fd i32) (result i64)
    (local $s i32) (local $count i32)
    (call $read_directory (local.get $fd) (i32.const 64))
    (if (i32.load8_u (i32.const 64)) (then (return (call $err (i32.load8_u (i32.const 68))))))
    (local.set $s (i32.load (i32.const 68)))
    (block $done
      (loop $next
        (call $read_directory_entry (local.get $s) (i32.const 64))
        (if (i32.load8_u (i32.const 64))
          (then (call $drop_directory_entry_stream (local.get $s))
                (return (call $err (i32.load8_u (i32.const 68))))))
        (br_if $done (i32.eqz (i32.load8_u (i32.const 68))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $next)))
    (call $drop_directory_entry_stream (local.get $s))
    (i64.extend_i32_u (local.get $count)))

  (func (export "stream-read") (param $s i32) (param $len i64) (result i64)
    (call $blocking_read (local.get $s) (local.get $len) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $stream_err (i32.const 68)))
      (else (i64.extend_i32_u (i32.load (i32.const 72))))))
  (func (export "stream-check-write") (param $s i32) (result i64)
    (call $check_write (local.get $s) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $stream_err (i32.const 72)))
      (else (i64.load (i32.const 72)))))
  (func (export "stream-write") (param $s i32) (param $p i32) (param $n i32) (result i64)
    (call $blocking_write_and_flush (local.get $s) (local.get $p) (local.get $n) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $stream_err (i32.const 68)))
      (else (i64.const 0))))

  ;; descriptor-stat: type at 72, link-count at 80, size at 88, then three
  ;; option<datetime> of 24 bytes (the modification one at 120: tag, seconds at 128)
  (func (export "stat") (param $fd i32) (result i64)
    (call $stat (local.get $fd) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 72))))
      (else (i64.add (i64.shl (i64.load (i32.const 88)) (i64.const 3))
                     (i64.extend_i32_u (i32.load8_u (i32.const 72)))))))
  (func (export "mtime-at") (param $fd i32) (param $pf i32) (param $p i32) (param $n i32) (result i64)
    (call $stat_at (local.get $fd) (local.get $pf) (local.get $p) (local.get $n) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $err (i32.load8_u (i32.const 72))))
      (else (i64.load (i32.const 128)))))
  ;; a new-timestamp flattened: case, seconds, nanoseconds
  (func (export "set-times-at") (param $fd i32) (param $pf i32) (param $p i32) (param $n i32)
        (param $ak i32) (param $a i64) (param $mk i32) (param $m i64) (result i64)
    (call $set_times_at (local.get $fd) (local.get $pf) (local.get $p) (local.get $n)
      (local.get $ak) (local.get $a) (i32.const 0) (local.get $mk) (local.get $m) (i32.const 0)
      (i32.const 64))
    (call $r0))
  (func (export "sync") (param $fd i32) (result i64)
    (call $sync (local.get $fd) (i32.const 64))
    (call $r0))
  (func (export "sync-data") (param $fd i32) (result i64)
    (call $sync_data (local.get $fd) (i32.const 64))
    (call $r0))
  (func (export "advise") (param $fd i32) (param $off i64) (param $len i64) (param $adv i32) (result i64)
    (call $advise (local.get $fd) (local.get $off) (local.get $len) (local.get $adv) (i32.const 64))
    (call $r0))
  (func (export "same") (param $a i32) (param $b i32) (result i64)
    (i64.extend_i32_u (call $is_same_object (local.get $a) (local.get $b))))
  (func (export "stdin-read") (param $len i64) (result i64)
    (call $blocking_read (call $get_stdin) (local.get $len) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $stream_err (i32.const 68)))
      (else (i64.extend_i32_u (i32.load (i32.const 72))))))
  (func $stdio (param $which i32) (result i32)
    (if (result i32) (i32.eq (local.get $which) (i32.const 1))
      (then (call $get_stdout)) (else (call $get_stderr))))
  (func (export "stdio-check-write") (param $which i32) (result i64)
    (call $check_write (call $stdio (local.get $which)) (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $stream_err (i32.const 72)))
      (else (i64.load (i32.const 72)))))
  (func (export "stdio-write") (param $which i32) (param $p i32) (param $n i32) (result i64)
    (call $blocking_write_and_flush (call $stdio (local.get $which)) (local.get $p) (local.get $n)
                                    (i32.const 64))
    (if (result i64) (i32.load8_u (i32.const 64))
      (then (call $stream_err (i32.const 68)))
      (else (i64.const 0))))

  ;; ip-socket-address flattened: case, then 11 words (ipv4: port, 4 octets)
  ;; (the network and, where they can be made, the sockets are made first,
  ;; so that each operation can be asked on its own)
  (func (export "sockets") (param $op i32) (result i64)
    (if (i32.eqz (global.get $net)) (then (global.set $net (call $instance_network))))
    (if (i32.and (i32.eqz (global.get $tcp)) (i32.ne (local.get $op) (i32.const 1))) (then
      (call $create_tcp_socket (i32.const 0) (i32.const 64))
      (if (i32.eqz (i32.load8_u (i32.const 64))) (then (global.set $tcp (i32.load (i32.const 68)))))))
    (if (i32.and (i32.eqz (global.get $udp)) (i32.ne (local.get $op) (i32.const 18))) (then
      (call $create_udp_socket (i32.const 0) (i32.const 64))
      (if (i32.eqz (i32.load8_u (i32.const 64))) (then (global.set $udp (i32.load (i32.const 68)))))))
    (block $bad
      (block $o25 (block $o24 (block $o23 (block $o22 (block $o21 (block $o20 (block $o19
      (block $o18 (block $o17 (block $o16 (block $o15 (block $o14 (block $o13 (block $o12
      (block $o11 (block $o10 (block $o9 (block $o8 (block $o7 (block $o6 (block $o5 (block $o4
      (block $o3 (block $o2 (block $o1 (block $o0
        (br_table $o0 $o1 $o2 $o3 $o4 $o5 $o6 $o7 $o8 $o9 $o10 $o11 $o12 $o13 $o14 $o15 $o16
                  $o17 $o18 $o19 $o20 $o21 $o22 $o23 $o24 $o25 $bad (local.get $op)))
        ;; 0: instance-network
        (drop (call $instance_network))
        (return (i64.const 0)))
        ;; 1: create-tcp-socket(ipv4)
        (call $create_tcp_socket (i32.const 0) (i32.const 64))
        (global.set $tcp (i32.load (i32.const 68)))
        (return (call $r4)))
        ;; 2: start-bind 127.0.0.1:8080
        (call $tcp_start_bind (global.get $tcp) (global.get $net) (i32.const 0) (i32.const 8080)
          (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0)
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 3: finish-bind
        (call $tcp_finish_bind (global.get $tcp) (i32.const 64))
        (return (call $r0)))
        ;; 4: start-connect 127.0.0.1:8080
        (call $tcp_start_connect (global.get $tcp) (global.get $net) (i32.const 0) (i32.const 8080)
          (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0)
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 5: finish-connect
        (call $tcp_finish_connect (global.get $tcp) (i32.const 64))
        (return (call $r4)))
        ;; 6: start-listen
        (call $tcp_start_listen (global.get $tcp) (i32.const 64))
        (return (call $r0)))
        ;; 7: finish-listen
        (call $tcp_finish_listen (global.get $tcp) (i32.const 64))
        (return (call $r0)))
        ;; 8: accept
        (call $tcp_accept (global.get $tcp) (i32.const 64))
        (return (call $r4)))
        ;; 9: local-address
        (call $tcp_local_address (global.get $tcp) (i32.const 64))
        (return (call $r4)))
        ;; 10: shutdown(both)
        (call $tcp_shutdown (global.get $tcp) (i32.const 2) (i32.const 64))
        (return (call $r0)))
        ;; 11: set-keep-alive-count(0)
        (call $tcp_set_keep_alive_count (global.get $tcp) (i32.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 12: set-hop-limit(0)
        (call $tcp_set_hop_limit (global.get $tcp) (i32.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 13: set-listen-backlog-size(0)
        (call $tcp_set_listen_backlog_size (global.get $tcp) (i64.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 14: set-receive-buffer-size(0)
        (call $tcp_set_receive_buffer_size (global.get $tcp) (i64.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 15: is-listening
        (return (i64.extend_i32_u (call $tcp_is_listening (global.get $tcp)))))
        ;; 16: keep-alive-enabled
        (call $tcp_keep_alive_enabled (global.get $tcp) (i32.const 64))
        (return (call $r1)))
        ;; 17: set-keep-alive-idle-time(0)
        (call $tcp_set_keep_alive_idle_time (global.get $tcp) (i64.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 18: create-udp-socket(ipv4)
        (call $create_udp_socket (i32.const 0) (i32.const 64))
        (global.set $udp (i32.load (i32.const 68)))
        (return (call $r4)))
        ;; 19: udp start-bind 127.0.0.1:0
        (call $udp_start_bind (global.get $udp) (global.get $net) (i32.const 0) (i32.const 0)
          (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0)
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 20: udp stream(none)
        (call $udp_stream (global.get $udp) (i32.const 0) (i32.const 0) (i32.const 0)
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 64))
        (return (call $r4)))
        ;; 21: udp local-address
        (call $udp_local_address (global.get $udp) (i32.const 64))
        (return (call $r4)))
        ;; 22: udp set-unicast-hop-limit(0)
        (call $udp_set_unicast_hop_limit (global.get $udp) (i32.const 0) (i32.const 64))
        (return (call $r0)))
        ;; 23: resolve-addresses(localhost)
        (call $resolve_addresses (global.get $net) (i32.const 1024) (i32.const 9) (i32.const 64))
        (return (call $r4)))
        ;; 24: start-bind [::1]:8080 on the ipv4 socket
        (call $tcp_start_bind (global.get $tcp) (global.get $net) (i32.const 1) (i32.const 8080)
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
          (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 64))
        (return (call $r0)))
      ;; 25: create-tcp-socket(ipv6)
      (call $create_tcp_socket (i32.const 1) (i32.const 64))
      (return (call $r4)))
    (unreachable))
)
