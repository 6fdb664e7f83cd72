"""A real xAPI Learning Record Store (Ralph) on loopback, for tests that push statements.

``start_lrs.sh`` installs Ralph into ``.venv-lrs``, apart from the app's ``.venv``, and
serves it; this module only starts it, waits for it, talks to it and stops it, with the
standard library alone, so the app's ``.venv`` needs nothing new.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlencode, urljoin

import pytest

XAPI_VERSION = "1.0.3"
SCRIPT = Path(__file__).with_name("start_lrs.sh")
INSTALL_TIMEOUT = 600  # creating .venv-lrs from an empty pip cache
START_TIMEOUT = 30  # ~1 s when warm; the first start after an install compiles bytecode
STOP_TIMEOUT = 10

# Straight to loopback: a proxy from the environment must not see these requests.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Reply(NamedTuple):
    """One HTTP answer: status, headers and the JSON body (None when empty)."""

    status: int
    headers: Message
    body: Any


@dataclass(frozen=True)
class LRS:
    """A running Ralph LRS and an xAPI 1.0.3 client for it.

    ``endpoint`` is the xAPI base URL, to which ``statements`` is appended;
    ``directory`` holds Ralph's files, the statements in ``fs_lrs.jsonl``.
    """

    endpoint: str
    username: str
    password: str
    directory: Path

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: dict | None = None,
        auth: tuple[str, str] | None = None,
    ) -> Reply:
        """Send one xAPI request; an error status is returned, not raised.

        ``path`` is relative to ``endpoint`` (``"statements"``) or absolute (a ``more``
        link); ``auth`` overrides the fixture's credentials, to try wrong ones.
        """
        url = urljoin(self.endpoint, path)
        if params:
            url += "?" + urlencode(params)
        username, password = auth or (self.username, self.password)
        token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Authorization": f"Basic {token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        # S310: the URL is http, built on the fixture's own loopback endpoint.
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with _opener.open(request, timeout=10) as response:
                return Reply(response.status, response.headers, _json(response.read()))
        except urllib.error.HTTPError as error:
            with error:
                return Reply(error.code, error.headers, _json(error.read()))

    def statements(self, **params: Any) -> list[dict]:
        """Every statement stored (or matching ``params``), following ``more`` links."""
        found: list[dict] = []
        path, query = "statements", params
        while path:
            reply = self.request("GET", path, params=query)
            if reply.status != 200:
                raise AssertionError(f"GET {path} answered {reply.status}: {reply.body}")
            found.extend(reply.body["statements"])
            path, query = reply.body.get("more"), None
        return found


def _json(raw: bytes) -> Any:
    return json.loads(raw) if raw else None


def free_port() -> int:
    """A port free on loopback now (the server binds it a moment later)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _wait_until_ready(process: subprocess.Popen, base_url: str, log: Path) -> None:
    """Poll Ralph's heartbeat until it answers 200, the server dies, or time runs out."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"the LRS exited with status {process.returncode}:\n{_log_tail(log)}"
            )
        try:
            with _opener.open(urljoin(base_url, "__heartbeat__"), timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:  # refused while starting (URLError and HTTPError are OSErrors)
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the LRS did not answer in {START_TIMEOUT} s:\n{_log_tail(log)}")
        time.sleep(0.05)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the server's process group (its own session), SIGKILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=STOP_TIMEOUT)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait()


@contextmanager
def running_lrs(directory: Path, username: str = "pmcert-tests") -> Iterator[LRS]:
    """Ralph serving on a free loopback port, its files in ``directory``, until exit."""
    subprocess.run([str(SCRIPT), "--install"], check=True, timeout=INSTALL_TIMEOUT)
    password = secrets.token_urlsafe(16)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    store = directory / "store"
    log = directory / "server.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [str(SCRIPT), str(port), str(store)],
            env={**os.environ, "LRS_USERNAME": username, "LRS_PASSWORD": password},
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_ready(process, base_url, log)
        yield LRS(urljoin(base_url, "xAPI/"), username, password, store)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def lrs(tmp_path_factory) -> Iterator[LRS]:
    """One Ralph LRS for the session (file-system backend in a temp folder)."""
    with running_lrs(tmp_path_factory.mktemp("lrs")) as server:
        yield server
