"""A network guard for tests: refuse every socket connection that leaves the machine.

``install()`` patches ``socket.socket.connect``/``connect_ex``/``sendto`` and
``socket.getaddrinfo`` so that only loopback IP addresses, ``localhost`` and non-IP
families (Unix sockets, netlink) get through; anything else raises
:class:`NetworkBlocked` and is recorded in ``ATTEMPTS`` (and appended to ``log_path``,
if given, so a test can read what a child process tried).

Jupyter kernels talk to their client over loopback ZMQ, so a guarded kernel still runs.
The file also works as a kernel startup hook: ``runpy.run_path(this_file,
init_globals={"LOG": path}, run_name="netguard_startup")`` installs the guard.
"""

import ipaddress
import socket

ATTEMPTS = []
"""Every refused ``(operation, address)`` in this process."""


PROBE_SOURCE = """\
import socket as _socket
try:
    _socket.create_connection(("192.0.2.1", 80), timeout=2)  # TEST-NET-1, never routed
except ConnectionRefusedError as _err:
    print("network probe:", type(_err).__name__)
"""
PROBE_OUTPUT = "network probe: NetworkBlocked\n"
"""A cell appended to a guarded notebook run, and what it must print: the guard is live
inside the kernel."""


class NetworkBlocked(ConnectionRefusedError):
    """A connection to a non-loopback address, refused by the test guard."""


def _is_local_host(host):
    if host is None or host in ("", "localhost", "localhost.localdomain"):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:  # a name other than localhost would need DNS
        return False


def _is_local_address(family, address):
    if family not in (socket.AF_INET, socket.AF_INET6):
        return True  # Unix sockets, netlink: never leave the machine
    return isinstance(address, tuple) and _is_local_host(address[0])


def install(log_path=None):
    """Patch the socket module in this process; returns a function that undoes it."""
    cls = socket.socket
    originals = {
        "connect": cls.connect,
        "connect_ex": cls.connect_ex,
        "sendto": cls.sendto,
        "getaddrinfo": socket.getaddrinfo,
    }

    def refuse(operation, address):
        ATTEMPTS.append((operation, repr(address)))
        if log_path:
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(f"{operation} {address!r}\n")
        raise NetworkBlocked(f"network access blocked by the test guard: {operation} {address!r}")

    def connect(self, address):
        if not _is_local_address(self.family, address):
            refuse("connect", address)
        return originals["connect"](self, address)

    def connect_ex(self, address):
        if not _is_local_address(self.family, address):
            refuse("connect_ex", address)
        return originals["connect_ex"](self, address)

    def sendto(self, data, *args):
        address = args[-1]
        if not _is_local_address(self.family, address):
            refuse("sendto", address)
        return originals["sendto"](self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local_host(host):
            refuse("getaddrinfo", host)
        return originals["getaddrinfo"](host, *args, **kwargs)

    cls.connect, cls.connect_ex, cls.sendto = connect, connect_ex, sendto
    socket.getaddrinfo = getaddrinfo

    def uninstall():
        cls.connect, cls.connect_ex = originals["connect"], originals["connect_ex"]
        cls.sendto = originals["sendto"]
        socket.getaddrinfo = originals["getaddrinfo"]

    return uninstall


if __name__ == "netguard_startup":  # run as a kernel startup hook (see the module docstring)
    install(globals().get("LOG"))
