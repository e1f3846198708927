"""Fixtures are on the clock: a test's own on its limit, wider ones on the fixture limit.

Each hang here held the whole run before fixtures were covered: the run would take HUNG_FOR.
"""

from __future__ import annotations

import time

import pytest

from .limits import AUTO, HUNG_FOR, LIMITS

pytestmark = pytest.mark.medium

NEXT_TEST = """
@pytest.mark.small
async def test_next():
    await asyncio.sleep(0)
    assert asyncio.current_task().cancelling() == 0
"""

FUNCTION_FIXTURES = {
    "async-set-up": """
@pytest.fixture
async def connection():
    await asyncio.Event().wait()  # the server never answers
    yield
""",
    "async-teardown": """
@pytest.fixture
async def connection():
    yield
    await asyncio.Event().wait()  # closing never completes
""",
    "sync-set-up": """
@pytest.fixture
def connection():
    while True:  # polls for a server that never comes up
        pass
    yield
""",
    "sync-teardown": """
@pytest.fixture
def connection():
    yield
    while True:  # waits for a flush that never ends
        pass
""",
}

# (phase, stop verb, what it was doing, where it was stuck)
EXPECTED = {
    "async-set-up": (
        "set-up",
        "cancelled",
        "awaiting",
        "connection (test_hang.py:6) -> Event.wait (asyncio/locks.py:*)",
    ),
    "async-teardown": (
        "teardown",
        "cancelled",
        "awaiting",
        "connection (test_hang.py:7) -> Event.wait (asyncio/locks.py:*)",
    ),
    "sync-set-up": ("set-up", "stopped", "running", "connection (test_hang.py:6)"),
    "sync-teardown": ("teardown", "stopped", "running", "connection (test_hang.py:7)"),
}


@pytest.mark.parametrize("shape", list(FUNCTION_FIXTURES))
def test_a_hung_function_scoped_fixture_is_stopped_on_the_tests_clock(pytester, run_with, shape):
    pytester.makepyfile(
        test_hang="import asyncio\nimport pytest\n"
        + FUNCTION_FIXTURES[shape]
        + """
@pytest.mark.small
async def test_uses_it(connection):
    pass
"""
        + NEXT_TEST
    )
    started = time.perf_counter()
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO], extra=["asyncio"])
    assert time.perf_counter() - started < HUNG_FOR
    phase, verb, doing, where = EXPECTED[shape]
    passed = 2 if phase == "teardown" else 1  # a test whose teardown fails has passed its call
    result.assert_outcomes(passed=passed, errors=1)
    result.stdout.fnmatch_lines(
        [
            f"*ERROR at {'setup' if phase == 'set-up' else 'teardown'} of test_uses_it*",
            f"E*TimeLimitExceeded: TC006 time limit exceeded: {verb} in the {phase} of fixture 'connection' "
            f"at the small limit of 0.2 s (after 0.2* s) while {doing} {where}*",
            "E*| Test: test_hang.py::test_uses_it ?small?",
        ]
    )


def test_a_budget_covers_the_fixtures_too(pytester, run_with):
    pytester.makepyfile(
        test_budget="""
import asyncio
import pytest

@pytest.fixture
async def cache():
    await asyncio.sleep(60)
    yield

@pytest.mark.small(timeout=0.15)
async def test_cached(cache):
    pass
"""
    )
    result = run_with("markers", "timing", args=[*LIMITS, *AUTO], extra=["asyncio"])
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "E*TC008 time budget exceeded: cancelled in the set-up of fixture 'cache' at its budget of 0.15 s "
            "(@pytest.mark.small(timeout=0.15)) (after 0.1* s) while awaiting cache (test_budget.py:6) -> sleep*"
        ]
    )


SET_UP_AND_BODY = """
import time
import pytest

@pytest.fixture
def prepared():
    time.sleep({fixture})
    yield
    time.sleep({teardown})

@pytest.mark.small
def test_work(prepared):
    time.sleep({body})
"""


def test_set_up_teardown_and_call_within_the_limit_together_pass(pytester, run_with):
    pytester.makepyfile(test_quick=SET_UP_AND_BODY.format(fixture=0.03, body=0.03, teardown=0.03))
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(passed=1)


def test_set_up_and_call_over_the_limit_together_fail_in_the_call(pytester, run_with):
    # each part alone is within the 0.2 s limit; on one clock the call runs out of it
    pytester.makepyfile(test_slow=SET_UP_AND_BODY.format(fixture=0.15, body=0.15, teardown=0))
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TC006 time limit exceeded: stopped at the small limit of 0.2 s (after 0.2* s) while running test_work*"
        ]
    )


MODULE_FIXTURE = """
import asyncio
import time
import pytest

@pytest.fixture(scope="module")
def server():
    while True:  # waits for a port that never opens
        time.sleep(0.01)
    yield

@pytest.mark.small
def test_first(server):
    pass

@pytest.mark.small
def test_second(server):
    pass

@pytest.mark.small
def test_without_it():
    pass
"""


