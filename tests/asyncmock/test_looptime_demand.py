"""looptime's hooks stay only in runs where a collected test uses virtual time."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

REPORT_REGISTRATION = """
import sys

def pytest_sessionfinish(session):
    module = sys.modules["looptime._internal.plugin"]
    print("LOOPTIME HOOKS", session.config.pluginmanager.is_registered(module))
"""

PLAIN_ASYNC_TEST = """
import asyncio
import pytest

@pytest.mark.asyncio
async def test_plain():
    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.sleep(0.01)
    assert loop.time() - started >= 0.01
"""


def test_a_run_without_virtual_time_drops_looptime_hooks_and_async_tests_still_run(pytester, run_asyncmock):
    pytester.makeconftest(REPORT_REGISTRATION)
    pytester.makepyfile(PLAIN_ASYNC_TEST)
    result = run_asyncmock(args=["-s"])
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*LOOPTIME HOOKS False*"])


@pytest.mark.parametrize(
    "demand",
    [
        "@pytest.mark.virtual_time",
        "@pytest.mark.looptime",
        "@pytest.mark.usefixtures('virtual_time')",
    ],
)
def test_one_test_asking_for_virtual_time_keeps_looptime_for_the_run(pytester, run_asyncmock, demand):
    pytester.makeconftest(REPORT_REGISTRATION)
    pytester.makepyfile(
        PLAIN_ASYNC_TEST
        + f"""

@pytest.mark.asyncio
{demand}
async def test_an_hour():
    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.sleep(3600)
    assert loop.time() - started == 3600
"""
    )
    result = run_asyncmock(args=["-s"])
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*LOOPTIME HOOKS True*"])


ARGUMENT_FORM = """
import asyncio
import pytest

@pytest.mark.asyncio
async def test_an_hour(virtual_time):
    await asyncio.sleep(3600)
    assert virtual_time.now == 3600
"""

UNMARKED = """
import asyncio
import pytest

@pytest.mark.asyncio
async def test_an_hour():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(3600)
    assert loop.time() >= 3600
"""


@pytest.mark.parametrize(
    ("source", "args"),
    [(ARGUMENT_FORM, []), (UNMARKED, ["--looptime"])],
    ids=["virtual_time-argument", "looptime-option"],
)
def test_the_fixture_argument_or_the_looptime_option_keeps_looptime(pytester, run_asyncmock, source, args):
    pytester.makeconftest(REPORT_REGISTRATION)
    pytester.makepyfile(source)
    result = run_asyncmock(args=["-s", *args])
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*LOOPTIME HOOKS True*"])


def test_virtual_time_asked_for_only_at_run_time_says_how_to_ask_for_it(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.asyncio
        async def test_dynamic(request):
            request.getfixturevalue("virtual_time")
        """
    )
    result = run_asyncmock()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*virtual_time was asked for only while the test ran*switched off after collection*"
            "request virtual_time as an argument of the test, or mark it @pytest.mark.virtual_time*"
        ]
    )
