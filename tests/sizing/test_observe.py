"""``pytest --test-size-suggest``: what each test does is observed, nothing is blocked, a size is suggested."""

from __future__ import annotations

import jsonschema
import pytest

from pytest_test_categories_sizing import SCHEMA_VERSION, load_schema

from .conftest import RunSizing, reasons, suggested, suggestions

pytestmark = pytest.mark.medium

SUITE = """
import os
import socket
import subprocess
import sys
import threading
import time

import pytest


def test_does_nothing():
    assert 1 + 1 == 2


def test_talks_to_localhost():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    client = socket.create_connection(server.getsockname())
    client.close()
    server.close()


def test_talks_to_another_machine():
    client = socket.socket()
    client.setblocking(False)
    client.connect_ex(("192.0.2.1", 9))  # TEST-NET: returns at once, nobody answers
    client.close()


def test_writes_a_file(tmp_path):
    (tmp_path / "out.txt").write_text("x")


def test_starts_a_subprocess():
    subprocess.run([sys.executable, "-c", "pass"], check=True)


def test_sleeps():
    time.sleep(0.01)


def test_takes_a_while():
    threading.Event().wait(0.6)
"""


def line_of(pytester: pytest.Pytester, text: str, name: str = "test_suite.py") -> int:
    lines = (pytester.path / name).read_text().splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_each_test_gets_the_smallest_size_it_fits_with_the_evidence(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(test_suite=SUITE)
    result = run_sizing("isolation", args=["--test-size-suggest"])
    result.assert_outcomes(passed=7)
    document = suggestions(pytester)
    assert suggested(document) == {
        "test_does_nothing": "small",
        "test_talks_to_localhost": "medium",
        "test_talks_to_another_machine": "large",
        "test_writes_a_file": "medium",
        "test_starts_a_subprocess": "medium",
        "test_sleeps": "medium",
        "test_takes_a_while": "medium",
    }
    bind = line_of(pytester, "server.bind(")
    assert reasons(document, "test_talks_to_localhost") == [
        f"binds a socket to 127.0.0.1:0 at test_suite.py:{bind} → medium"
    ]
    connect = line_of(pytester, "client.connect_ex(")
    assert reasons(document, "test_talks_to_another_machine") == [
        f"connects to 192.0.2.1:9 at test_suite.py:{connect} → large"
    ]
    (write,) = reasons(document, "test_writes_a_file")
    assert write.startswith("opens ")
    assert write.endswith(f"out.txt for writing at test_suite.py:{line_of(pytester, 'write_text')} → medium")
    run = line_of(pytester, "subprocess.run(")
    assert reasons(document, "test_starts_a_subprocess")[0].startswith("starts a subprocess: ")
    assert f" at test_suite.py:{run} → medium" in reasons(document, "test_starts_a_subprocess")[0]
    sleep = line_of(pytester, "time.sleep(0.01)")
    assert reasons(document, "test_sleeps") == [f"calls time.sleep(0.01) at test_suite.py:{sleep} → medium"]
    (timing,) = reasons(document, "test_takes_a_while")
    assert timing.startswith("takes 0.6")
    assert "; with the x2 margin it needs 1.2" in timing
    assert timing.endswith("→ medium")
    result.stdout.fnmatch_lines(
        [
            "*= test categories: size suggestions =*",
            "7 test(s) in 7 function(s) observed; suggested sizes: small 1, medium 5, large 1, xlarge 0",
            "markers to add: 7; existing markers to change: 0",
            "top reasons: *",
            f"suggestions written to {pytester.path / 'test-size-suggestions.json'}",
            "see the changes: pytest-test-categories apply --dry-run *",
        ]
    )


def test_the_file_is_valid_against_the_shipped_schema(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(test_suite=SUITE)
    run_sizing(args=["--test-size-suggest", "--test-size-suggest-file", "out.json"]).assert_outcomes(passed=7)
    document = suggestions(pytester, "out.json")
    jsonschema.validate(document, load_schema())
    assert document["schema_version"] == SCHEMA_VERSION
    assert set(document["files"]) == {"test_suite.py"}


@pytest.mark.small
def test_the_shipped_schema_is_a_valid_json_schema() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["pattern"] == "^1\\.[0-9]+$"


def test_nothing_is_blocked_and_no_limit_stops_a_test(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    """Marked small, strict everywhere, unsized tests an error: observing, every test runs as it would
    with enforcement off, and the outcome is its own."""
    pytester.makeini(
        "[pytest]\ntest_categories_isolation = strict\ntest_categories_timing = strict\n"
        "test_categories_unsized = error\n"
    )
    pytester.makepyfile(
        test_suite="""
        import threading
        import time
        import pytest

        @pytest.mark.small
        def test_writes_a_file(tmp_path):
            (tmp_path / "x").write_text("x")

        @pytest.mark.small
        def test_overruns_its_limit():
            threading.Event().wait(1.3)

        def test_unsized_and_failing():
            assert False

        @pytest.mark.small
        def test_skipped():
            pytest.skip("not today")
        """
    )
    plain = run_sizing(
        "isolation",
        "timing",
        args=[
            "--test-categories-isolation=off",
            "--test-categories-timing=off",
            "-o",
            "test_categories_unsized=ignore",
        ],
    )
    observed = run_sizing("isolation", "timing", args=["--test-size-suggest"])
    plain.assert_outcomes(passed=2, failed=1, skipped=1)
    observed.assert_outcomes(passed=2, failed=1, skipped=1)
    document = suggestions(pytester)
    assert suggested(document) == {
        "test_writes_a_file": "medium",
        "test_overruns_its_limit": "medium",
        "test_unsized_and_failing": "small",
    }
    assert document["not_observed"] == ["test_suite.py::test_skipped"]
    observed.stdout.fnmatch_lines(
        [
            "3 test(s) in 3 function(s) observed; suggested sizes: small 1, medium 2, large 0, xlarge 0 "
            "(1 not observed: skipped, or failed before their body ran)",
            "markers to add: 1; existing markers to change: 2",
            "  test_suite.py::test_writes_a_file: marked small but opens *x for writing at test_suite.py:7 → medium",
            "  test_suite.py::test_overruns_its_limit: marked small but takes 1.3* s; with the x2 margin it needs 2.6* s, "
            "over the small limit of 1 s → medium",
        ]
    )


def test_a_test_marked_too_large_is_told_it_fits_a_smaller_size(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(
        test_suite="""
        import pytest

        @pytest.mark.large
        def test_pure():
            assert sorted([2, 1]) == [1, 2]
        """
    )
    result = run_sizing(args=["--test-size-suggest"])
    result.stdout.fnmatch_lines(
        ["  test_suite.py::test_pure: marked large but fits small (does nothing a small test may not)"]
    )
    (entry,) = suggestions(pytester)["functions"]
    assert (entry["marked"], entry["suggested"], entry["change"]) == ("large", "small", "resize")


def test_parametrized_cases_share_the_largest_size_any_of_them_needs(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(
        test_suite="""
        import time
        import pytest

        @pytest.mark.parametrize("pause", [0, 0, 0.01])
        def test_pauses(pause):
            time.sleep(pause)
        """
    )
    run_sizing(args=["--test-size-suggest"]).assert_outcomes(passed=3)
    document = suggestions(pytester)
    (entry,) = document["functions"]
    assert entry["suggested"] == "medium"
    assert [test["needs"] for test in entry["tests"]] == ["small", "small", "medium"]
    assert document["summary"]["tests_by_size"] == {"small": 2, "medium": 1, "large": 0, "xlarge": 0}


@pytest.mark.parametrize(("margin", "size"), [("1", "small"), ("2", "medium")])
def test_the_time_margin_decides_how_close_to_a_limit_a_test_may_be(
    pytester: pytest.Pytester, run_sizing: RunSizing, margin: str, size: str
) -> None:
    pytester.makepyfile(
        test_suite="""
        import threading

        def test_waits():
            threading.Event().wait(0.6)
        """
    )
    run_sizing(args=["--test-size-suggest", f"--test-size-suggest-margin={margin}"]).assert_outcomes(passed=1)
    assert suggested(suggestions(pytester)) == {"test_waits": size}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--test-size-suggest-margin=0.5"],
            "ERROR: --test-size-suggest-margin: invalid value '0.5'; give a number of 1 or more (1: no margin; default 2)",
        ),
        (
            ["--test-size-suggest-margin=lots"],
            "ERROR: --test-size-suggest-margin: invalid value 'lots'; give a number of 1 or more (1: no margin; default 2)",
        ),
        (
            ["--test-size-suggest-file=."],
            "ERROR: --test-size-suggest-file: . is a directory; give the path of a file to write",
        ),
        (
            ["--test-size-suggest-file=nowhere/out.json"],
            "ERROR: --test-size-suggest-file: the folder */nowhere does not exist; create it or give another path",
        ),
    ],
)
def test_bad_options_are_one_line_usage_errors(
    pytester: pytest.Pytester, run_sizing: RunSizing, args: list[str], message: str
) -> None:
    pytester.makepyfile(test_suite="def test_x():\n    pass\n")
    result = run_sizing(args=["--test-size-suggest", *args])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])
    assert "Traceback" not in result.stderr.str()


