"""Writing reports: atomically to a file, or appended to GitHub's job summary within its cap."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``.

    A reader (or a run killed half-way) sees the old report or the new one, never a torn one.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                stream.writelines(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def room_in(path: Path, cap: int) -> int:
    """Bytes still allowed in a capped file that may already hold earlier steps' output."""
    try:
        used = path.stat().st_size
    except FileNotFoundError:
        used = 0
    return max(0, cap - used)


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
