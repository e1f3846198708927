"""Writing reports: atomically to a file (core's ``write_atomically``), or appended to GitHub's
job summary within its cap."""

from __future__ import annotations

from pathlib import Path


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
