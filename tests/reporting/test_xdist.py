"""Under pytest-xdist the controller builds the report a serial run builds, from test reports alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from .suites import MIXED, MIXED_OUTCOMES, PLUGINS, by_nodeid, read_report, without_timings

pytestmark = pytest.mark.medium

REPORT = ["--test-size-report=json", "--test-size-report-file=r.json"]


def run_serial_and_distributed(pytester, run_with, *args):
    serial = run_with(*PLUGINS, args=[*args, *REPORT], subprocess=True)
    first = read_report(pytester.path / "r.json")
    distributed = run_with(*PLUGINS, args=["-n", "2", *args, *REPORT], extra=["xdist"], subprocess=True)
    second = read_report(pytester.path / "r.json")
    return serial, first, distributed, second


def test_two_workers_give_the_serial_report(pytester, run_with):
    pytester.makepyfile(test_mixed=MIXED)
    pytester.makepyfile(
        test_more="\n".join(
            ["import pytest", ""]
            + [
                f"@pytest.mark.{size}\ndef test_{size}_{i}():\n    pass\n"
                for size in ("small", "medium")
                for i in range(6)
            ]
        )
    )
    serial, first, distributed, second = run_serial_and_distributed(
        pytester, run_with, "--test-categories-distribution=warn", "-k", "not medium_5"
    )
    distributed.stdout.fnmatch_lines(["*2 workers*"])
    assert serial.ret == distributed.ret == pytest.ExitCode.TESTS_FAILED
    assert without_timings(first) == without_timings(second)
    # and the shared content is right, not just equal
    tests = by_nodeid(second)
    assert {
        nodeid: (test["size"], test["outcome"]) for nodeid, test in tests.items() if "mixed" in nodeid
    } == (MIXED_OUTCOMES)
    assert second["summary"]["selected"] == 23
    near = tests["test_mixed.py::test_near_its_budget"]
    assert (near["budget"], near["budget_from"]) == (0.2, "timeout")  # the budget rode on the report
    assert tests["test_mixed.py::test_breaks_a_promise"]["violations"][0]["code"] == "TC005"
    assert second["partial"] is False


CRASHING = """
import os
import pytest

@pytest.mark.small
@pytest.mark.parametrize("index", range(6))
def test_fine(index):
    pass

@pytest.mark.medium(timeout=5)
def test_kills_its_worker():
    os._exit(3)
