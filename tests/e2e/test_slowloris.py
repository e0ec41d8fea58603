"""Issue #15, bad input: a client that opens a thousand connections and sends nothing (or a request
head that never ends, or a body a byte at a time) must not take the server's slots. A request only
reaches admission once its head is complete, its body is read before it takes a slot (408 past
KRACHT_BODY_TIMEOUT), and silent connections are closed after KRACHT_IDLE_TIMEOUT. scripts/e2e.sh
starts the server with short timeouts (and exports them) so this runs in seconds."""

import os
import re
import select
import socket
import time
from urllib.parse import urlsplit

from helpers import Visitor, post_forms, unique_email

BODY_TIMEOUT = float(os.environ.get("KRACHT_BODY_TIMEOUT", "10"))
IDLE_TIMEOUT = float(os.environ.get("KRACHT_IDLE_TIMEOUT", "30"))
SILENT = 1000
DRIPPING = 5


def connect(base_url: str) -> socket.socket:
    base = urlsplit(base_url)
    return socket.create_connection((base.hostname, base.port), timeout=10)


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closed this connection (without waiting)."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(4096) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def sign_form(visitor: Visitor) -> tuple[str, dict[str, str]]:
    """The manifesto's sign form, filled in for a new signer."""
    html = visitor.get("/manifest").text
    form = next(f for f in post_forms(html) if f.action.startswith("/manifest/ondertekenen"))
    district = next(v for v in re.findall(r'<option value="([^"]+)"', html) if v)
    fields = dict(form.fields, name="Slow Loris", email=unique_email("slowloris"), district=district, postcode="1011 AB",
                  website="")
    if "_csrf" not in fields and visitor.http.cookies.get("kracht_csrf"):
        fields["_csrf"] = visitor.http.cookies.get("kracht_csrf")
    return form.action, fields


def test_silent_and_dripping_connections_take_no_slots(base_url):
    visitor = Visitor(base_url)
    action, fields = sign_form(visitor)
    form_shown = time.monotonic()
    host = urlsplit(base_url).netloc
    silent, dripping = [], []
    try:
        # A thousand connections that send the start of a request head, and then nothing.
        for _ in range(SILENT):
            sock = connect(base_url)
            sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode())
            silent.append(sock)
        # A few that announce a form and drip it, a byte now and then.
        for _ in range(DRIPPING):
            sock = connect(base_url)
            sock.sendall((f"POST {action} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                          f"Content-Length: 1000\r\n\r\nname=").encode())
            dripping.append(sock)
        started = time.monotonic()

        # While they are all open, a page and a signature are served as usual.
        home = visitor.get("/", timeout=10)
        assert home.status_code == 200
        time.sleep(max(0.0, form_shown + 3.2 - time.monotonic()))  # a person takes a few seconds; the bot timer asks it
        signed = visitor.post(action, fields, csrf=False, timeout=10,
                              headers={"Origin": base_url, "Sec-Fetch-Site": "same-origin"})
        assert signed.status_code == 303, f"the sign-up got {signed.status_code}: {signed.text[:300]}"
        assert visitor.get("/health", timeout=10).status_code == 200

        # The dripped bodies are refused with 408 once KRACHT_BODY_TIMEOUT has passed.
        answers = {}
        while len(answers) < DRIPPING and time.monotonic() < started + BODY_TIMEOUT + 10:
            for index, sock in enumerate(dripping):
                if index in answers:
                    continue
                readable, _, _ = select.select([sock], [], [], 0)
                if readable:
                    answers[index] = sock.recv(4096)
                else:
                    sock.send(b"x")
            time.sleep(0.25)
        assert len(answers) == DRIPPING, "a dripping body was never answered"
        for answer in answers.values():
            assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert time.monotonic() - started >= BODY_TIMEOUT - 0.5, "answered before the body timeout"

        # The silent ones are closed once KRACHT_IDLE_TIMEOUT has passed.
        deadline = time.monotonic() + IDLE_TIMEOUT + 10
        open_ones = list(silent)
        while open_ones and time.monotonic() < deadline:
            open_ones = [sock for sock in open_ones if not closed_by_server(sock)]
            time.sleep(0.5)
        assert not open_ones, f"{len(open_ones)} silent connections still open after the idle timeout"
    finally:
        for sock in silent + dripping:
            sock.close()

