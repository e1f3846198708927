"""``--test-size-report=json``: a versioned document, valid against the shipped schema, written atomically."""

from __future__ import annotations

import json
import os
import platform
from importlib import metadata

import jsonschema
import pytest

from pytest_test_categories_reporting import SCHEMA_VERSION, load_schema

from .suites import MIXED, MIXED_OUTCOMES, PLUGINS, by_nodeid, read_report, sized_suite

pytestmark = pytest.mark.medium


@pytest.fixture(autouse=True)
def _out_dir(pytester):
    """The report directory must exist before the run (a missing one is a usage error)."""
    (pytester.path / "out").mkdir()


def test_every_test_has_its_size_outcome_duration_budget_and_violations(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    result = run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=out/r.json"])
    # pytest counts the teardown error twice (passed, then error); the report gives each test one outcome.
    result.assert_outcomes(passed=7, failed=1, errors=2, skipped=1, xfailed=1, xpassed=1)
    document = read_report(pytester.path / "out" / "r.json")
    tests = by_nodeid(document)
    assert {nodeid: (test["size"], test["outcome"]) for nodeid, test in tests.items()} == MIXED_OUTCOMES
    assert [test["nodeid"] for test in document["tests"]] == sorted(MIXED_OUTCOMES)
    near = tests["test_mixed.py::test_near_its_budget"]
    assert near["duration"] >= 0.18
    assert (near["budget"], near["budget_from"]) == (0.2, "timeout")
    assert (
        tests["test_mixed.py::test_passes"]["budget"],
        tests["test_mixed.py::test_passes"]["budget_from"],
    ) == (
        1.0,
        "limit",
    )
    assert tests["test_mixed.py::test_unsized"]["budget"] is None
    assert tests["test_mixed.py::test_setup_error"]["duration"] == 0.0
    assert tests["test_mixed.py::test_breaks_a_promise"]["violations"] == [
        {"code": "TC005", "kind": "sleep", "message": "TC005 sleep: called time.sleep(2)"}
    ]
    assert all(not test["violations"] for nodeid, test in tests.items() if "promise" not in nodeid)


def test_summary_targets_and_environment(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    pytester.makeini(
        "[pytest]\n"
        "test_categories_time_limits = small=2 medium=30\n"
        "test_categories_distribution_targets = small=70 medium=20 large=5 xlarge=5\n"
        "test_categories_distribution_tolerance = 7.5\n"
    )
    run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=out/r.json"])
    document = read_report(pytester.path / "out" / "r.json")
    assert document["report"] == "pytest-test-categories"
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["partial"] is False
    assert document["partial_reason"] is None
    assert document["exit_status"] == 1
    summary = document["summary"]
    assert (summary["selected"], summary["reported"]) == (12, 12)
    assert summary["outcomes"] == {
        "passed": 6, "failed": 1, "error": 2, "skipped": 1, "xfailed": 1, "xpassed": 1,
    }  # fmt: skip
    assert summary["sizes"] == {"small": 6, "medium": 3, "large": 1, "xlarge": 1, "unsized": 1}
    assert summary["violations"] == {"TC005": 1}
    assert summary["duration"] >= 0.18
    assert document["targets"] == {
        "time_limits": {"small": 2.0, "medium": 30.0, "large": 900.0, "xlarge": 900.0},
        "distribution": {
            "mode": "off",
            "shares": {"small": 70.0, "medium": 20.0, "large": 5.0, "xlarge": 5.0},
            "tolerance": 7.5,
            "minimum_sized_tests": 20,
        },
    }
    environment = document["environment"]
    assert environment["python"] == platform.python_version()
    assert environment["pytest"] == pytest.__version__
    assert environment["packages"]["pytest-test-categories-reporting"] == metadata.version(
        "pytest-test-categories-reporting"
    )
    assert environment["packages"]["pytest-test-categories-core"] == metadata.version(
        "pytest-test-categories-core"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-k", "small_1 or medium"], {"test_small_1", "test_medium_0", "test_medium_1"}),
        (["-m", "large"], {"test_large_0"}),
        (["--test-size", "medium,large"], {"test_medium_0", "test_medium_1", "test_large_0"}),
    ],
)
def test_counts_only_the_tests_selected_to_run(pytester, run_with, args, expected):
    pytester.makepyfile(test_sel=sized_suite(small=3, medium=2, large=1))
    result = run_with(*PLUGINS, args=[*args, "--test-size-report=json", "--test-size-report-file=out/r.json"])
    result.assert_outcomes(passed=len(expected), deselected=6 - len(expected))
    document = read_report(pytester.path / "out" / "r.json")
    assert {nodeid.split("::")[1] for nodeid in by_nodeid(document)} == expected
    assert document["summary"]["selected"] == len(expected)
    assert sum(document["summary"]["sizes"].values()) == len(expected)
    assert document["partial"] is False


def test_tests_of_other_sizes_with_marker_mistakes_stay_out_of_a_selected_run(pytester, run_with):
    pytester.makepyfile(
        test_sel="""
        import pytest

        @pytest.mark.small(timeout="x")
        def test_small_text_budget(): pass

        @pytest.mark.small(timout=1)
        def test_small_typo(): pass

        @pytest.mark.large(timeout=5)
        def test_large(): pass
        """
    )
    args = ["--test-size=large", "--test-size-report=json", "--test-size-report-file=out/r.json"]
    run_with(*PLUGINS, args=args).assert_outcomes(passed=1, deselected=2)
    document = read_report(pytester.path / "out" / "r.json")
    assert list(by_nodeid(document)) == ["test_sel.py::test_large"]
    assert document["summary"]["sizes"] == {"small": 0, "medium": 0, "large": 1, "xlarge": 0, "unsized": 0}
    args = ["--test-size=small", "--test-size-report=json", "--test-size-report-file=out/r.json"]
    run_with(*PLUGINS, args=args).assert_outcomes(errors=2, deselected=1)
    document = read_report(pytester.path / "out" / "r.json")
    assert {nodeid: test["outcome"] for nodeid, test in by_nodeid(document).items()} == {
        "test_sel.py::test_small_text_budget": "error",
        "test_sel.py::test_small_typo": "error",
    }
    assert document["summary"]["sizes"]["small"] == 2


def test_the_file_is_replaced_atomically_and_no_temporary_file_is_left(pytester, run_with):
    pytester.makepyfile(test_sel=sized_suite(small=2))
    target = pytester.path / "out" / "r.json"
    target.write_text("old report that a reader may be holding open")
    before = os.stat(target).st_ino
    run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=out/r.json"])
    assert read_report(target)["summary"]["reported"] == 2
    assert os.stat(target).st_ino != before  # a new file renamed over the old one, not rewritten in place
    assert sorted(path.name for path in (pytester.path / "out").iterdir()) == ["r.json"]


def test_the_written_file_is_named_in_the_terminal(pytester, run_with):
    pytester.makepyfile(test_sel=sized_suite(small=1))
    result = run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=out/r.json"])
    result.stdout.fnmatch_lines([f"test size report (json) written to {pytester.path / 'out' / 'r.json'}"])


def test_without_a_file_the_json_is_printed_in_the_terminal(pytester, run_with):
    pytester.makepyfile(test_sel=sized_suite(small=1, medium=1))
    result = run_with(*PLUGINS, args=["--test-size-report=json"])
    text = result.stdout.str()
    start = text.index("{\n", text.index("test size report (json)"))
    end = text.index("\n}\n", start) + 2
    document = json.loads(text[start:end])
    jsonschema.validate(document, load_schema())
    assert document["summary"]["sizes"]["medium"] == 1


def test_the_shipped_schema_is_a_valid_json_schema():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["pattern"] == "^1\\.[0-9]+$"


def test_a_run_with_no_selected_test_still_writes_a_valid_report(pytester, run_with):
    pytester.makepyfile(test_sel=sized_suite(small=2))
    result = run_with(
        *PLUGINS, args=["--test-size=xlarge", "--test-size-report=json", "--test-size-report-file=out/r.json"]
    )
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    document = read_report(pytester.path / "out" / "r.json")
    assert document["tests"] == []
    assert (document["summary"]["selected"], document["summary"]["reported"]) == (0, 0)
    assert document["distribution"]["status"] == "too-few-tests"
    assert document["partial"] is False


def test_the_streamed_file_holds_the_same_document_and_one_line_per_test(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    run_with(*PLUGINS, args=["--test-size-report=json", "--test-size-report-file=out/r.json"])
    text = (pytester.path / "out" / "r.json").read_text(encoding="utf-8")
    document = read_report(pytester.path / "out" / "r.json")
    lines = text.splitlines()
    start = lines.index('  "tests": [')
    assert lines[-2:] == ["  ]", "}"]
    assert [json.loads(line.strip().rstrip(",")) for line in lines[start + 1 : -2]] == document["tests"]
