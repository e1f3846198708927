"""``time.sleep`` raises the ``time.sleep`` audit event from Python 3.12 on; give 3.11 the same.

On 3.11 the function is replaced once, when the plugin is loaded (before conftest files and test
modules are imported), by a thin wrapper that raises the event and then sleeps. It is never
restored or re-patched per test, and a test that patches ``time.sleep`` itself gets its own fake.
A name bound with ``from time import sleep`` before the plugin was loaded keeps the original
function and is not seen on 3.11; from 3.12 on, every call is seen.
"""

from __future__ import annotations

import functools
import sys
import time

_MARK = "__test_categories_audited__"


def install() -> None:
    """Make ``time.sleep`` raise its audit event on Pythons that do not (idempotent)."""
    if sys.version_info >= (3, 12) or getattr(time.sleep, _MARK, False):
        return
    original = time.sleep

    @functools.wraps(original)
    def sleep(seconds: float, /) -> None:
        __tracebackhide__ = True  # a failure or a stop shows the caller's line, as with the builtin
        sys.audit("time.sleep", seconds)
        original(seconds)

    setattr(sleep, _MARK, True)
    setattr(time, "sleep", sleep)  # noqa: B010
