"""Unsized tests: the policy, the default size and path rules."""

from __future__ import annotations

import textwrap

import pytest

pytestmark = pytest.mark.medium

UNSIZED = """
import pytest

def test_one(): pass
def test_two(): pass
def test_three(): pass
def test_four(): pass

@pytest.mark.small
def test_sized(): pass
"""


NOTICE_LINE = (
    "test sizes: 4 tests have no size marker: {name}.py::test_one, {name}.py::test_two, "
    "{name}.py::test_three and 1 more. Mark them with @pytest.mark.small/medium/large/xlarge, or give "
    "unmarked tests a size with test_categories_default_size or test_categories_size_paths "
    "(test_categories_unsized = ignore hides this line)."
)


@pytest.mark.parametrize(
    "errors", [[], ["-W", "error"], ["-o", "filterwarnings=error"]], ids=["plain", "-W", "ini"]
)
def test_notice_is_the_default_and_changes_no_outcome_even_where_warnings_are_errors(
    pytester, run_with, errors
):
    pytester.makepyfile(test_suite=UNSIZED)
    result = run_with("markers", args=errors)
    result.assert_outcomes(passed=5)  # no warning, no error
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        ["test sizes: small 1, medium 0, large 0, xlarge 0, unsized 4", NOTICE_LINE.format(name="test_suite")]
    )
    assert result.stdout.str().count("have no size marker") == 1
    result.stdout.no_fnmatch_line("*UnsizedTestsWarning*")


def test_notice_under_xdist_is_one_line_from_the_controller(pytester, run_with):
    pytester.makepyfile(test_suite=UNSIZED)
    result = run_with(
        "markers", args=["-n", "2", "-p", "no:randomly", "-W", "error"], extra=["xdist"], subprocess=True
    )
    result.assert_outcomes(passed=5)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines([NOTICE_LINE.format(name="test_suite")])
    assert result.stdout.str().count("have no size marker") == 1


def test_notice_says_nothing_when_every_test_is_sized(pytester, run_with):
    pytester.makepyfile("import pytest\n\n@pytest.mark.small\ndef test_sized(): pass\n")
    result = run_with("markers")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*no size marker*")


def test_warn_warns_once_for_all_unsized_tests_at_the_line_that_chose_warn(pytester, run_with):
    pytester.makeini("[pytest]\nxfail_strict = true\ntest_categories_unsized = warn\n")
    pytester.makepyfile(test_suite=UNSIZED)
    result = run_with("markers")
    result.assert_outcomes(passed=5, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "  tox.ini:3: UnsizedTestsWarning: 4 tests have no size marker: test_suite.py::test_one, "
            "test_suite.py::test_two, test_suite.py::test_three and 1 more. Mark them with*"
            "or set test_categories_unsized = ignore or notice.",
            "    test_categories_unsized = warn",
        ]
    )
    result.stdout.no_fnmatch_line("*test_suite.py:*UnsizedTestsWarning*")


def test_warn_given_with_o_says_so_where_the_warning_comes_from(pytester, run_with):
    pytester.makepyfile(test_suite=UNSIZED)
    result = run_with("markers", args=["-o", "test_categories_unsized=warn"])
    result.assert_outcomes(passed=5, warnings=1)
    result.stdout.fnmatch_lines(["  -o test_categories_unsized=warn:0: UnsizedTestsWarning: 4 tests have*"])


@pytest.mark.parametrize("errors", [["-W", "error"], ["-o", "filterwarnings=error"]], ids=["-W", "ini"])
def test_warn_with_warnings_as_errors_fails_the_unsized_tests_not_the_run(pytester, run_with, errors):
    pytester.makepyfile(UNSIZED)
    result = run_with("markers", args=[*errors, "-o", "test_categories_unsized=warn", "-rE"])
    result.assert_outcomes(passed=1, errors=4)
    result.stdout.no_fnmatch_line("*INTERNALERROR*")
    result.stdout.fnmatch_lines(
        [
            "*::test_one has no size. Mark it (@pytest.mark.small, medium, large or xlarge), or give "
            "unmarked tests one with test_categories_default_size or test_categories_size_paths "
            "(test_categories_unsized = warn is set, and warnings are errors in this run)."
        ]
    )


def test_ignore_says_nothing(pytester, run_with):
    pytester.makepyfile(UNSIZED)
    result = run_with("markers", args=["-o", "test_categories_unsized=ignore"])
    result.assert_outcomes(passed=5)
    result.stdout.no_fnmatch_line("*UnsizedTestsWarning*")
    result.stdout.no_fnmatch_line("*no size marker*")


