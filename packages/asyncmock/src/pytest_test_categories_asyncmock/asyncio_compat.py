"""The one private part of asyncio that virtual time needs, in one place (PYTEST_DONT_REWRITE).

asyncio's selector event loop (the default loop on Linux and macOS, and the one pytest-asyncio
creates) waits for its next timer in ``self._selector.select(timeout)``: no public method lets a
caller see or shorten that wait. Virtual time answers that call instead of sleeping, so it needs
the loop's selector. ``tests/asyncmock/test_asyncio_compat.py`` checks that this still holds on
the running Python; a loop without it (uvloop, the Windows proactor loop) is reported by name.
"""

from __future__ import annotations

import asyncio
import selectors


def selector_of(loop: asyncio.AbstractEventLoop) -> selectors.BaseSelector | None:
    """The selector the loop waits in, or None for a loop that does not wait in one."""
    selector = getattr(loop, "_selector", None)
    return selector if isinstance(selector, selectors.BaseSelector) else None
