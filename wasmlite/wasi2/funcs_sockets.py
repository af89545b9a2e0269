"""wasi:sockets/*: the interfaces all exist; what they may do is the
context's NetworkPolicy (context.py). By default, as in wasmtime-py,
making a socket fails with ``access-denied`` and a name lookup with
``permanent-resolver-failure``. Where the policy lets sockets be made,
they can be configured (their options are real host socket options),
but binding or connecting is refused for every address with
``access-denied`` (after the address is checked, as Wasmtime 49 checks
it), so a socket never leaves its first state; the other calls answer
what Wasmtime answers for a socket in that state.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Any, Callable, Optional, Union

from ..errors import WasmtimeError
from ..runtime.component_values import Record, Variant
from .error_codes import socket_code
from .pollables import READY, Pollable
from .resources import HostResource
from .results import Failure, fallible

socket_result = fallible(socket_code, OSError, OverflowError)

NS = 1_000_000_000
_I32_MAX = 0x7FFF_FFFF
_FAMILIES = {"ipv4": socket.AF_INET, "ipv6": socket.AF_INET6}


class Network(HostResource):
    """wasi:sockets/network's ``network``: the capability to use it."""
    __slots__ = ()


class Socket(HostResource):
    """A host socket, never bound nor connected (see the module doc)."""

    __slots__ = ("sock", "family")

    def __init__(self, family: str, kind: int) -> None:
        super().__init__()
        if family not in _FAMILIES:
            raise ValueError(f"not an ip-address-family: {family!r}")
        self.family = family
        self.sock = socket.socket(_FAMILIES[family], kind)
        try:
            self.sock.setblocking(False)
            if family == "ipv6":
                self.sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        except BaseException:
            self.sock.close()
            raise

    def _release(self) -> None:
        self.sock.close()


class TcpSocket(Socket):
    """wasi:sockets/tcp's ``tcp-socket``."""

    __slots__ = ("backlog",)

    def __init__(self, family: str) -> None:
        super().__init__(family, socket.SOCK_STREAM)
        self.backlog = 128


class UdpSocket(Socket):
    """wasi:sockets/udp's ``udp-socket``."""

    __slots__ = ()

    def __init__(self, family: str) -> None:
        super().__init__(family, socket.SOCK_DGRAM)


class ResolveAddressStream(HostResource):
    """The addresses a name resolved to."""

    __slots__ = ("addresses",)

    def __init__(self, addresses: list) -> None:
        super().__init__()
        self.addresses = addresses


# -- argument checks -------------------------------------------------------------

def _is(rep: Any, cls: type, what: str):
    if not isinstance(rep, cls):
        raise TypeError(f"expected a {what}, got {type(rep).__name__}")
    return rep


