"""Who asked for a file operation: the import system, pytest itself, or the test's own code.

Python must import code while a small test runs (and write its bytecode cache), and pytest's own
machinery (output capture, assertion rewriting, ``tmp_path``, the debugger) opens files on the
test's behalf. Walking out from the operation, standard-library frames are skipped (``open`` is
called through ``pathlib``, ``tempfile``, ``shutil``); the first frame that is not standard
library decides. Module code that runs while being imported is its own frame, so a module that
writes a file at import time is still caught. Only the slow path (a file operation that is not
obviously fine) pays for this walk.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import weakref
from types import FrameType

from pytest_test_categories_isolation.compat import ACTING_FOR_THE_TEST, CALLER_DECIDES

_OURS = 0
_STDLIB = 1
_TRUSTED = 2
_OTHER = 3

_IMPORT_SYSTEM_FILES = ("<frozen importlib._bootstrap", "<frozen zipimport")
_IMPORT_SYSTEM_MODULES = frozenset(
    {
        "importlib._bootstrap",
        "importlib._bootstrap_external",
        "_frozen_importlib",
        "_frozen_importlib_external",
        "zipimport",
    }
)
# Test machinery that opens files for the test rather than because of it (hypothesis saving its
# examples, syrupy writing the snapshots --snapshot-update asks for).
_TRUSTED_PACKAGES = ("_pytest", "pytest", "pluggy", "hypothesis", "_hypothesis_pytestplugin", "syrupy")
# ...except where the test itself tells pytest which files to read or write: pytester, py.path
# (``tmpdir``), the cache (``config.cache.set``)...
_UNTRUSTED_MODULES = ACTING_FOR_THE_TEST
# ...and where the caller decides: a temporary folder made for the ``tmp_path`` fixture is
# pytest's doing, one the test asks ``tmp_path_factory`` for is the test's.
_PASS_THROUGH_MODULES = CALLER_DECIDES
_OUR_PACKAGE = __name__.rpartition(".")[0]
# Packages whose frames sit between the audit hook and these rules (an observer that runs them,
# such as the sizing plugin's): skipped like this plugin's own, so they never decide who asked.
_OUR_PACKAGES = [_OUR_PACKAGE]
_SOCKETPAIR_FUNCTIONS = frozenset({"socketpair", "_fallback_socketpair"})

_FINALIZE_CALL = weakref.finalize.__call__.__code__
_MAX_DEPTH = 64
_categories: dict[str, int] = {}


def _stdlib_dirs() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    dirs = set()
    for key in ("stdlib", "platstdlib"):
        if key in paths:
            for form in (os.path.abspath(paths[key]), os.path.realpath(paths[key])):
                dirs.add(form.rstrip(os.sep) + os.sep)
    return tuple(dirs)


_STDLIB_DIRS = _stdlib_dirs()


def _classify(filename: str, module: object) -> int:
    name = module if isinstance(module, str) else ""
    if filename.startswith(_IMPORT_SYSTEM_FILES) or name in _IMPORT_SYSTEM_MODULES:
        return _TRUSTED
    if any(name == package or name.startswith(package + ".") for package in _OUR_PACKAGES):
        return _OURS
    if name in _PASS_THROUGH_MODULES:
        return _STDLIB
    if name.split(".", 1)[0] in _TRUSTED_PACKAGES and name not in _UNTRUSTED_MODULES:
        return _TRUSTED
    if filename.startswith("<frozen "):
        return _STDLIB
    if filename.startswith(_STDLIB_DIRS):
        parts = filename.replace("\\", "/").split("/")
        if "site-packages" not in parts and "dist-packages" not in parts:
            return _STDLIB
    return _OTHER


def run_rules_from(package: str) -> None:
    """Count ``package``'s frames as this plugin's: it calls the rules from its own audit scope."""
    if package not in _OUR_PACKAGES:
        _OUR_PACKAGES.append(package)
        _categories.clear()


def _category(frame: FrameType) -> int:
    filename = frame.f_code.co_filename
    category = _categories.get(filename)
    if category is None:
        category = _classify(filename, frame.f_globals.get("__name__"))
        _categories[filename] = category
    return category


def _first_caller() -> FrameType | None:
    """The innermost frame that is not this plugin's (the hook runs on top of the operation)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and _category(frame) == _OURS:
        frame = frame.f_back
    return frame


def on_behalf_of_the_test_machinery() -> bool:
    """True when the import system or pytest itself, not the test's code, asked for the operation.

    A finalizer (``__del__``, ``weakref.finalize``) counts as machinery too: the garbage collector
    runs it whenever it gets to the object, often in a later test than the one that made it (a
    temporary file removed when its owner is collected).
    """
    frame = _first_caller()
    depth = 0
    while frame is not None and depth < _MAX_DEPTH:
        code = frame.f_code
        if code.co_name == "__del__" or code is _FINALIZE_CALL:
            return True
        category = _category(frame)
        if category == _TRUSTED:
            return True
        if category == _OTHER:
            return False
        frame = frame.f_back
        depth += 1
    return False


def inside_socketpair() -> bool:
    """True while ``socket.socketpair`` builds its pair out of a loopback connection.

    Where the platform has no native socketpair, Python connects two loopback sockets, and every
    asyncio event loop needs such a pair; creating a loop must stay possible in a small test.
    """
    frame = _first_caller()
    return (
        frame is not None
        and frame.f_code.co_name in _SOCKETPAIR_FUNCTIONS
        and frame.f_globals.get("__name__") == "socket"
    )


def started_by_subprocess() -> bool:
    """Whether ``subprocess.Popen`` is starting its process right now.

    From Python 3.13 on, Popen starts most processes with ``os.posix_spawn``, whose audit event
    follows Popen's own: the start was already judged, by its ``subprocess.Popen`` event.
    """
    frame = _first_caller()
    depth = 0
    while frame is not None and depth < 4:
        if frame.f_code.co_name == "_execute_child" and frame.f_globals.get("__name__") == "subprocess":
            return True
        frame = frame.f_back
        depth += 1
    return False


def spawned_by_os() -> object:
    """The command of the ``os.spawn*`` call that is forking right now, or None.

    On POSIX, ``os.spawnv`` and friends are Python code that forks and then executes the command:
    the audit event is the fork, and the command is in the caller's frame.
    """
    frame = _first_caller()
    depth = 0
    while frame is not None and depth < 4:
        if frame.f_code.co_name == "_spawnvef" and frame.f_globals.get("__name__") == "os":
            return frame.f_locals.get("args")
        frame = frame.f_back
        depth += 1
    return None