def test_error_fails_each_unsized_test_with_the_fix(pytester, run_with):
    pytester.makepyfile(UNSIZED)
    result = run_with("markers", args=["-o", "test_categories_unsized=error"])
    result.assert_outcomes(passed=1, errors=4)
    result.stdout.fnmatch_lines(
        ["*::test_one has no size. Mark it (@pytest.mark.small, medium, large or xlarge), or give*"]
    )


def test_bad_policy_is_a_usage_error(pytester, run_with):
    pytester.makepyfile(UNSIZED)
    result = run_with("markers", args=["-o", "test_categories_unsized=loud"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: ini option test_categories_unsized: invalid value 'loud'; allowed values: ignore, notice, warn, error"
        ]
    )


def test_default_size_applies_to_unmarked_tests(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest
        from pytest_test_categories_markers import size_of, TestSize

        def test_unmarked(request):
            assert size_of(request.node) is TestSize.MEDIUM

        @pytest.mark.small
        def test_marked(request):
            assert size_of(request.node) is TestSize.SMALL
        """
    )
    result = run_with("markers", args=["-o", "test_categories_default_size=medium"])
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["test sizes: small 1, medium 1, large 0, xlarge 0, unsized 0"])


def test_bad_default_size_is_a_usage_error(pytester, run_with):
    pytester.makepyfile("def test_x(): pass")
    result = run_with("markers", args=["-o", "test_categories_default_size=tiny"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: ini option test_categories_default_size: unknown size 'tiny'; allowed sizes: small, medium*"]
    )


def test_path_rules_size_unmarked_tests_by_file(pytester, run_with):
    pytester.makeini(
        """
        [pytest]
        test_categories_default_size = large
        test_categories_size_paths =
            checks/unit/* = small
            checks/integration/* = medium
        """
    )
    check = """
        import pytest
        from pytest_test_categories_markers import size_of, TestSize

        def test_size(request):
            assert size_of(request.node) is TestSize.{expected}

        @pytest.mark.xlarge
        def test_marker_beats_path(request):
            assert size_of(request.node) is TestSize.XLARGE
        """
    checks = pytester.mkdir("checks")
    for folder, expected in (("unit", "SMALL"), ("integration", "MEDIUM"), ("other", "LARGE")):
        (checks / folder).mkdir()
        (checks / folder / f"test_{folder}.py").write_text(textwrap.dedent(check.format(expected=expected)))
    result = run_with("markers")
    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines(["test sizes: small 1, medium 1, large 1, xlarge 3, unsized 0"])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "tests/unit/*",
            "'tests/unit/*' is not of the form 'glob = size' (for example 'tests/unit/** = small')",
        ),
        (
            "tests/* = tiny",
            "unknown size 'tiny' in 'tests/* = tiny'; allowed sizes: small, medium, large, xlarge",
        ),
    ],
)
def test_bad_path_rules_are_usage_errors(pytester, run_with, line, message):
    pytester.makeini(f"[pytest]\ntest_categories_size_paths =\n    {line}\n")
    pytester.makepyfile("def test_x(): pass")
    result = run_with("markers")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: ini option test_categories_size_paths: {message}"])


def test_a_toml_entry_that_is_not_a_string_is_a_usage_error(pytester, run_with):
    pytester.makepyprojecttoml(
        '[tool.pytest.ini_options]\ntest_categories_size_paths = ["tests/* = small", 2]\n'
    )
    pytester.makepyfile("def test_x(): pass")
    result = run_with("markers")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: ini option test_categories_size_paths: entry 2 is 2 (int); each entry is one "
            "'glob = size' string, for example 'tests/unit/** = small'"
        ]
    )
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


def test_one_warning_under_xdist_and_every_worker_errors_its_tests_where_warnings_are_errors(
    pytester, run_with
):
    pytester.makepyfile(
        "\n".join(["import pytest", ""] + [f"def test_unsized_{i}(): pass\n" for i in range(6)])
    )
    warn = ["-o", "test_categories_unsized=warn"]
    result = run_with(
        "markers", args=["-n", "2", "-p", "no:randomly", *warn], extra=["xdist"], subprocess=True
    )
    result.assert_outcomes(passed=6, warnings=1)  # one warning, not one per worker
    errors = run_with(
        "markers", args=["-n", "2", "-p", "no:randomly", *warn, "-W", "error::pytest_test_categories_markers.plugin.UnsizedTestsWarning"],
        extra=["xdist"], subprocess=True,
    )  # fmt: skip
    errors.assert_outcomes(errors=6)
