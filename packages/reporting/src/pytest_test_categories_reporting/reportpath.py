"""``--test-size-report-file``: checked at start-up, so a bad path never costs a whole run.

The value must name a file the report can replace atomically: not empty, not a directory (also
not one written with a trailing separator, which ``Path`` would silently drop), in a directory
that exists and takes new files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import NoReturn

import pytest

REPORT_FILE_OPTION = "--test-size-report-file"
EXAMPLE_NAME = "report.json"

_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


def report_path(given: str, base: Path, *, check: bool, option: str = REPORT_FILE_OPTION) -> Path:
    """The report file ``given`` (to ``option``) names, relative to ``base``; ``check`` probes the disk."""
    where = _where(given, option)
    if not given.strip():
        empty = "an empty path" if not given else "a blank path"
        raise pytest.UsageError(f"{where}: {empty}; give a file path, for example {EXAMPLE_NAME}")
    path = Path(base, given)
    if check:
        if names_a_directory(given):
            check_named_directory(path, given, where)
        check_report_path(path, given, where)
    return path


def names_a_directory(given: str) -> bool:
    """``reports/``, ``reports/.`` and ``..`` can only mean a directory, whatever exists on disk."""
    stripped = given.rstrip("".join(_SEPARATORS))
    return stripped != given or os.path.basename(stripped) in (".", "..")


def check_named_directory(path: Path, given: str, where: str) -> NoReturn:
    if path.is_dir():
        raise pytest.UsageError(f"{where}: is a directory; give a file path, for example {example_in(given)}")
    if path.exists():
        raise pytest.UsageError(f"{where}: {str(path)!r} is a file, not a directory")
    raise pytest.UsageError(
        f"{where}: directory {given!r} does not exist; create it first, and give a file path "
        f"inside it, for example {example_in(given)}"
    )


def example_in(folder: str) -> str:
    """``reports/`` and ``reports/.`` both give ``reports/report.json``."""
    trimmed = folder.rstrip("".join(_SEPARATORS))
    if trimmed.endswith(tuple(sep + "." for sep in _SEPARATORS)):
        trimmed = trimmed[:-2]
    return os.path.join(trimmed or folder, EXAMPLE_NAME)


def check_report_path(path: Path, given: str, where: str | None = None) -> None:
    """The report file must be creatable: its folder exists and takes a new file, it is no folder."""
    where = where or _where(given)
    if path.is_dir():
        raise pytest.UsageError(f"{where}: is a directory; give a file path, for example {example_in(given)}")
    folder = path.parent
    if not folder.exists():
        raise pytest.UsageError(f"{where}: directory {str(folder)!r} does not exist; create it first")
    if not folder.is_dir():
        raise pytest.UsageError(f"{where}: {str(folder)!r} is not a directory")
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".test-size-report-", suffix=".probe")
    except OSError as error:
        raise pytest.UsageError(
            f"{where}: cannot write in directory {str(folder)!r} ({error.strerror or error}); "
            "choose a writable location"
        ) from None
    os.close(handle)
    os.unlink(probe)
    if path.exists() and not os.access(path, os.W_OK):
        raise pytest.UsageError(f"{where}: the existing file is not writable; choose another path")


def _where(given: str, option: str = REPORT_FILE_OPTION) -> str:
    return f"{option} {given!r}"
