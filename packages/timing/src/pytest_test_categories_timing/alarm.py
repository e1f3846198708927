"""A real-time alarm (SIGALRM) for the test running on the main thread, nesting-safe.

Arming saves whatever was there before (handler and remaining time of an outer timer, such as
an outer test's when pytest runs pytest in-process) and disarming puts it back, minus the time
spent inside. While armed, an outer timer is suspended: it can never fire inside the inner
test, and the inner alarm can never fire after it is disarmed.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from pytest_test_categories_timing.compat import raw_signal
from pytest_test_categories_timing.wall_clock import Wall

Handler = Callable[[int, FrameType | None], Any]

AVAILABLE = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")
_MAIN_THREAD = threading.main_thread().ident
# An outer timer that came due while suspended fires right after it is restored.
_SOON = 1e-4

# The C functions behind the ``signal`` module (private: see compat.py): this runs twice per test.
_raw: Any = raw_signal(AVAILABLE)
if AVAILABLE:
    _ALARM = int(signal.SIGALRM)
    _REAL = int(signal.ITIMER_REAL)


@dataclass(slots=True)
class Saved:
    """The alarm state found when arming, to restore when disarming."""

    handler: Handler | int
    delay: float
    interval: float
    at: float


def usable() -> bool:
    """Signals are handled on the main thread only, and only where the platform has SIGALRM."""
    return AVAILABLE and threading.get_ident() == _MAIN_THREAD


def arm(seconds: float, handler: Handler) -> Saved | None:
    """Call ``handler`` in ``seconds`` on the main thread; None if the current handler is not ours to swap.

    Swapping the handler first delivers an outer alarm already pending to the outer handler
    (``signal.signal`` runs pending handlers before it swaps); swapping the timer then returns
    the outer timer's remaining time in the same call.
    """
    previous = _raw.getsignal(_ALARM)
    if previous is None:  # installed outside Python: we could not put it back
        return None
    _raw.signal(_ALARM, handler)
    delay, interval = _raw.setitimer(_REAL, seconds)
    return Saved(previous, delay, interval, Wall.now())


EARLY = 5e-4
"""An alarm this much before its deadline is early (timer granularity): it waits for the rest."""


def due(deadline: float) -> float | None:
    """From inside the handler: the time now if ``deadline`` has come; None if the alarm came
    early (it is rearmed for the rest)."""
    now = Wall.now()
    if now < deadline - EARLY:
        _raw.setitimer(_REAL, deadline - now)
        return None
    return now


def rearm(seconds: float) -> None:
    """From inside the handler: fire again in ``seconds``."""
    _raw.setitimer(_REAL, seconds)


def is_installed(handler: Handler) -> bool:
    """Whether ``handler`` (the very object given to ``arm``) is the SIGALRM handler now: no one
    armed an alarm of their own since, nor set a handler of their own."""
    return _raw.getsignal(_ALARM) is handler


def disarm(saved: Saved) -> None:
    """Stop the alarm and restore what was there, with the outer timer's remaining time.

    Call it after the handler has been told to ignore further calls: restoring the handler first
    delivers any alarm still pending to it.
    """
    _raw.setitimer(_REAL, 0)
    _raw.signal(_ALARM, saved.handler)
    if saved.delay > 0:
        remaining = saved.delay - (Wall.now() - saved.at)
        _raw.setitimer(_REAL, max(remaining, _SOON), saved.interval)