def test_a_hung_module_fixture_is_stopped_at_the_fixture_limit_and_errors_each_test_needing_it(
    pytester, run_with
):
    pytester.makepyfile(test_module_hang=MODULE_FIXTURE)
    pytester.makeini("[pytest]\ntest_categories_fixture_limit = 2\n")
    started = time.perf_counter()
    result = run_with("markers", "timing", args=LIMITS)
    elapsed = time.perf_counter() - started
    assert 2 <= elapsed < 2 + HUNG_FOR / 3
    result.assert_outcomes(passed=1, errors=2)
    stop = (
        "E*TimeLimitExceeded: TC006 time limit exceeded: stopped in the set-up of module-scoped fixture 'server' "
        "at the fixture limit of 2 s (test_categories_fixture_limit) (after 2.0* s) "
        "while running server (test_module_hang.py:*)*"
    )
    result.stdout.fnmatch_lines(
        ["*ERROR at setup of test_first*", stop, "*ERROR at setup of test_second*", stop]
    )
    result.stdout.fnmatch_lines(
        ["E*How to fix: make the fixture's set-up faster*raise test_categories_fixture_limit*"]
    )
    # the fixture's time is not the small tests' time: no "small limit" stop
    result.stdout.no_fnmatch_line("*small limit*")


WIDE_FIXTURES = {
    "class-async-set-up": (
        """
class TestGroup:
    @pytest_asyncio.fixture(scope="class", loop_scope="class")
    async def resource(self):
        await asyncio.Event().wait()
        yield

    @pytest.mark.small
    @pytest.mark.asyncio(loop_scope="class")
    async def test_uses_it(self, resource):
        pass
""",
        "cancelled in the set-up of class-scoped fixture 'resource'",
        "while awaiting TestGroup.resource (test_wide.py:*) -> Event.wait*",
        1,
    ),
    "module-async-teardown": (
        """
@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def resource():
    yield
    await asyncio.Event().wait()

@pytest.mark.small
@pytest.mark.asyncio(loop_scope="module")
async def test_uses_it(resource):
    pass
""",
        "cancelled in the teardown of module-scoped fixture 'resource'",
        "while awaiting resource (test_wide.py:*) -> Event.wait*",
        2,
    ),
    "session-sync-teardown": (
        """
@pytest.fixture(scope="session")
def resource():
    yield
    while True:
        pass

@pytest.mark.small
def test_uses_it(resource):
    pass
""",
        "stopped in the teardown of session-scoped fixture 'resource'",
        "while running resource (test_wide.py:*)",
        2,
    ),
}


@pytest.mark.parametrize("shape", list(WIDE_FIXTURES))
def test_wider_fixtures_are_stopped_at_the_fixture_limit_from_the_command_line(pytester, run_with, shape):
    code, stopped, where, passed = WIDE_FIXTURES[shape]
    pytester.makepyfile(test_wide="import asyncio\nimport pytest\nimport pytest_asyncio\n" + code)
    pytester.makepyfile(test_zlast="import pytest\n\n@pytest.mark.small\ndef test_last():\n    pass\n")
    started = time.perf_counter()
    result = run_with(
        "markers", "timing", args=[*LIMITS, *AUTO, "--test-categories-fixture-limit=0.5"], extra=["asyncio"]
    )
    assert time.perf_counter() - started < HUNG_FOR
    result.stdout.fnmatch_lines(
        [
            f"E*TC006 time limit exceeded: {stopped} at the fixture limit of 0.5 s (test_categories_fixture_limit) "
            f"(after 0.5* s) {where}"
        ]
    )
    result.assert_outcomes(passed=passed, errors=1)  # the test after it runs, and passes


def test_a_slow_wider_fixture_is_not_the_tests_time(pytester, run_with):
    pytester.makepyfile(
        test_shared="""
import time
import pytest

@pytest.fixture(scope="module")
def warehouse():
    time.sleep(0.3)  # longer than a small test may take, but shared by the module
    yield
    time.sleep(0.3)

@pytest.mark.small
def test_stock(warehouse):
    pass
"""
    )
    result = run_with("markers", "timing", args=LIMITS)
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("args", "source", "value"),
    [
        (["--test-categories-fixture-limit", "soon"], "--test-categories-fixture-limit", "soon"),
        (["--test-categories-fixture-limit=0"], "--test-categories-fixture-limit", "0"),
        (["-o", "test_categories_fixture_limit=-5"], "ini option test_categories_fixture_limit", "-5"),
        (["-o", "test_categories_fixture_limit=inf"], "ini option test_categories_fixture_limit", "inf"),
    ],
    ids=["not-a-number", "zero", "negative", "infinite"],
)
def test_a_bad_fixture_limit_is_a_usage_error(pytester, run_with, args, source, value):
    pytester.makepyfile(test_any="def test_any():\n    pass\n")
    result = run_with("markers", "timing", args=args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [f"*{source}: invalid value '{value}'; allowed values: a positive number of seconds, for example 60"]
    )
    assert "Traceback" not in result.stderr.str()


def test_warn_mode_reports_a_slow_set_up_when_it_ends(pytester, run_with):
    pytester.makepyfile(
        test_warn="""
import time
import pytest

@pytest.fixture
def slow_start():
    time.sleep(0.3)
    yield

@pytest.fixture(scope="module")
def slow_module():
    time.sleep(0.3)
    yield

@pytest.mark.small
def test_slow_fixture(slow_start):
    pass

@pytest.mark.small
def test_slow_module(slow_module):
    pass
"""
    )
    result = run_with(
        "markers",
        "timing",
        args=[*LIMITS, "--test-categories-timing=warn", "--test-categories-fixture-limit=0.2"],
    )
    result.assert_outcomes(passed=2, warnings=2)
    result.stdout.fnmatch_lines(
        [
            # on the test's clock, judged when the call ends
            "*TimeLimitWarning: TC006 time limit exceeded: took 0.3* s, over the small limit of 0.2 s*",
            "*TimeLimitWarning: TC006 time limit exceeded: its set-up took 0.3* s, over the fixture limit of "
            "0.2 s (test_categories_fixture_limit)*",
        ]
    )
