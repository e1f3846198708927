"""How a JSON report names its suite: what every shard of one suite shares, whatever it selects."""

from __future__ import annotations

import pytest

from .suites import PLUGINS, read_report, sized_suite

pytestmark = pytest.mark.medium

REPORT = ["--test-size-report=json", "--test-size-report-file=r.json"]


def suite_of_run(pytester, run_with, *args):
    result = run_with(*PLUGINS, args=[*args, *REPORT])
    assert result.ret in (0, 5), result.stdout.str()
    return read_report(pytester.path / "r.json")["suite"]


def test_the_rootdir_s_name_and_config_file_name_the_suite_whatever_the_shard_selects(pytester, run_with):
    pytester.makepyfile(test_one=sized_suite(small=2, medium=1))
    name = pytester.path.name
    assert suite_of_run(pytester, run_with) == name  # no config file
    pytester.makepyprojecttoml("[tool.pytest.ini_options]\n")
    assert suite_of_run(pytester, run_with, "-k", "small") == f"{name}/pyproject.toml"
    assert (
        suite_of_run(pytester, run_with, "-k", "medium", "-p", "no:cacheprovider") == f"{name}/pyproject.toml"
    )
    assert suite_of_run(pytester, run_with, "test_one.py::test_small_0") == f"{name}/pyproject.toml"


def test_the_same_under_xdist(pytester, run_with):
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(test_one=sized_suite(small=2))
    result = run_with(*PLUGINS, args=["-n", "2", *REPORT], extra=["xdist"], subprocess=True)
    assert result.ret == 0
    assert read_report(pytester.path / "r.json")["suite"] == f"{pytester.path.name}/tox.ini"


def test_a_team_names_its_suite(pytester, run_with):
    pytester.makepyfile(test_one=sized_suite(small=1))
    pytester.makeini("[pytest]\ntest_categories_suite_name = backend\n")
    assert suite_of_run(pytester, run_with) == "backend"
    assert suite_of_run(pytester, run_with, "--test-size-suite-name", "  api  ") == "api"


@pytest.mark.parametrize(
    ("args", "ini", "expected"),
    [
        (
            ["--test-size-suite-name", " "],
            "",
            "--test-size-suite-name: an empty suite name; give a name, for example 'backend'",
        ),
        (
            [],
            "test_categories_suite_name =\n  one\n  two\n",
            "ini option test_categories_suite_name: 'one\\ntwo' spans several lines; give a one-line name, for example 'backend'",
        ),
    ],
)
def test_a_bad_suite_name_is_a_usage_error_at_start_up(pytester, run_with, args, ini, expected):
    pytester.makepyfile(test_one=sized_suite(small=1))
    pytester.makeini(f"[pytest]\n{ini}")
    result = run_with(*PLUGINS, args=args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert f"ERROR: {expected}" in result.stderr.lines
    assert "Traceback" not in result.stderr.str()
