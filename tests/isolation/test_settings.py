"""The mode: off | warn | strict, default warn, from the command line over the ini file, old names too."""

from __future__ import annotations

import pytest

from .conftest import RunIsolated, listed

pytestmark = pytest.mark.medium

SUITE = """
import time
import pytest

@pytest.mark.small
def test_naps():
    time.sleep(0.01)
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(SUITE)
    return pytester


def test_default_mode_is_warn(suite: pytest.Pytester, run_isolated: RunIsolated) -> None:
    result = run_isolated("")
    result.assert_outcomes(passed=1)
    assert listed(result) == ["test_default_mode_is_warn.py::test_naps: TC005 sleep: time.sleep(0.01)"]


@pytest.mark.parametrize(
    ("ini", "args", "outcome"),
    [
        ("test_categories_isolation = strict", [], "failed"),
        ("test_categories_isolation = STRICT", [], "failed"),
        ("test_categories_enforcement = strict", [], "failed"),
        ("", ["--test-categories-enforcement", "strict"], "failed"),
        ("test_categories_isolation = strict", ["--test-categories-isolation=warn"], "passed"),
        ("test_categories_isolation = strict", ["--test-categories-isolation=off"], "passed"),
        ("test_categories_enforcement = off", [], "passed"),
    ],
    ids=["ini", "ini-any-case", "ini-alias", "cli-alias", "cli-over-ini-warn", "cli-over-ini-off", "ini-off"],
)
def test_mode_from_ini_and_command_line(
    suite: pytest.Pytester, run_isolated: RunIsolated, ini: str, args: list[str], outcome: str
) -> None:
    suite.makeini(f"[pytest]\n{ini}\n")
    result = run_isolated("", *args)
    result.assert_outcomes(**{outcome: 1})
    if outcome == "failed":
        result.stdout.fnmatch_lines(["E   *IsolationViolationError: TC005 sleep: time.sleep(0.01)"])


def test_off_lists_nothing_and_enforces_nothing(suite: pytest.Pytester, run_isolated: RunIsolated) -> None:
    # The process's audit hook exists (the plugin asks it, at load time, whether time.sleep raises
    # its event), but with the mode off it never holds a rule: each event costs a truth test.
    suite.makepyfile(
        test_probe="""
        import sys
        import pytest

        @pytest.mark.small
        def test_nothing_enforced_in_this_process():
            gate = sys._pytest_test_categories_isolation_gate
            assert not gate.rules and gate.depth == 0
        """
    )
    result = run_isolated("off", subprocess=True)
    result.assert_outcomes(passed=2)
    assert listed(result) == []
    result.stdout.no_fnmatch_line("*isolation warnings*")


@pytest.mark.parametrize(
    ("ini", "args", "message"),
    [
        (
            "",
            ["--test-categories-isolation=loud"],
            "*--test-categories-isolation / --test-categories-enforcement: invalid value 'loud'; "
            "allowed values: off, warn, strict*",
        ),
        (
            "test_categories_isolation = sometimes",
            [],
            "*ini option test_categories_isolation: invalid value 'sometimes'; allowed values: off, warn, strict*",
        ),
        (
            "test_categories_enforcement = yes",
            [],
            "*ini option test_categories_enforcement: invalid value 'yes'; allowed values: off, warn, strict*",
        ),
        (
            "test_categories_isolation = off\ntest_categories_enforcement = strict",
            [],
            "*ini options test_categories_isolation = off and test_categories_enforcement = strict disagree "
            "(test_categories_enforcement is an older name of test_categories_isolation); keep one of them",
        ),
    ],
    ids=["cli", "ini", "ini-alias", "ini-alias-disagrees"],
)
def test_a_bad_mode_is_a_usage_error_naming_the_choices(
    suite: pytest.Pytester, run_isolated: RunIsolated, ini: str, args: list[str], message: str
) -> None:
    suite.makeini(f"[pytest]\n{ini}\n")
    result = run_isolated("", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])
    result.stdout.no_fnmatch_line("*collected*")


def test_the_options_are_documented_in_help(pytester: pytest.Pytester, run_isolated: RunIsolated) -> None:
    result = run_isolated("", "--help")
    result.stdout.fnmatch_lines(
        [
            # argparse shows the choices after each name, or from Python 3.13 on, once after both
            "*--test-categories-isolation*, --test-categories-enforcement={off,warn,strict}*",
            "*test_categories_isolation (string):*",
            "*test_categories_enforcement (string):",
            "*older name of test_categories_isolation",
        ],
        consecutive=False,
    )
