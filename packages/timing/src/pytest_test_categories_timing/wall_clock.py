"""The clock timing measures with, kept where time-faking libraries cannot swap it.

While time is frozen, freezegun replaces every module attribute that is the real
``time.perf_counter`` with its fake one, in every loaded module. A ``from time import
perf_counter`` here would then read frozen time: a test that only moves its fake clock forward
an hour would "take" an hour, and a hung test would never reach its limit. freezegun does not
look inside classes, so the real function is kept as a class attribute.
"""

from __future__ import annotations

import time


class Wall:
    """The wall clock, in seconds from an arbitrary start: ``Wall.now()``."""

    now = staticmethod(time.perf_counter)
