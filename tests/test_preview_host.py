"""The preview's server answers only its own address (issue 25, item 9): a page on another site that
rebinds its DNS name to 127.0.0.1 sends its own name as Host and must get nothing — not the state, not a
page, not the PDF. A port in use: the next free one, or a located refusal (CG632), never a traceback."""

from __future__ import annotations

import contextlib
import http.client
import socket

import pytest

from conceptgen.diagnostics import DiagnosticError
from conceptgen.preview import Preview, allowed_host
from conceptgen.preview.pages import BASE_DPI

PICTURE = "ab" * 32  # a page's signature


@pytest.fixture
def served(tmp_path):
    viewer = Preview(tmp_path)
    viewer.pdfs[1] = b"%PDF-1.7 secret concept"
    viewer.pictures._keep(PICTURE, BASE_DPI, b"secret picture")
    server = viewer.serve(0)
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        viewer.stop()


def _get(port: int, path: str, host: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "path", ["/", "/state", "/state?after=0", "/pdf/1", f"/picture/{PICTURE}/{BASE_DPI}"]
)
@pytest.mark.parametrize(
    "host",
    [
        "attacker.example:{port}",
        "attacker.example",
        "127.0.0.1.attacker.example:{port}",
        "localhost.attacker.example:{port}",
        "localhost:{other}",
        "127.0.0.1",
        "0.0.0.0:{port}",
        "127.0.0.2:{port}",
        "",
        None,
    ],
)
def test_another_host_gets_nothing(served, path, host):
    name = host.format(port=served, other=served + 1) if host is not None else None
    status, body = _get(served, path, name)
    assert status == 403
    assert b"secret" not in body and b"<html" not in body.lower()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_the_own_address_is_served(served, host):
    status, body = _get(served, "/pdf/1", host.format(port=served))
    assert status == 200 and body == b"%PDF-1.7 secret concept"
    status, body = _get(served, f"/picture/{PICTURE}/{BASE_DPI}", host.format(port=served))
    assert status == 200 and body == b"secret picture"
    for other in (f"/picture/{PICTURE}/600", f"/picture/{PICTURE[:-1]}/{BASE_DPI}", "/picture/x/70"):
        assert _get(served, other, host.format(port=served))[0] == 404  # no other size, no other name


def test_allowed_host_is_exact():
    assert allowed_host("localhost:8000", 8000)
    assert allowed_host("127.0.0.1:8000", 8000)
    assert allowed_host("[::1]:8000", 8000)
    for host in ("localhost:80001", "localhost:800", "localhost", "evil:8000", "localhost:8000@evil", None):
        assert not allowed_host(host, 8000)


def _busy() -> socket.socket:
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    return holder


def test_a_port_in_use_gives_the_next_free_one(tmp_path):
    with contextlib.closing(_busy()) as holder:
        taken = holder.getsockname()[1]
        server = Preview(tmp_path).serve(taken)
        try:
            assert server.server_address[1] != taken
            assert taken < server.server_address[1] <= taken + 20
        finally:
            server.shutdown()
            server.server_close()


def test_no_free_port_is_a_located_refusal(tmp_path, monkeypatch):
    import conceptgen.preview as preview

    monkeypatch.setattr(preview, "PORT_TRIES", 1)
    with contextlib.closing(_busy()) as holder:
        taken = holder.getsockname()[1]
        with pytest.raises(DiagnosticError) as caught:
            Preview(tmp_path).serve(taken)
    (problem,) = caught.value.diagnostics
    assert problem.code == "CG632" and str(taken) in problem.message and "--port" in problem.hint
