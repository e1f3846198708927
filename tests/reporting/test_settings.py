"""Bad report formats, paths, targets and tolerances are usage errors before any test runs."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import TestSize
from pytest_test_categories_reporting.settings import DEFAULT_TARGETS, parse_targets, parse_tolerance

from .suites import PLUGINS, sized_suite

PYTEST_MAJOR = int(pytest.__version__.split(".")[0])

# A test that would leave a trace if it ran: the usage error must come first.
TRACE = """
import pathlib
import pytest

@pytest.mark.small
def test_leaves_a_trace():
    pathlib.Path("ran.txt").write_text("ran")
"""


def assert_usage_error(pytester: pytest.Pytester, result: pytest.RunResult, *lines: str) -> None:
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(list(lines))
    assert not (pytester.path / "ran.txt").exists()
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


@pytest.mark.medium
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--test-size-report=xml"],
            "*--test-size-report: unknown format 'xml'; allowed formats: basic, detailed, json, markdown, html*",
        ),
        (
            ["--test-size-report", "test_trace.py"],
            "*--test-size-report: unknown format 'test_trace.py'; allowed formats: basic, detailed, json, "
            "markdown, html (to run test_trace.py with the basic report, write --test-size-report=basic test_trace.py)",
        ),
        (
            ["--test-size-report-file=r.json"],
            "*--test-size-report-file 'r.json' needs --test-size-report too; "
            "allowed formats: basic, detailed, json, markdown, html*",
        ),
        (
            ["--test-size-report=json", "--test-size-report-file=missing/r.json"],
            "*--test-size-report-file 'missing/r.json': directory '*missing' does not exist; create it first*",
        ),
        (
            ["--test-size-report=json", "--test-size-report-file=."],
            "*--test-size-report-file '.': is a directory; give a file path, for example ./report.json*",
        ),
        (
            ["--test-size-report=json", "--test-size-report-file="],
            "ERROR: --test-size-report-file '': an empty path; give a file path, for example report.json",
        ),
        (
            ["--test-size-report=json", "--test-size-report-file=newdir/"],
            "ERROR: --test-size-report-file 'newdir/': directory 'newdir/' does not exist; create it first, "
            "and give a file path inside it, for example newdir/report.json",
        ),
        (
            ["--test-size-report=markdown", "--test-size-report-file=newdir/."],
            "ERROR: --test-size-report-file 'newdir/.': directory 'newdir/.' does not exist; create it first, "
            "and give a file path inside it, for example newdir/report.json",
        ),
        (
            ["--test-size-report=basic", "--test-size-report-file=test_trace.py/"],
            "ERROR: --test-size-report-file 'test_trace.py/': '*test_trace.py' is a file, not a directory",
        ),
        (
            ["--test-size-report=json", "--test-size-report-file=test_trace.py/r.json"],
            "*--test-size-report-file 'test_trace.py/r.json': '*test_trace.py' is not a directory*",
        ),
        (
            ["--test-size-report=json", "--test-size-report-file=/proc/r.json"],
            "*--test-size-report-file '/proc/r.json': cannot write in directory '/proc' (*); "
            "choose a writable location*",
        ),
        (
            ["--test-categories-distribution=loud"],
            "*--test-categories-distribution / --test-categories-distribution-enforcement: "
            "invalid value 'loud'; allowed values: off, warn, strict*",
        ),
        (
            ["--test-categories-distribution-enforcement=never"],
            "*invalid value 'never'; allowed values: off, warn, strict*",
        ),
    ],
    ids=[
        "format",
        "path-taken-as-format",
        "file-without-format",
        "missing-dir",
        "is-dir",
        "empty",
        "missing-dir-with-separator",
        "missing-dir-with-dot",
        "file-with-separator",
        "parent-is-file",
        "unwritable",
        "mode",
        "alias",
    ],
)
def test_bad_command_line_values(pytester, run_with, args, message):
    pytester.makepyfile(test_trace=TRACE)
    result = run_with(*PLUGINS, args=args)
    assert_usage_error(pytester, result, message)


@pytest.mark.medium
def test_the_option_alone_means_basic_as_in_the_earlier_plugin(pytester, run_with):
    pytester.makepyfile(test_sizes="import pytest\n\n@pytest.mark.small\ndef test_a():\n    pass\n")
    result = run_with(*PLUGINS, args=["--test-size-report"])
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*test pyramid*", "1 of 1 selected tests reported: 1 passed"])


@pytest.mark.medium
def test_an_existing_directory_with_a_separator_is_a_directory_not_a_file_name(pytester, run_with):
    pytester.makepyfile(test_trace=TRACE)
    (pytester.path / "reports").mkdir()
    result = run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=reports/"])
    assert_usage_error(
        pytester,
        result,
        "ERROR: --test-size-report-file 'reports/': is a directory; give a file path, "
        "for example reports/report.json",
    )
    assert list((pytester.path / "reports").iterdir()) == []


@pytest.mark.medium
def test_a_missing_directory_with_a_separator_is_never_written_as_a_file(pytester, run_with):
    pytester.makepyfile(test_trace=TRACE)
    result = run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=newdir/"])
    assert_usage_error(pytester, result, "*directory 'newdir/' does not exist*")
    assert not (pytester.path / "newdir").exists()


@pytest.mark.medium
@pytest.mark.parametrize(
    ("ini", "message"),
    [
        (
            "test_categories_distribution = sometimes",
            "*ini option test_categories_distribution: invalid value 'sometimes'; "
            "allowed values: off, warn, strict*",
        ),
        (
            "test_categories_distribution_enforcement = 1",
            "*ini option test_categories_distribution_enforcement: invalid value '1'*",
        ),
        (
            "test_categories_distribution_targets = small=80 tiny=20",
            "*ini option test_categories_distribution_targets: unknown size 'tiny' in 'tiny=20'; "
            "allowed sizes: small, medium, large, xlarge*",
        ),
        (
            "test_categories_distribution_targets = small=eighty medium=20",
            "*ini option test_categories_distribution_targets: 'eighty' for small is not a number*",
        ),
        (
            "test_categories_distribution_targets = small=80 medium=15",
            "*ini option test_categories_distribution_targets: the targets small=80 medium=15 add up to 95; "
            "they must add up to 100 (percent)*",
        ),
        (
            "test_categories_distribution_targets = small=110 medium=-10",
            "*test_categories_distribution_targets: '-10' for medium is not allowed; "
            "use a finite number zero or more*",
        ),
        (
            "test_categories_distribution_tolerance = lots",
            "*ini option test_categories_distribution_tolerance: 'lots' is not a number; "
            "use percentage points from 0 to 100, for example 5*",
        ),
        (
            "test_categories_distribution_tolerance = 150",
            "*ini option test_categories_distribution_tolerance: '150' is out of range*",
        ),
    ],
    ids=[
        "mode",
        "mode-alias",
        "unknown-size",
        "not-a-number",
        "sum",
        "negative",
        "tolerance",
        "tolerance-range",
    ],
)
def test_bad_ini_values(pytester, run_with, ini, message):
    pytester.makepyfile(test_trace=TRACE)
    pytester.makeini(f"[pytest]\n{ini}\n")
    result = run_with(*PLUGINS)
    assert_usage_error(pytester, result, message)


@pytest.mark.medium
@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "[tool.pytest.ini_options]\n"
            'test_categories_distribution_targets = ["small=80", "medium=15", "large=5"]\n',
            "ERROR: ini option test_categories_distribution_targets: expected one string, for example "
            "'small=80 medium=15 large=5', got a list: ['small=80', 'medium=15', 'large=5']",
        ),
        (
            '[tool.pytest]\ntest_categories_distribution_targets = ["small=80", "medium=15", "large=5"]\n',
            "ERROR: *pyproject.toml: config option 'test_categories_distribution_targets' expects a string, "
            "got list: [[]'small=80', 'medium=15', 'large=5'[]]; write it as one string, for example "
            "'small=80 medium=15 large=5'",
        ),
        (
            "[tool.pytest.ini_options]\ntest_categories_distribution_tolerance = [5]\n",
            "ERROR: ini option test_categories_distribution_tolerance: expected one string, for example '5', "
            "got a list: [[]5[]]",
        ),
        (
            "[tool.pytest]\ntest_categories_distribution_tolerance = 5\n",
            "ERROR: *pyproject.toml: config option 'test_categories_distribution_tolerance' expects a string, "
            "got int: 5; write it as one string, for example '5'",
        ),
    ],
    ids=["targets-list", "targets-list-native", "tolerance-list", "tolerance-number-native"],
)
def test_a_toml_list_or_number_where_a_string_is_expected_is_a_clear_usage_error(
    pytester, run_with, toml, message
):
    if toml.startswith("[tool.pytest]") and PYTEST_MAJOR < 9:
        pytest.skip("the native [tool.pytest] table is pytest 9's; pytest 8 reads only ini_options")
    pytester.makepyfile(test_trace=TRACE)
    pytester.makepyprojecttoml(toml)
    result = run_with(*PLUGINS, args=["--test-size-report=basic"])
    assert_usage_error(pytester, result, message)
    output = result.stdout.str() + result.stderr.str()
    assert "Warning" not in output  # no deprecation warning from pytest about our option
    assert "unknown size" not in output


@pytest.mark.medium
@pytest.mark.parametrize("table", ["[tool.pytest.ini_options]", "[tool.pytest]"])
def test_targets_and_tolerance_as_strings_work_in_either_toml_table(pytester, run_with, table):
    if table == "[tool.pytest]" and PYTEST_MAJOR < 9:
        pytest.skip("the native [tool.pytest] table is pytest 9's; pytest 8 reads only ini_options")
    pytester.makepyfile(test_sizes=sized_suite(small=12, medium=8))
    pytester.makepyprojecttoml(
        f'{table}\ntest_categories_distribution_targets = "small=60 medium=40"\n'
        'test_categories_distribution_tolerance = "0"\n'
    )
    result = run_with(*PLUGINS, args=["-W", "error", "--test-categories-distribution=strict"])
    result.assert_outcomes(passed=20)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["distribution check: strict; 20 sized tests; every share within its target"])


@pytest.mark.medium
def test_ini_aliases_and_command_line_over_ini(pytester, run_with):
    pytester.makepyfile(test_sizes=sized_suite(small=20, medium=20))
    pytester.makeini("[pytest]\ntest_categories_distribution_enforcement = strict\n")
    strict = run_with(*PLUGINS)
    assert strict.ret == pytest.ExitCode.TESTS_FAILED
    strict.stdout.fnmatch_lines(["*TC007 test distribution*"])
    relaxed = run_with(*PLUGINS, args=["--test-categories-distribution=warn"])
    assert relaxed.ret == pytest.ExitCode.OK
    relaxed.stdout.fnmatch_lines(["*TC007 test distribution*", "*distribution check is warn*"])


@pytest.mark.small
def test_targets_parse_with_defaults_and_zero_for_sizes_left_out():
    assert parse_targets("") == DEFAULT_TARGETS
    assert parse_targets("small=60, medium=40") == {TestSize.SMALL: 60.0, TestSize.MEDIUM: 40.0}
    assert parse_targets("xlarge=10 small=70 medium=15 large=5") == {
        TestSize.SMALL: 70.0, TestSize.MEDIUM: 15.0, TestSize.LARGE: 5.0, TestSize.XLARGE: 10.0,
    }  # fmt: skip
    assert parse_targets("small=33.3 medium=33.3 large=33.4")[TestSize.LARGE] == 33.4


@pytest.mark.small
def test_tolerance_parses_numbers_from_zero_to_one_hundred():
    assert parse_tolerance("") == 5.0
    assert parse_tolerance(" 2.5 ") == 2.5
    assert parse_tolerance("0") == 0.0
    for bad in ("-1", "nan", "inf", "101"):
        with pytest.raises(pytest.UsageError, match="test_categories_distribution_tolerance"):
            parse_tolerance(bad)