"""


def test_a_crashed_worker_loses_only_the_test_it_was_running(pytester, run_with):
    pytester.makepyfile(test_crash=CRASHING)
    result = run_with(*PLUGINS, args=["-n", "2", *REPORT], extra=["xdist"], subprocess=True)
    result.stdout.fnmatch_lines(["*crashed while running*test_kills_its_worker*"])
    document = read_report(pytester.path / "r.json")
    tests = by_nodeid(document)
    assert len(tests) == 7
    assert all(tests[f"test_crash.py::test_fine[{index}]"]["outcome"] == "passed" for index in range(6))
    crashed = tests["test_crash.py::test_kills_its_worker"]
    assert (crashed["size"], crashed["outcome"], crashed["budget"]) == ("medium", "failed", 5.0)
    assert document["summary"]["sizes"] == {"small": 6, "medium": 1, "large": 0, "xlarge": 0, "unsized": 0}
    assert document["summary"]["selected"] == document["summary"]["reported"] == 7
    # It never finished: the report says so, and names the test and its worker.
    assert document["partial"] is True
    assert re.fullmatch(
        r"worker gw\d+ crashed while running test_crash\.py::test_kills_its_worker",
        document["partial_reason"],
    )
    assert document["unfinished"] == ["test_crash.py::test_kills_its_worker"]


@pytest.mark.parametrize(
    ("report_format", "line"),
    [
        ("basic", "PARTIAL RUN: worker gw? crashed while running test_crash.py::test_kills_its_worker"),
        (
            "markdown",
            "**7** of 7 selected tests reported: 6 passed, 1 failed. **Partial run**: "
            "worker gw? crashed while running test_crash.py::test_kills_its_worker.",
        ),
    ],
)
def test_the_terminal_reports_name_the_test_whose_worker_crashed(pytester, run_with, report_format, line):
    pytester.makepyfile(test_crash=CRASHING)
    result = run_with(
        *PLUGINS, args=["-n", "2", f"--test-size-report={report_format}"], extra=["xdist"], subprocess=True
    )
    result.assert_outcomes(passed=6, failed=1)
    result.stdout.fnmatch_lines([line])


def test_two_crashes_are_both_named(pytester, run_with):
    pytester.makepyfile(
        test_crashes="""
        import os
        import pytest

        @pytest.mark.small
        @pytest.mark.parametrize("index", range(2))
        def test_dies(index):
            os._exit(3)

        @pytest.mark.small
        def test_fine():
            pass
        """
    )
    run_with(*PLUGINS, args=["-n", "2", *REPORT], extra=["xdist"], subprocess=True)
    document = read_report(pytester.path / "r.json")
    assert re.fullmatch(
        r"workers crashed while running 2 tests: "
        r"test_crashes\.py::test_dies\[\d\] \(worker gw\d+\), test_crashes\.py::test_dies\[\d\] \(worker gw\d+\)",
        document["partial_reason"],
    )
    assert document["unfinished"] == ["test_crashes.py::test_dies[0]", "test_crashes.py::test_dies[1]"]
    assert by_nodeid(document)["test_crashes.py::test_fine"]["outcome"] == "passed"


def test_junit_xml_gives_a_crashed_test_its_size_and_budget(pytester, run_with):
    pytester.makepyfile(test_crash=CRASHING)
    run_with(
        *PLUGINS,
        args=["-n", "2", "--junitxml=j.xml", "--test-size-report=basic"],
        extra=["xdist"],
        subprocess=True,
    )
    crashed = next(
        case
        for case in ET.parse(pytester.path / "j.xml").getroot().iter("testcase")
        if case.get("name") == "test_kills_its_worker"
    )
    assert [(prop.get("name"), prop.get("value")) for prop in crashed.iter("property")] == [
        ("test_size", "medium"),
        ("test_budget", "5.0"),
    ]
    assert crashed.find("error") is not None


def test_exitfirst_under_xdist_writes_a_partial_report(pytester, run_with):
    pytester.makepyfile(
        test_stop="""
        import pytest

        @pytest.mark.small
        def test_fails():
            assert False

        @pytest.mark.small
        @pytest.mark.parametrize("index", range(40))
        def test_fine(index):
            pass
        """
    )
    result = run_with(*PLUGINS, args=["-n", "2", "-x", *REPORT], extra=["xdist"], subprocess=True)
    assert result.ret != pytest.ExitCode.OK
    document = read_report(pytester.path / "r.json")
    assert document["partial"] is True
    assert "stopping after 1 failures" in document["partial_reason"]
    assert by_nodeid(document)["test_stop.py::test_fails"]["outcome"] == "failed"


def junit_sizes(path) -> dict[str, str | None]:
    sizes = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        found = [prop.get("value") for prop in case.iter("property") if prop.get("name") == "test_size"]
        assert len(found) <= 1
        sizes[f"{case.get('classname')}.{case.get('name')}"] = found[0] if found else None
    return sizes


@pytest.mark.parametrize("family", ["xunit2", "xunit1"])
def test_junit_xml_carries_each_tests_size_serial_and_distributed(pytester, run_with, family):
    pytester.makepyfile(test_mixed=MIXED)
    args = ["--junitxml=serial.xml", "-o", f"junit_family={family}"]
    run_with(*PLUGINS, args=args, subprocess=True)
    args = ["-n", "2", "--junitxml=distributed.xml", "-o", f"junit_family={family}"]
    run_with(*PLUGINS, args=args, extra=["xdist"], subprocess=True)
    serial = junit_sizes(pytester.path / "serial.xml")
    assert serial == junit_sizes(pytester.path / "distributed.xml")
    expected = {f"test_mixed.{nodeid.split('::')[1]}": size for nodeid, (size, _) in MIXED_OUTCOMES.items()}
    assert serial == expected


def test_an_explicit_budget_rides_on_the_report_while_reporting_is_on(pytester, run_with):
    pytester.makepyfile(
        test_timed="""
        import pytest

        @pytest.mark.small(timeout=0.5)
        def test_budgeted():
            pass

        @pytest.mark.small
        def test_plain():
            pass
        """
    )
    run_with(
        *PLUGINS,
        args=["-n", "2", "--junitxml=j.xml", "--test-size-report=basic"],
        extra=["xdist"],
        subprocess=True,
    )
    budgets = {
        case.get("name"): [
            prop.get("value") for prop in case.iter("property") if prop.get("name") == "test_budget"
        ]
        for case in ET.parse(pytester.path / "j.xml").getroot().iter("testcase")
    }
    assert budgets == {"test_budgeted": ["0.5"], "test_plain": []}
    # recorded beside the size, where markers resolves both: with no report asked for too
    run_with(*PLUGINS, args=["--junitxml=j.xml"])
    assert (pytester.path / "j.xml").read_text().count('name="test_budget" value="0.5"') == 1
