"""A little stock keeper: the code the sample suite tests."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path


def total_value(items: dict[str, tuple[int, float]]) -> float:
    """Sum of quantity x unit price."""
    return round(sum(quantity * price for quantity, price in items.values()), 2)


def save(items: dict[str, tuple[int, float]], path: Path) -> None:
    path.write_text(json.dumps(items), encoding="utf-8")


def load(path: Path) -> dict[str, tuple[int, float]]:
    return {name: (int(q), float(p)) for name, (q, p) in json.loads(path.read_text(encoding="utf-8")).items()}


def ask_price_server(host: str, port: int, name: str) -> float:
    with socket.create_connection((host, port), timeout=5) as connection:
        connection.sendall(name.encode() + b"\n")
        return float(connection.recv(64).decode())


def count_lines_with_wc(text: str) -> int:
    """Counts lines in a child Python process (a stand-in for calling any external tool)."""
    program = "import sys; print(len(sys.stdin.read().splitlines()))"
    done = subprocess.run(
        [sys.executable, "-c", program], input=text, capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def retry(action, attempts: int = 3, pause: float = 0.05):  # type: ignore[no-untyped-def]
    """Call ``action`` until it stops raising, pausing between attempts."""
    for attempt in range(attempts):
        try:
            return action()
        except ConnectionError:
            if attempt == attempts - 1:
                raise
            time.sleep(pause)
    return None


def reindex(items: dict[str, tuple[int, float]], settle: float = 2.0) -> list[str]:
    """The names in order, once the index has settled (it waits ``settle`` seconds, without sleeping)."""
    threading.Event().wait(settle)
    return sorted(items)
