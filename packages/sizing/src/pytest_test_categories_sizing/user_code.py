"""The place in the user's code an operation came from: the innermost frame that is theirs.

Frames of the standard library, of installed packages (site-packages), of pytest and of this
family's plugins are passed over; the first frame left is the user's. Asked only the first time a
test does each kind of thing, so the walk costs nothing on the way of an ordinary operation.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path
from types import FrameType

_NOT_THEIRS_PACKAGES = ("_pytest", "pytest", "pluggy", "pytest_test_categories")
_MAX_DEPTH = 200


def _stdlib_dirs() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    dirs = {
        form.rstrip(os.sep) + os.sep
        for key in ("stdlib", "platstdlib")
        if key in paths
        for form in (os.path.abspath(paths[key]), os.path.realpath(paths[key]))
    }
    return tuple(dirs)


_STDLIB_DIRS = _stdlib_dirs()


def _theirs(frame: FrameType) -> bool:
    filename = frame.f_code.co_filename
    if filename.startswith("<"):
        return False
    parts = filename.replace("\\", "/").split("/")
    if "site-packages" in parts or "dist-packages" in parts:
        return False
    if filename.startswith(_STDLIB_DIRS):
        return False
    module = frame.f_globals.get("__name__")
    top = module.split(".", 1)[0] if isinstance(module, str) else ""
    return not top.startswith(_NOT_THEIRS_PACKAGES)


def user_code_location(root: Path, test_file: str) -> str:
    """``stock.py:21 (from tests/test_stock.py:8)``: the innermost frame of the user's code, and the
    test file's line that led there when that is another frame; paths relative to ``root``."""
    frame: FrameType | None = sys._getframe(1)
    depth = 0
    while frame is not None and depth < _MAX_DEPTH:
        if _theirs(frame):
            break
        frame = frame.f_back
        depth += 1
    if frame is None or depth >= _MAX_DEPTH:
        return "(not in the project's code)"
    where = f"{_shown(frame.f_code.co_filename, root)}:{frame.f_lineno}"
    if frame.f_code.co_filename == test_file:
        return where
    caller = frame.f_back
    while caller is not None and depth < _MAX_DEPTH:
        if caller.f_code.co_filename == test_file:
            return f"{where} (from {_shown(test_file, root)}:{caller.f_lineno})"
        caller = caller.f_back
        depth += 1
    return where


def _shown(filename: str, root: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(root).as_posix()
    except ValueError:
        return filename
