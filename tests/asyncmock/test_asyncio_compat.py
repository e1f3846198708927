"""The one private part of asyncio that virtual time relies on still behaves as it expects."""

from __future__ import annotations

import asyncio

import pytest

from pytest_test_categories_asyncmock.asyncio_compat import selector_of

pytestmark = pytest.mark.medium  # an event loop opens a socket pair to wake itself


def test_the_default_loop_waits_for_its_next_timer_in_its_selector() -> None:
    loop = asyncio.new_event_loop()
    selector = selector_of(loop)
    assert selector is not None, f"{type(loop).__name__} has no selector: virtual time cannot work"
    waits: list[float | None] = []
    real_select = selector.select

    def recording_select(timeout: float | None = None) -> list[object]:
        waits.append(timeout)
        return real_select(timeout)  # type: ignore[return-value]

    selector.select = recording_select  # type: ignore[method-assign]
    try:
        loop.run_until_complete(asyncio.sleep(0.02))
    finally:
        del selector.select
        loop.close()
    # The loop asked its selector to wait until the sleep's timer was due, and no longer.
    assert any(timeout is not None and 0 < timeout <= 0.02 for timeout in waits), waits


def test_a_loop_without_a_selector_is_told_apart() -> None:
    class Elsewhere:
        _selector = "not a selector"

    assert selector_of(Elsewhere()) is None  # type: ignore[arg-type]
