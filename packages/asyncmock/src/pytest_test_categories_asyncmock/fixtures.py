"""The three fixtures. They work from the plugin or imported into a conftest on their own.

Importing this module imports no other pytest plugin and none of the libraries the fixtures build
on (httpx, respx, pytest-mock, pytest-asyncio): each fixture imports what it needs when a test
first uses it, so a conftest that imports the fixtures does not load those plugins' modules before
pytest does (PYTEST_DONT_REWRITE: nothing here is asserted).

Every problem found while setting one up (a bad marker argument, a missing companion plugin) is
reported by ``fail_misuse``: that test errors with the message (even when marked ``xfail``), the
others run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from pytest_test_categories_asyncmock import virtual_clock
from pytest_test_categories_asyncmock.marks import MarkerError, api_settings, check_virtual_time_marks
from pytest_test_categories_asyncmock.mock_api_outcome import ROUTER_KEY, ensure_outcome_guard, fail_misuse
from pytest_test_categories_core import add_layer

if TYPE_CHECKING:
    from pytest_test_categories_asyncmock.mocks import AsyncMocker
    from pytest_test_categories_asyncmock.routing import ApiRouter


@pytest.fixture
def mock_api(request: pytest.FixtureRequest) -> Iterator[ApiRouter]:
    """A respx router active for this test, for sync and async httpx clients.

    Register routes with ``mock_api.get(url).respond(...)``. A request no route matches fails the
    test, naming its method, URL and the registered routes. Configure it with
    ``@pytest.mark.mock_api(base_url=None, assert_all_called=True, assert_all_mocked=True)``.
    """
    item = request.node
    try:
        settings = api_settings(item)
    except MarkerError as error:
        problem: str | None = str(error)
    else:
        problem = None
    if problem is not None:
        fail_misuse(request, problem)
    from pytest_test_categories_asyncmock.routing import ApiRouter

    ensure_outcome_guard(request.config.pluginmanager)
    router = ApiRouter(settings=settings, item=item)
    item.stash[ROUTER_KEY] = router
    try:
        with router:
            yield router
            # Here every fixture that used the router is torn down: judge what they left.
            problems = router.problems_after_teardown()
            if problems is not None:
                pytest.fail(problems, pytrace=False)
    finally:
        del item.stash[ROUTER_KEY]


@pytest.fixture
def async_mocker(request: pytest.FixtureRequest) -> AsyncMocker:
    """AsyncMock helpers on pytest-mock's ``mocker``: ``.mock()``, ``.patch()``,
    ``.context_manager()``, ``.iterator()``; every patch is undone after the test."""
    try:
        mocker = request.getfixturevalue("mocker")
    except pytest.FixtureLookupError:
        mocker = None
    if mocker is None:
        fail_misuse(
            request,
            "async_mocker is built on pytest-mock's `mocker` fixture, which is not available: "
            "pytest-mock's plugin is not loaded (with plugin autoload off, pass -p pytest_mock)",
        )
    from pytest_test_categories_asyncmock.mocks import AsyncMocker

    return AsyncMocker(mocker)


@pytest.fixture
def virtual_time(request: pytest.FixtureRequest) -> Iterator[virtual_clock.VirtualClock]:
    """Run this asyncio test on a virtual clock: ``asyncio.sleep``, ``wait_for``,
    ``asyncio.timeout`` and ``call_later`` complete at once when the loop would idle.
    ``virtual_time.now`` is the clock's reading."""
    item = request.node
    problem: str | None
    if os.environ.get("PYTEST_CURRENT_TEST", "").endswith("(call)"):
        # request.getfixturevalue() in the test body: its loop already runs on real time
        problem = (
            "virtual_time was requested while the test was already running "
            "(request.getfixturevalue): its event loop already runs on real time. Ask for "
            "virtual_time as an argument, or mark the test @pytest.mark.virtual_time"
        )
    else:
        try:
            check_virtual_time_marks(item)
        except MarkerError as error:
            problem = str(error)
        else:
            problem = virtual_clock.virtual_time_problem(item)
    if problem is not None:
        fail_misuse(request, problem)
    # Core's pipeline runs this test's function on virtual time (the layer is added on the first
    # use of the fixture in a run, and does nothing for tests without it).
    add_layer(request.config, "virtual_time", virtual_clock.virtual_time_layer)
    item.stash[virtual_clock.ON_VIRTUAL_TIME] = True
    try:
        yield virtual_clock.VirtualClock()
    finally:
        del item.stash[virtual_clock.ON_VIRTUAL_TIME]
