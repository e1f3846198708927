"""Per-test hooks that a run needs only sometimes are registered only in runs that need them.

The docs (timing, performance) promise this: a run pays per test only for what it uses.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

REPORT_PLUGINS = """
NAMES = (
    "test_categories_timing_enforcer",
    "test_categories_markers_setup_guard",
    "test_categories_asyncmock_outcome",
)

def pytest_sessionfinish(session):
    manager = session.config.pluginmanager
    print("REGISTERED", sorted(name for name in NAMES if manager.has_plugin(name)))
"""

COMPANIONS = ["asyncio", "pytest_mock", "looptime_plugin"]


def test_a_plain_run_registers_none_of_them_with_timing_off(pytester, run_with):
    pytester.makeconftest(REPORT_PLUGINS)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile("import pytest\n\n@pytest.mark.small\ndef test_fine():\n    pass\n")
    result = run_with(
        "markers", "timing", "asyncmock", args=["-s", "--test-categories-timing=off"], extra=COMPANIONS
    )
    result.assert_outcomes(passed=1)
    result.stdout.re_match_lines([r".*REGISTERED \[\]$"])


def test_each_is_registered_when_the_run_needs_it(pytester, run_with):
    pytester.makeconftest(REPORT_PLUGINS)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small(5)
        def test_misused():
            pass

        @pytest.mark.small
        def test_mocked(mock_api):
            pass
        """
    )
    result = run_with("markers", "timing", "asyncmock", args=["-s"], extra=COMPANIONS)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.re_match_lines(
        [
            r".*REGISTERED \['test_categories_asyncmock_outcome', 'test_categories_markers_setup_guard', "
            r"'test_categories_timing_enforcer'\]$"
        ]
    )