def _uint(value: Any, bits: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << bits:
        raise TypeError(f"{what} must be a u{bits}, got {value!r}")
    return value


def _socket_address(value: Any) -> tuple:
    """An ``ip-socket-address`` checked and made a host address tuple."""
    if not isinstance(value, Variant) or not isinstance(value.payload, Record):
        raise TypeError(f"expected an ip-socket-address Variant, got {value!r}")
    a = value.payload
    if value.tag == "ipv4":
        octets = a.address
        if not isinstance(octets, tuple) or len(octets) != 4:
            raise TypeError("an ipv4-address is a tuple of 4 u8")
        host = ".".join(str(_uint(o, 8, "an ipv4 octet")) for o in octets)
        return (host, _uint(a.port, 16, "port"))
    if value.tag == "ipv6":
        groups = a.address
        if not isinstance(groups, tuple) or len(groups) != 8:
            raise TypeError("an ipv6-address is a tuple of 8 u16")
        host = ":".join(f"{_uint(g, 16, 'an ipv6 group'):x}" for g in groups)
        return (host, _uint(a.port, 16, "port"), _uint(a.flow_info, 32, "flow-info"),
                _uint(a.scope_id, 32, "scope-id"))
    raise ValueError(f"not an ip-socket-address: {value!r}")


def _ip_of(address: tuple) -> Union[ipaddress.IPv4Address, ipaddress.IPv6Address]:
    return ipaddress.ip_address(address[0])


def _valid_unicast(ip) -> bool:
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return not ip.is_multicast and ip != ipaddress.IPv4Address("255.255.255.255")
    return not ip.is_multicast


def _valid_family(ip, family: str) -> bool:
    if family == "ipv4":
        return ip.version == 4
    if ip.version != 6 or ip.ipv4_mapped is not None:
        return False
    # IPv4-compatible addresses (::a.b.c.d) are deprecated and refused
    compatible = int(ip) >> 32 == 0 and int(ip) not in (0, 1)
    return not compatible


def _refuse_address(sock: "Socket", network: Any, address: Any, remote: bool) -> None:
    """Check ``address`` as Wasmtime does (``invalid-argument`` for one the
    socket cannot use), then refuse it: no address passes Wasmtime's
    default socket address check."""
    _is(network, Network, "network")
    host = _socket_address(address)
    ip = _ip_of(host)
    bad_remote = remote and (ip.is_unspecified or host[1] == 0)
    if not _valid_unicast(ip) or not _valid_family(ip, sock.family) or bad_remote:
        raise Failure("invalid-argument")
    raise Failure("access-denied")


# -- the socket options (real ones, on the host socket) ---------------------------

def _get(sock: Socket, level: int, name: int) -> int:
    return sock.sock.getsockopt(level, name)


def _set(sock: Socket, level: int, name: int, value: int) -> None:
    sock.sock.setsockopt(level, name, value)


def _seconds_option(value: Any, what: str) -> int:
    """A duration option in whole seconds, clamped as Wasmtime clamps it
    (at least 1 s, at most Linux's 32767 s); 0 is invalid."""
    ns = _uint(value, 64, what)
    if ns == 0:
        raise Failure("invalid-argument")
    return min(max(ns, NS), 0x7FFF * NS) // NS


def _hop_limit(sock: Socket) -> int:
    if sock.family == "ipv4":
        value = _get(sock, socket.IPPROTO_IP, socket.IP_TTL)
    else:
        value = _get(sock, socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS)
    if not 0 <= value <= 255:
        raise Failure("not-supported")
    return value


def _set_hop_limit(sock: Socket, value: Any) -> None:
    if _uint(value, 8, "value") == 0:
        raise Failure("invalid-argument")
    if sock.family == "ipv4":
        _set(sock, socket.IPPROTO_IP, socket.IP_TTL, value)
    else:
        _set(sock, socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, value)


def _buffer_size(sock: Socket, name: int) -> int:
    # Linux reports twice what was set (its bookkeeping); Wasmtime halves it
    return _get(sock, socket.SOL_SOCKET, name) // 2


def _set_buffer_size(sock: Socket, name: int, value: Any) -> None:
    if _uint(value, 64, "value") == 0:
        raise Failure("invalid-argument")
    try:
        _set(sock, socket.SOL_SOCKET, name, min(value, _I32_MAX))
    except OSError as exc:
        import errno
        if exc.errno != errno.ENOBUFS:      # a hint, not a demand (Wasmtime)
            raise


# -- wasi:sockets/instance-network, network ----------------------------------------

def instance_network(ctx) -> Network:
    """``instance-network: func() -> network``"""
    return Network()


def network_error_code(ctx, error) -> Optional[str]:
    """``network-error-code: func(err: borrow<error>) -> option<error-code>``
    (unstable; no stream here ever fails with a socket error)"""
    return None


# -- functions of one shape for tcp and udp sockets alike ---------------------------

def _socket_maker(cls: type, allowed: str, name: str):
    """``create-{tcp,udp}-socket: func(address-family: ip-address-family) ->
    result<{tcp,udp}-socket, error-code>``: ``access-denied`` unless the
    context's NetworkPolicy has ``allowed``."""
    def create(ctx, address_family: str):
        if address_family not in _FAMILIES:
            raise ValueError(f"not an ip-address-family: {address_family!r}")
        if not getattr(ctx.network, allowed):
            raise Failure("access-denied")
        return cls(address_family)
    create.__name__ = create.__qualname__ = name.replace("-", "_")
    create.__doc__ = (f"``{name}: func(address-family: ip-address-family) -> result<"
                      f"{name[len('create-'):]}, error-code>``")
    return socket_result(create)


def _address_refuser(check: Callable[[Any], Socket], signature: str, remote: bool):
    """A ``start-bind`` / ``start-connect``: the address checked, then
    refused (``_refuse_address``)."""
    def start(ctx, sock, network, address) -> None:
        _refuse_address(check(sock), network, address, remote=remote)
    return socket_result(_named(start, signature))


def _state_error(check: Callable[[Any], Socket], code: str, signature: str):
    """A method that, for the one state a socket has here (never bound nor
    connected), can only answer ``err(code)``, as Wasmtime does."""
    def method(ctx, sock):
        check(sock)
        raise Failure(code)
    return socket_result(_named(method, signature))


def _named(fn: Callable, signature: str) -> Callable:
    """``fn`` named and documented after its WIT ``signature``."""
    # "[method]tcp-socket.start-bind: ..." -> tcp_start_bind
    fn.__name__ = fn.__qualname__ = signature.split(":")[0].split("]")[-1] \
        .replace("-socket.", "_").replace("-", "_")
    fn.__doc__ = f"``{signature}``"
    return fn


# -- wasi:sockets/tcp-create-socket, tcp -------------------------------------------

create_tcp_socket = _socket_maker(TcpSocket, "allow_tcp", "create-tcp-socket")


def _tcp(rep: Any) -> TcpSocket:
    return _is(rep, TcpSocket, "tcp-socket")


_NO_RESULT = "result<_, error-code>"
_ADDRESS_RESULT = "result<ip-socket-address, error-code>"
tcp_start_bind = _address_refuser(
    _tcp, "[method]tcp-socket.start-bind: func(network: borrow<network>, local-address:"
    f" ip-socket-address) -> {_NO_RESULT}", remote=False)
tcp_finish_bind = _state_error(
    _tcp, "not-in-progress", f"[method]tcp-socket.finish-bind: func() -> {_NO_RESULT}")
tcp_start_connect = _address_refuser(
    _tcp, "[method]tcp-socket.start-connect: func(network: borrow<network>, remote-address:"
    f" ip-socket-address) -> {_NO_RESULT}", remote=True)
tcp_finish_connect = _state_error(
    _tcp, "not-in-progress", "[method]tcp-socket.finish-connect: func() ->"
    " result<tuple<input-stream, output-stream>, error-code>")
tcp_start_listen = _state_error(     # (the socket is not bound)
    _tcp, "invalid-state", f"[method]tcp-socket.start-listen: func() -> {_NO_RESULT}")
tcp_finish_listen = _state_error(
    _tcp, "not-in-progress", f"[method]tcp-socket.finish-listen: func() -> {_NO_RESULT}")
tcp_accept = _state_error(
    _tcp, "invalid-state", "[method]tcp-socket.accept: func() ->"
    " result<tuple<tcp-socket, input-stream, output-stream>, error-code>")
tcp_local_address = _state_error(
    _tcp, "invalid-state", f"[method]tcp-socket.local-address: func() -> {_ADDRESS_RESULT}")
tcp_remote_address = _state_error(
    _tcp, "invalid-state", f"[method]tcp-socket.remote-address: func() -> {_ADDRESS_RESULT}")


def tcp_is_listening(ctx, sock) -> bool:
    """``[method]tcp-socket.is-listening: func() -> bool``"""
    _tcp(sock)
    return False


def socket_address_family(ctx, sock) -> str:
    """``[method]tcp-socket.address-family`` / ``[method]udp-socket.address-family: func() -> ip-address-family``"""
    return _is(sock, Socket, "socket").family


@socket_result
def tcp_set_listen_backlog_size(ctx, sock, value: int) -> None:
    """``[method]tcp-socket.set-listen-backlog-size: func(value: u64) -> result<_, error-code>``"""
    s = _tcp(sock)
    if _uint(value, 64, "value") == 0:
        raise Failure("invalid-argument")
    s.backlog = min(value, _I32_MAX)


@socket_result
def tcp_keep_alive_enabled(ctx, sock) -> bool:
    """``[method]tcp-socket.keep-alive-enabled: func() -> result<bool, error-code>``"""
    return _get(_tcp(sock), socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0


@socket_result
def tcp_set_keep_alive_enabled(ctx, sock, value: bool) -> None:
    """``[method]tcp-socket.set-keep-alive-enabled: func(value: bool) -> result<_, error-code>``"""
    if not isinstance(value, bool):
        raise TypeError(f"value must be a bool, got {value!r}")
    _set(_tcp(sock), socket.SOL_SOCKET, socket.SO_KEEPALIVE, int(value))


def _keep_alive_seconds(option: int, word: str) -> tuple:
    """The getter and setter of a keep-alive duration (``word``:
    ``idle-time``, ``interval``), a TCP option in whole seconds on the host."""
    def get(ctx, sock) -> int:
        return _get(_tcp(sock), socket.IPPROTO_TCP, option) * NS

    def set_(ctx, sock, value: int) -> None:
        s = _tcp(sock)
        _set(s, socket.IPPROTO_TCP, option, _seconds_option(value, "value"))
    name = f"[method]tcp-socket.{{}}keep-alive-{word}: func({{}}) -> result<{{}}, error-code>"
    return (socket_result(_named(get, name.format("", "", "duration"))),
            socket_result(_named(set_, name.format("set-", "value: duration", "_"))))


tcp_keep_alive_idle_time, tcp_set_keep_alive_idle_time = _keep_alive_seconds(
    socket.TCP_KEEPIDLE, "idle-time")
tcp_keep_alive_interval, tcp_set_keep_alive_interval = _keep_alive_seconds(
    socket.TCP_KEEPINTVL, "interval")


@socket_result
def tcp_keep_alive_count(ctx, sock) -> int:
    """``[method]tcp-socket.keep-alive-count: func() -> result<u32, error-code>``"""
    return _get(_tcp(sock), socket.IPPROTO_TCP, socket.TCP_KEEPCNT)


@socket_result
def tcp_set_keep_alive_count(ctx, sock, value: int) -> None:
    """``[method]tcp-socket.set-keep-alive-count: func(value: u32) -> result<_, error-code>``"""
    s = _tcp(sock)
    if _uint(value, 32, "value") == 0:
        raise Failure("invalid-argument")
    _set(s, socket.IPPROTO_TCP, socket.TCP_KEEPCNT, min(value, 127))


@socket_result
def socket_hop_limit(ctx, sock) -> int:
    """``[method]tcp-socket.hop-limit`` / ``[method]udp-socket.unicast-hop-limit: func() -> result<u8, error-code>``"""
    return _hop_limit(_is(sock, Socket, "socket"))


@socket_result
def socket_set_hop_limit(ctx, sock, value: int) -> None:
    """``[method]tcp-socket.set-hop-limit`` / ``[method]udp-socket.set-unicast-hop-limit: func(value: u8) -> result<_, error-code>``"""
    _set_hop_limit(_is(sock, Socket, "socket"), value)


@socket_result
def socket_receive_buffer_size(ctx, sock) -> int:
    """``[method]{tcp,udp}-socket.receive-buffer-size: func() -> result<u64, error-code>``"""
    return _buffer_size(_is(sock, Socket, "socket"), socket.SO_RCVBUF)


@socket_result
def socket_set_receive_buffer_size(ctx, sock, value: int) -> None:
    """``[method]{tcp,udp}-socket.set-receive-buffer-size: func(value: u64) -> result<_, error-code>``"""
    _set_buffer_size(_is(sock, Socket, "socket"), socket.SO_RCVBUF, value)


@socket_result
def socket_send_buffer_size(ctx, sock) -> int:
    """``[method]{tcp,udp}-socket.send-buffer-size: func() -> result<u64, error-code>``"""
    return _buffer_size(_is(sock, Socket, "socket"), socket.SO_SNDBUF)


@socket_result
def socket_set_send_buffer_size(ctx, sock, value: int) -> None:
    """``[method]{tcp,udp}-socket.set-send-buffer-size: func(value: u64) -> result<_, error-code>``"""
    _set_buffer_size(_is(sock, Socket, "socket"), socket.SO_SNDBUF, value)


def socket_subscribe(ctx, sock) -> Pollable:
    """``[method]{tcp,udp}-socket.subscribe: func() -> pollable``: ready at
    once (nothing is ever in progress)"""
    return Pollable(lambda: READY, parent=_is(sock, Socket, "socket"))


@socket_result
def tcp_shutdown(ctx, sock, shutdown_type: str) -> None:
    """``[method]tcp-socket.shutdown: func(shutdown-type: shutdown-type) -> result<_, error-code>``
    (the socket is not connected)"""
    _tcp(sock)
    if shutdown_type not in ("receive", "send", "both"):
        raise ValueError(f"not a shutdown-type: {shutdown_type!r}")
    raise Failure("invalid-state")


# -- wasi:sockets/udp-create-socket, udp -------------------------------------------

create_udp_socket = _socket_maker(UdpSocket, "allow_udp", "create-udp-socket")


def _udp(rep: Any) -> UdpSocket:
    return _is(rep, UdpSocket, "udp-socket")


udp_start_bind = _address_refuser(
    _udp, "[method]udp-socket.start-bind: func(network: borrow<network>, local-address:"
    f" ip-socket-address) -> {_NO_RESULT}", remote=False)
udp_finish_bind = _state_error(
    _udp, "not-in-progress", f"[method]udp-socket.finish-bind: func() -> {_NO_RESULT}")


@socket_result
def udp_stream(ctx, sock, remote_address) -> tuple:
    """``[method]udp-socket.stream: func(remote-address: option<ip-socket-address>) -> result<tuple<incoming-datagram-stream, outgoing-datagram-stream>, error-code>``
    (the socket is not bound)"""
    _udp(sock)
    if remote_address is not None:
        _socket_address(remote_address)
    raise Failure("invalid-state")


udp_local_address = _state_error(
    _udp, "invalid-state", f"[method]udp-socket.local-address: func() -> {_ADDRESS_RESULT}")
udp_remote_address = _state_error(
    _udp, "invalid-state", f"[method]udp-socket.remote-address: func() -> {_ADDRESS_RESULT}")


def _no_datagram_stream(signature: str):
    """A datagram stream method: no such stream can exist here (only a
    bound socket makes one, and none is ever bound), so a call can only
    have been given something else."""
    def method(ctx, stream, *args):
        raise WasmtimeError(f"no datagram stream exists on this host, got {type(stream).__name__}")
    method.__doc__ = f"``{signature}`` (never reached: no datagram stream can be made)"
    method.__name__ = signature.split(":")[0].split(".")[-1].replace("-", "_")
    return method


# -- wasi:sockets/ip-name-lookup -----------------------------------------------------

def _ip_address(text: str) -> Variant:
    ip = ipaddress.ip_address(text.split("%", 1)[0])
    if ip.version == 4:
        return Variant("ipv4", tuple(ip.packed))
    raw = ip.packed
    return Variant("ipv6", tuple(int.from_bytes(raw[i:i + 2], "big") for i in range(0, 16, 2)))


@socket_result
def resolve_addresses(ctx, network, name: str) -> ResolveAddressStream:
    """``resolve-addresses: func(network: borrow<network>, name: string) -> result<resolve-address-stream, error-code>``
    (``permanent-resolver-failure`` unless the policy allows lookups, as Wasmtime)"""
    _is(network, Network, "network")
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if not ctx.network.allow_ip_name_lookup:
        raise Failure("permanent-resolver-failure")
    bare = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    try:
        return ResolveAddressStream([_ip_address(bare)])
    except ValueError:
        pass
    if not name or any(c.isspace() or c in "/\\?#@[]" for c in name):
        raise Failure("invalid-argument")
    try:
        infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise Failure("name-unresolvable") from None
    found = []
    for info in infos:
        address = _ip_address(info[4][0])
        if address not in found:
            found.append(address)
    return ResolveAddressStream(found)


@socket_result
def resolve_next_address(ctx, stream) -> Optional[Variant]:
    """``[method]resolve-address-stream.resolve-next-address: func() -> result<option<ip-address>, error-code>``"""
    s = _is(stream, ResolveAddressStream, "resolve-address-stream")
    return s.addresses.pop(0) if s.addresses else None


def resolve_subscribe(ctx, stream) -> Pollable:
    """``[method]resolve-address-stream.subscribe: func() -> pollable`` (resolved already)"""
    return Pollable(lambda: READY,
                    parent=_is(stream, ResolveAddressStream, "resolve-address-stream"))


INTERFACES = {
    "wasi:sockets/network": {"network-error-code": network_error_code},
    "wasi:sockets/instance-network": {"instance-network": instance_network},
    "wasi:sockets/tcp-create-socket": {"create-tcp-socket": create_tcp_socket},
    "wasi:sockets/tcp": {
        "[method]tcp-socket.start-bind": tcp_start_bind,
        "[method]tcp-socket.finish-bind": tcp_finish_bind,
        "[method]tcp-socket.start-connect": tcp_start_connect,
        "[method]tcp-socket.finish-connect": tcp_finish_connect,
        "[method]tcp-socket.start-listen": tcp_start_listen,
        "[method]tcp-socket.finish-listen": tcp_finish_listen,
        "[method]tcp-socket.accept": tcp_accept,
        "[method]tcp-socket.local-address": tcp_local_address,
        "[method]tcp-socket.remote-address": tcp_remote_address,
        "[method]tcp-socket.is-listening": tcp_is_listening,
        "[method]tcp-socket.address-family": socket_address_family,
        "[method]tcp-socket.set-listen-backlog-size": tcp_set_listen_backlog_size,
        "[method]tcp-socket.keep-alive-enabled": tcp_keep_alive_enabled,
        "[method]tcp-socket.set-keep-alive-enabled": tcp_set_keep_alive_enabled,
        "[method]tcp-socket.keep-alive-idle-time": tcp_keep_alive_idle_time,
        "[method]tcp-socket.set-keep-alive-idle-time": tcp_set_keep_alive_idle_time,
        "[method]tcp-socket.keep-alive-interval": tcp_keep_alive_interval,
        "[method]tcp-socket.set-keep-alive-interval": tcp_set_keep_alive_interval,
        "[method]tcp-socket.keep-alive-count": tcp_keep_alive_count,
        "[method]tcp-socket.set-keep-alive-count": tcp_set_keep_alive_count,
        "[method]tcp-socket.hop-limit": socket_hop_limit,
        "[method]tcp-socket.set-hop-limit": socket_set_hop_limit,
        "[method]tcp-socket.receive-buffer-size": socket_receive_buffer_size,
        "[method]tcp-socket.set-receive-buffer-size": socket_set_receive_buffer_size,
        "[method]tcp-socket.send-buffer-size": socket_send_buffer_size,
        "[method]tcp-socket.set-send-buffer-size": socket_set_send_buffer_size,
        "[method]tcp-socket.subscribe": socket_subscribe,
        "[method]tcp-socket.shutdown": tcp_shutdown,
    },
    "wasi:sockets/udp-create-socket": {"create-udp-socket": create_udp_socket},
    "wasi:sockets/udp": {
        "[method]udp-socket.start-bind": udp_start_bind,
        "[method]udp-socket.finish-bind": udp_finish_bind,
        "[method]udp-socket.stream": udp_stream,
        "[method]udp-socket.local-address": udp_local_address,
        "[method]udp-socket.remote-address": udp_remote_address,
        "[method]udp-socket.address-family": socket_address_family,
        "[method]udp-socket.unicast-hop-limit": socket_hop_limit,
        "[method]udp-socket.set-unicast-hop-limit": socket_set_hop_limit,
        "[method]udp-socket.receive-buffer-size": socket_receive_buffer_size,
        "[method]udp-socket.set-receive-buffer-size": socket_set_receive_buffer_size,
        "[method]udp-socket.send-buffer-size": socket_send_buffer_size,
        "[method]udp-socket.set-send-buffer-size": socket_set_send_buffer_size,
        "[method]udp-socket.subscribe": socket_subscribe,
        "[method]incoming-datagram-stream.receive": _no_datagram_stream(
            "[method]incoming-datagram-stream.receive: func(max-results: u64) -> result<list<incoming-datagram>, error-code>"),
        "[method]incoming-datagram-stream.subscribe": _no_datagram_stream(
            "[method]incoming-datagram-stream.subscribe: func() -> pollable"),
        "[method]outgoing-datagram-stream.check-send": _no_datagram_stream(
            "[method]outgoing-datagram-stream.check-send: func() -> result<u64, error-code>"),
        "[method]outgoing-datagram-stream.send": _no_datagram_stream(
            "[method]outgoing-datagram-stream.send: func(datagrams: list<outgoing-datagram>) -> result<u64, error-code>"),
        "[method]outgoing-datagram-stream.subscribe": _no_datagram_stream(
            "[method]outgoing-datagram-stream.subscribe: func() -> pollable"),
    },
    "wasi:sockets/ip-name-lookup": {
        "resolve-addresses": resolve_addresses,
        "[method]resolve-address-stream.resolve-next-address": resolve_next_address,
        "[method]resolve-address-stream.subscribe": resolve_subscribe,
    },
}

USES = {
    "wasi:sockets/network": ("error",),
    "wasi:sockets/instance-network": ("network",),
    "wasi:sockets/tcp-create-socket": ("network", "tcp-socket"),
    "wasi:sockets/tcp": ("input-stream", "output-stream", "pollable", "network"),
    "wasi:sockets/udp-create-socket": ("network", "udp-socket"),
    "wasi:sockets/udp": ("pollable", "network"),
    "wasi:sockets/ip-name-lookup": ("pollable", "network"),
}
