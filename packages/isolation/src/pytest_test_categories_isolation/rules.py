"""What each size forbids, as rules over audit events.

A rule receives the event's arguments and the session's ``ReadablePaths`` and returns a finding
(code, what was attempted) or None. Rules run only for the events their size watches, while a
test of that size runs; everything else never reaches them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from pytest_test_categories_core import TestSize
from pytest_test_categories_isolation.addresses import (
    DATABASE_PORTS,
    database_socket,
    host_and_port,
    is_numeric,
    is_this_machine,
    show,
    text_of,
)
from pytest_test_categories_isolation.callers import (
    inside_socketpair,
    on_behalf_of_the_test_machinery,
    spawned_by_os,
    started_by_subprocess,
)
from pytest_test_categories_isolation.codes import DATABASE, FILESYSTEM, NETWORK, SLEEP, SUBPROCESS
from pytest_test_categories_isolation.gate import NO_RULES, Finding, Rule, Rules
from pytest_test_categories_isolation.readable_paths import ReadablePaths

Args = tuple[Any, ...]

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_MEMORY_DATABASES = frozenset({"", ":memory:"})
_LONGEST = 200


def _shorten(text: str) -> str:
    return text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."


def _command(args: object) -> str:
    if isinstance(args, str | bytes | os.PathLike):
        return _shorten(text_of(args))
    if isinstance(args, Sequence):
        return _shorten(" ".join(text_of(arg) for arg in args))
    return _shorten(repr(args))


# -- network ---------------------------------------------------------------------------------


def _contact(verb: str, address: object, *, local_allowed: bool) -> Finding | None:
    if isinstance(address, str | bytes):  # a Unix socket: a path, or an abstract name
        if local_allowed:
            return None
        path = text_of(address).replace("\x00", "@")
        database = database_socket(path)
        if database is not None:
            return DATABASE, f"{verb} the {database} socket {path}"
        return NETWORK, f"{verb} the Unix socket {path}"
    found = host_and_port(address)
    if found is None:  # netlink and other kinds of socket never leave the machine
        return None if local_allowed else (NETWORK, f"{verb} {address!r}")
    host, port = found
    if local_allowed and is_this_machine(host):
        return None
    database = DATABASE_PORTS.get(port)
    if database is not None:
        return DATABASE, f"{verb} {database} at {show(host, port)}"
    return NETWORK, f"{verb} {show(host, port)}"


def small_connect(args: Args, paths: ReadablePaths) -> Finding | None:
    if inside_socketpair():
        return None
    return _contact("connect to", args[1], local_allowed=False)


def medium_connect(args: Args, paths: ReadablePaths) -> Finding | None:
    return _contact("connect to", args[1], local_allowed=True)


def small_bind(args: Args, paths: ReadablePaths) -> Finding | None:
    if inside_socketpair():
        return None
    return _contact("bind a socket to", args[1], local_allowed=False)


def small_send(args: Args, paths: ReadablePaths) -> Finding | None:
    address = args[1]
    if address is None:  # sendmsg on a connected socket: the connect was the contact
        return None
    return _contact("send a datagram to", address, local_allowed=False)


def medium_send(args: Args, paths: ReadablePaths) -> Finding | None:
    address = args[1]
    if address is None:
        return None
    return _contact("send a datagram to", address, local_allowed=True)


def small_lookup(args: Args, paths: ReadablePaths) -> Finding | None:
    host = args[0]
    if is_numeric(host):  # no lookup happens; the connect that follows is what is judged
        return None
    return NETWORK, f"DNS lookup of {text_of(host)!r}"


def medium_lookup(args: Args, paths: ReadablePaths) -> Finding | None:
    host = args[0]
    if is_numeric(host) or is_this_machine(host):
        return None
    return NETWORK, f"DNS lookup of {text_of(host)!r}"


def small_reverse_lookup(args: Args, paths: ReadablePaths) -> Finding | None:
    target = args[0]
    found = host_and_port(target)
    shown = show(*found) if found is not None else text_of(target)
    return NETWORK, f"reverse DNS lookup of {shown}"


def medium_reverse_lookup(args: Args, paths: ReadablePaths) -> Finding | None:
    target = args[0]
    found = host_and_port(target)
    if is_this_machine(found[0] if found is not None else target):
        return None
    return small_reverse_lookup(args, paths)


# -- subprocesses ----------------------------------------------------------------------------


def popen(args: Args, paths: ReadablePaths) -> Finding | None:
    return SUBPROCESS, f"start a subprocess: {_command(args[1] if args[1] is not None else args[0])}"


def system(args: Args, paths: ReadablePaths) -> Finding | None:
    return SUBPROCESS, f"run a shell command: {_command(args[0])}"


def exec_(args: Args, paths: ReadablePaths) -> Finding | None:
    return SUBPROCESS, f"replace the process with: {_command(args[1] or args[0])}"


def spawn(args: Args, paths: ReadablePaths) -> Finding | None:
    # os.spawn*: (mode, path, args, env)
    return SUBPROCESS, f"spawn a process: {_command(args[2] or args[1])}"


def posix_spawn(args: Args, paths: ReadablePaths) -> Finding | None:
    # os.posix_spawn / os.posix_spawnp: (path, argv, env)
    if started_by_subprocess():  # one start, one violation: the subprocess.Popen event was it
        return None
    return SUBPROCESS, f"spawn a process: {_command(args[1] or args[0])}"


def fork(args: Args, paths: ReadablePaths) -> Finding | None:
    spawned = spawned_by_os()
    if spawned is not None:  # os.spawn* on POSIX is fork + exec, written in Python
        return SUBPROCESS, f"spawn a process: {_command(spawned)}"
    return SUBPROCESS, "fork the test process"


def startfile(args: Args, paths: ReadablePaths) -> Finding | None:
    return SUBPROCESS, f"open {text_of(args[0])} with its application"


# -- databases and time ----------------------------------------------------------------------


def sqlite_connect(args: Args, paths: ReadablePaths) -> Finding | None:
    database = text_of(args[0])
    if database in _MEMORY_DATABASES or (database.startswith("file:") and "mode=memory" in database):
        return None
    if database.startswith("file::memory:"):
        return None
    return DATABASE, f"open the SQLite database file {database}"


def sleep(args: Args, paths: ReadablePaths) -> Finding | None:
    seconds = args[0]
    if isinstance(seconds, int | float) and seconds <= 0:  # sleep(0) only yields the GIL
        return None
    return SLEEP, f"time.sleep({seconds!r})"


# -- filesystem ------------------------------------------------------------------------------


def _shown(name: str) -> str:
    """The path as the message shows it: absolute, so a test that changed folder is still clear."""
    return name if os.path.isabs(name) else os.path.abspath(name)


def open_file(args: Args, paths: ReadablePaths) -> Finding | None:
    path, flags = args[0], args[2]
    if isinstance(path, int):  # wraps a descriptor that is already open
        return None
    name = text_of(path)
    if isinstance(flags, int) and flags & _WRITE_FLAGS:
        if paths.is_devnull(name) or on_behalf_of_the_test_machinery():
            return None
        if os.path.isdir(name):  # O_TMPFILE: tempfile.TemporaryFile on Linux
            return FILESYSTEM, f"create a temporary file in {_shown(name)}"
        return FILESYSTEM, f"open {_shown(name)} for writing"
    if paths.allows(name) or on_behalf_of_the_test_machinery():
        return None
    return FILESYSTEM, f"read {_shown(name)}"


def list_directory(args: Args, paths: ReadablePaths) -> Finding | None:
    path = args[0]
    if isinstance(path, int):
        return None
    name = "." if path is None else text_of(path)
    if paths.allows(name) or on_behalf_of_the_test_machinery():
        return None
    return FILESYSTEM, f"list the directory {os.path.abspath(name)}"


def _change(what: str, *, joined_by: str = "", target_as_given: bool = False) -> Rule:
    """A rule for an event that changes the filesystem; ``joined_by`` names a second path.

    ``target_as_given``: the first path is shown as written (a symlink's target is relative to
    the link, not to the current folder).
    """

    def rule(args: Args, paths: ReadablePaths) -> Finding | None:
        path = args[0]
        if isinstance(path, int) or on_behalf_of_the_test_machinery():
            return None
        name = text_of(path) if target_as_given else _shown(text_of(path))
        if joined_by:
            name = f"{name}{joined_by}{_shown(text_of(args[1]))}"
        return FILESYSTEM, f"{what} {name}"

    rule.__name__ = rule.__qualname__ = what.replace(" ", "_")
    return rule


def touch(args: Args, paths: ReadablePaths) -> Finding | None:
    path = args[0]
    if isinstance(path, int) or on_behalf_of_the_test_machinery():
        return None
    name = _shown(text_of(path))
    if not os.path.exists(name):
        # It fails and changes nothing. (Path.touch() tries os.utime first, then creates the
        # file with os.open: that one is the violation, so one touch is one violation.)
        return None
    return FILESYSTEM, f"change the timestamps of {name}"


# -- tables by size --------------------------------------------------------------------------

_SUBPROCESS_RULES: dict[str, Rule] = {
    "subprocess.Popen": popen,
    "os.system": system,
    "os.exec": exec_,
    "os.spawn": spawn,
    "os.posix_spawn": posix_spawn,
    "os.fork": fork,
    "os.forkpty": fork,
    "os.startfile": startfile,
}

_FILESYSTEM_RULES: dict[str, Rule] = {
    "open": open_file,
    "os.listdir": list_directory,
    "os.scandir": list_directory,
    "os.mkdir": _change("create the directory"),
    "os.rmdir": _change("remove the directory"),
    "os.remove": _change("remove"),
    "os.rename": _change("rename", joined_by=" to "),
    "os.link": _change("hard-link", joined_by=" as "),
    "os.symlink": _change("create a symlink to", joined_by=" at ", target_as_given=True),
    "os.truncate": _change("truncate"),
    "os.chmod": _change("change the permissions of"),
    "os.chown": _change("change the owner of"),
    "os.utime": touch,
    "os.chflags": _change("change the flags of"),
    "os.lchflags": _change("change the flags of"),
    "os.setxattr": _change("set an extended attribute on"),
    "os.removexattr": _change("remove an extended attribute from"),
}

SMALL_RULES: Rules = {
    "socket.connect": small_connect,
    "socket.bind": small_bind,
    "socket.sendto": small_send,
    "socket.sendmsg": small_send,
    "socket.getaddrinfo": small_lookup,
    "socket.gethostbyname": small_lookup,
    "socket.gethostbyname_ex": small_lookup,
    "socket.gethostbyaddr": small_reverse_lookup,
    "socket.getnameinfo": small_reverse_lookup,
    **_SUBPROCESS_RULES,
    **_FILESYSTEM_RULES,
    "sqlite3.connect": sqlite_connect,
    "time.sleep": sleep,
}

MEDIUM_RULES: Rules = {
    "socket.connect": medium_connect,
    "socket.sendto": medium_send,
    "socket.sendmsg": medium_send,
    "socket.getaddrinfo": medium_lookup,
    "socket.gethostbyname": medium_lookup,
    "socket.gethostbyname_ex": medium_lookup,
    "socket.gethostbyaddr": medium_reverse_lookup,
    "socket.getnameinfo": medium_reverse_lookup,
}

_SMALL = TestSize.SMALL
_MEDIUM = TestSize.MEDIUM


def rules_for(size: TestSize | None) -> Rules:
    """The rules a test of ``size`` runs under; large, xlarge and unsized tests run under none."""
    # two identity tests, cheaper than a dict lookup even with TestSize hashed by identity (see
    # core.sizes): this runs once per test
    if size is _SMALL:
        return SMALL_RULES
    if size is _MEDIUM:
        return MEDIUM_RULES
    return NO_RULES
