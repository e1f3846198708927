"""Tests that break the promise of their size, on purpose: the demo shows what each one gets.

Every test here fails under the full bundle in strict mode, each with its own code.
"""

import asyncio
import socket
import time

import pytest


@pytest.mark.small
async def test_waits_for_an_event_nobody_sets():
    """TC006: cancelled at the 1 s limit; the failure shows the chain of awaits."""

    async def wait_for_confirmation(event: asyncio.Event) -> None:
        await event.wait()

    await wait_for_confirmation(asyncio.Event())


@pytest.mark.small
def test_spins_for_five_seconds():
    """TC006: interrupted at the 1 s limit; the traceback points at the loop."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        pass


@pytest.mark.small(timeout=0.2)
async def test_slower_than_its_own_budget():
    """TC008: the marker's budget is stricter than the size's limit."""
    await asyncio.sleep(0.5)


@pytest.mark.small
def test_calls_a_real_server():
    """TC001: no network in small tests, not even localhost."""
    socket.create_connection(("127.0.0.1", 8080), timeout=0.5)


@pytest.mark.small
def test_sleeps_for_real():
    """TC005: time.sleep blocks the process; small tests use virtual time instead."""
    time.sleep(0.01)


@pytest.mark.small
def test_swallows_the_error():
    """TC003: catching the exception does not hide the violation."""
    import subprocess

    try:  # noqa: SIM105 - the point is a plain try/except that hides the error
        subprocess.run(["true"], check=False)
    except Exception:
        pass


@pytest.mark.small
def test_requests_an_unmocked_url(mock_api):
    """TC009: mock_api answers only the routes the test registered."""
    import httpx

    mock_api.get("https://catalog.example.com/v1/books/1").respond(json={})
    httpx.get("https://catalog.example.com/v1/books/2")
