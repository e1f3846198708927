"""Headless Chromium driven over the DevTools protocol on a pipe: no driver binary, no dependency.

``--remote-debugging-pipe`` makes Chromium read protocol commands from file descriptor 3 and
write answers and events to descriptor 4, each message JSON ended by a NUL byte. Nothing listens
on a port and nothing is downloaded: it needs only Debian's ``chromium`` package.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 60.0


def find_chromium() -> str:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(
        "no Chromium found (looked for chromium, chromium-browser, google-chrome); "
        "install Debian's package: apt-get install -y chromium"
    )


@dataclass
class PageLoad:
    """What a page did while it loaded: every request, and every problem it reported."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_loads: list[str] = field(default_factory=list)


class Chromium:
    def __init__(self, width: int = 1200, height: int = 900) -> None:
        self._profile = tempfile.mkdtemp(prefix="chromium-profile-")
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def descriptors() -> None:  # in the child, before exec: the pipe ends on fds 3 and 4
            os.dup2(commands_read, 3)
            os.dup2(answers_write, 4)

        self._process = subprocess.Popen(
            [
                find_chromium(),
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--user-data-dir={self._profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=descriptors,
            pass_fds=(3, 4),
        )
        os.close(commands_read)
        os.close(answers_write)
        self._next_id = 0
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=True)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._answers, 65536)
            if not chunk:
                self._messages.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self._messages.put(json.loads(message))

    def send(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        answer = self._wait(lambda m: m.get("id") == self._next_id)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    def _wait(self, wanted: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            message = self._messages.get(timeout=left)
            if message is None:
                raise RuntimeError("Chromium exited")
            if "method" in message:
                self._events.append(message)
            if wanted(message):
                return message

    def load(self, url: str) -> PageLoad:
        """Open ``url``, wait for its load event and a quiet moment, and say what happened."""
        self._events.clear()
        self.send("Page.navigate", session=True, url=url)
        self._wait(lambda m: m.get("method") == "Page.loadEventFired")
        time.sleep(0.5)  # late console messages and requests made by scripts after load
        while not self._messages.empty():
            message = self._messages.get_nowait()
            if message is not None and "method" in message:
                self._events.append(message)
        return self._summarise()

    def _summarise(self) -> PageLoad:
        load = PageLoad()
        for event in self._events:
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                load.requests.append(params["request"]["url"])
            elif method == "Network.loadingFailed":
                load.failed_loads.append(f"{params.get('errorText')} ({params.get('requestId')})")
            elif method == "Runtime.exceptionThrown":
                load.console_errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                load.console_errors.append(" ".join(str(arg.get("value")) for arg in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                load.console_errors.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
        return load

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values only)."""
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = False) -> None:
        """A PNG of the window, or of the whole page."""
        data = self.send(
            "Page.captureScreenshot", session=True, format="png", captureBeyondViewport=full_page
        )
        path.write_bytes(base64.b64decode(data["data"]))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            self._process.kill()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        self._reader.join(timeout=5)
        os.close(self._answers)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
