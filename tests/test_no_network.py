"""No network: the unit tests run behind a socket guard, and every notebook runs offline."""

import socket

import pytest

from testkit import netguard, notebooks

NOTEBOOKS = notebooks.expected(edition="en")


def test_guard_is_active_in_the_test_session():
    with pytest.raises(netguard.NetworkBlocked, match="192.0.2.1"):
        socket.create_connection(("192.0.2.1", 80), timeout=2)  # TEST-NET-1
    with pytest.raises(netguard.NetworkBlocked):
        socket.getaddrinfo("example.com", 443)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with udp, pytest.raises(netguard.NetworkBlocked):
        udp.sendto(b"x", ("8.8.8.8", 53))
    six = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    with six, pytest.raises(netguard.NetworkBlocked):
        six.connect_ex(("2001:db8::1", 80))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_still_works(host):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with socket.create_connection((host, port), timeout=2) as client:
            peer, _ = server.accept()
            with peer:
                client.sendall(b"ping")
                assert peer.recv(4) == b"ping"


def test_unix_sockets_still_work(tmp_path):
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(path)
        server.listen(1)
        client.connect(path)


def test_uninstall_restores_the_socket_module():
    before = socket.socket.connect
    uninstall = netguard.install()
    assert socket.socket.connect is not before
    uninstall()
    assert socket.socket.connect is before


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_with_sockets_blocked(path, offline_run):
    nb, attempts = offline_run(path)
    probe = nb.cells[-1].outputs
    assert [o.get("text") for o in probe] == [netguard.PROBE_OUTPUT], (
        "the guard was not live in the kernel"
    )
    blocked = [a for a in attempts if "192.0.2.1" not in a]  # the probe's own attempt aside
    assert not blocked, f"{path.name} tried to reach the network: {blocked}"
