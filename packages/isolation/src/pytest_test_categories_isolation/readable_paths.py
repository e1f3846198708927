"""Which files a small test may read: code, package data, the project's files, and little else.

Readable, below these folders: the project (pytest's rootdir), every folder on ``sys.path`` (so
editable installs and vendored code), the Python installation (``sys.prefix`` and friends: the
standard library and site-packages, including data such as certifi's CA bundle), the time zone
database (``zoneinfo.TZPATH``), and the folder of every package imported so far (editable
installs that an import hook finds, with no folder on ``sys.path``). Readable files:
``os.devnull`` and the MIME type tables ``mimetypes`` loads. A ``sys.path`` entry that is the
filesystem root is ignored; relative entries (``""`` is the current folder) are taken from the
folder the session started in.
"""

from __future__ import annotations

import mimetypes
import os
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path

_DOT_SEGMENTS = tuple(f"{sep}{dots}{sep}" for sep in (os.sep, os.altsep) if sep for dots in (".", ".."))
_DOT_ENDINGS = tuple(f"{sep}{dots}" for sep in (os.sep, os.altsep) if sep for dots in (".", ".."))


def _needs_normalising(path: str) -> bool:
    """True unless ``path`` is absolute without "." or ".." segments (what imports open)."""
    if not os.path.isabs(path) or path.endswith(_DOT_ENDINGS):
        return True
    return any(segment in path for segment in _DOT_SEGMENTS)


def _tz_dirs() -> list[str]:
    configured = os.environ.get("PYTHONTZPATH") or sysconfig.get_config_var("TZPATH") or ""
    return [entry for entry in str(configured).split(os.pathsep) if os.path.isabs(entry)]


def _as_prefixes(folders: Iterable[str]) -> tuple[str, ...]:
    prefixes: set[str] = set()
    for folder in folders:
        for form in (os.path.abspath(folder), os.path.realpath(folder)):
            if os.path.dirname(form) == form:  # the filesystem root: that would allow everything
                continue
            prefixes.add(form.rstrip(os.sep) + os.sep)
    return tuple(sorted(prefixes))


class ReadablePaths:
    """Answers "may a small test read this path?" for one pytest session."""

    def __init__(self, rootpath: Path) -> None:
        fixed = [str(rootpath), sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
        self._fixed = list(dict.fromkeys([*fixed, *_tz_dirs()]))
        self._fixed_prefixes = _as_prefixes(self._fixed)
        self._files = frozenset(
            form
            for name in (os.devnull, *mimetypes.knownfiles)
            for form in (os.path.abspath(name), os.path.realpath(name))
        )
        self._start = os.getcwd()
        self._key: tuple[str, ...] | None = None
        self._prefixes: tuple[str, ...] = ()
        self._package_count = -1
        self._packages: tuple[str, ...] = ()

    def _current_prefixes(self) -> tuple[str, ...]:
        # Relative entries ("" is the current folder) count from where the session started: a
        # test that changes folder must not make the new one readable.
        key = tuple(sys.path)
        if key != self._key:
            start = self._start
            entries = [os.path.join(start, entry) for entry in key if isinstance(entry, str)]
            self._prefixes = _as_prefixes([*self._fixed, *entries])
            self._key = key
        return self._prefixes

    def allows(self, path: str) -> bool:
        absolute = os.path.abspath(path) if _needs_normalising(path) else path
        probe = absolute + os.sep
        if absolute in self._files or probe.startswith(self._fixed_prefixes):
            return True
        prefixes = self._current_prefixes()
        if probe.startswith(prefixes):
            return True
        real = os.path.realpath(absolute)
        if real != absolute and (real in self._files or (real + os.sep).startswith(prefixes)):
            return True
        packages = self._package_prefixes()
        return probe.startswith(packages) or (real + os.sep).startswith(packages)

    def _package_prefixes(self) -> tuple[str, ...]:
        """The folders of the packages imported so far (for a read nothing else allows).

        An editable install made by an import hook (setuptools' default for a flat layout) puts
        no folder on ``sys.path``: its package imports, and its data must be readable as well.
        """
        modules = list(sys.modules.values())
        if len(modules) != self._package_count:
            folders = [entry for module in modules for entry in _package_folders(module)]
            self._packages = _as_prefixes(folders)
            self._package_count = len(modules)
        return self._packages

    def is_devnull(self, path: str) -> bool:
        return os.path.abspath(path) == os.path.abspath(os.devnull)


def _package_folders(module: object) -> list[str]:
    """A package's folders (its own ``__path__``, never a module ``__getattr__``'s answer)."""
    try:
        found = vars(module).get("__path__") or ()
        return [entry for entry in found if isinstance(entry, str) and os.path.isabs(entry)]
    except Exception:  # anything can sit in sys.modules
        return []