def test_observations_from_every_xdist_worker_are_merged(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(test_suite=SUITE)
    run_sizing(
        "isolation", "timing", "reporting", args=["--test-size-suggest"], subprocess=True
    ).assert_outcomes(passed=7)
    serial = suggestions(pytester)
    result = run_sizing(
        "isolation",
        "timing",
        "reporting",
        args=["--test-size-suggest", "-n", "2"],
        extra=["xdist"],
        subprocess=True,
    )
    result.assert_outcomes(passed=7)
    distributed = suggestions(pytester)
    assert suggested(distributed) == suggested(serial)
    assert distributed["summary"]["tests_by_size"] == serial["summary"]["tests_by_size"]


def test_works_with_the_isolation_plugin_blocked(pytester: pytest.Pytester, run_sizing: RunSizing) -> None:
    pytester.makepyfile(test_suite=SUITE)
    run_sizing(args=["-p", "no:test_categories_isolation", "--test-size-suggest"]).assert_outcomes(passed=7)
    assert suggested(suggestions(pytester))["test_sleeps"] == "medium"


def test_a_run_without_the_option_registers_nothing_per_test(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makeconftest(
        """
        def pytest_collection_finish(session):
            names = [session.config.pluginmanager.get_name(p) or "" for p in session.config.pluginmanager.get_plugins()]
            print("sizing plugins:", sorted(n for n in names if "sizing" in n))
        """
    )
    pytester.makepyfile(test_suite="def test_x():\n    pass\n")
    result = run_sizing(args=["-s"])
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["sizing plugins: ?'pytest_test_categories_sizing.plugin'?"])
    assert not (pytester.path / "test-size-suggestions.json").exists()


def test_function_fixtures_are_watched_in_set_up_and_teardown_shared_ones_are_not(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(
        test_suite="""
        import time
        import pytest

        @pytest.fixture(scope="module")
        def shared():
            time.sleep(0.01)  # set up once for many tests: not any one test's doing
            yield

        @pytest.fixture
        def cleans_up():
            yield
            time.sleep(0.01)

        def test_uses_a_shared_fixture(shared):
            pass

        def test_its_fixture_sleeps_in_teardown(cleans_up):
            pass
        """
    )
    run_sizing(args=["--test-size-suggest"]).assert_outcomes(passed=2)
    document = suggestions(pytester)
    assert suggested(document) == {
        "test_uses_a_shared_fixture": "small",
        "test_its_fixture_sleeps_in_teardown": "medium",
    }
    entry = next(e for e in document["functions"] if e["function"] == "test_its_fixture_sleeps_in_teardown")
    assert [evidence["phase"] for evidence in entry["tests"][0]["evidence"]] == ["teardown"]


def test_unittest_cases_and_test_classes_are_observed(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(
        test_suite="""
        import subprocess
        import sys
        import unittest

        class TestPlain:
            def test_pure(self):
                pass

        class CaseTest(unittest.TestCase):
            def test_runs_a_child(self):
                subprocess.run([sys.executable, "-c", "pass"], check=True)
        """
    )
    run_sizing(args=["--test-size-suggest"]).assert_outcomes(passed=2)
    entries = {(e["class"], e["function"]): e["suggested"] for e in suggestions(pytester)["functions"]}
    assert entries == {("TestPlain", "test_pure"): "small", ("CaseTest", "test_runs_a_child"): "medium"}


def test_evidence_in_the_code_under_test_names_the_test_line_that_led_there(
    pytester: pytest.Pytester, run_sizing: RunSizing
) -> None:
    pytester.makepyfile(
        helper="import time\n\n\ndef pause():\n    time.sleep(0.01)\n",
        test_suite="from helper import pause\n\n\ndef test_pauses():\n    pause()\n",
    )
    run_sizing(args=["--test-size-suggest"]).assert_outcomes(passed=1)
    assert reasons(suggestions(pytester), "test_pauses") == [
        "calls time.sleep(0.01) at helper.py:5 (from test_suite.py:5) → medium"
    ]
