"""Under pytest-xdist, a test whose worker crashed keeps its size on the report made for it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.medium

CRASHING = """
import os
import pytest

@pytest.fixture
def dies_in_setup():
    os._exit(4)

@pytest.mark.small
def test_a_ok(): pass

@pytest.mark.medium(timeout=5)
def test_b_dies():
    os._exit(3)

@pytest.mark.large
def test_c_dies_in_its_fixture(dies_in_setup): pass

@pytest.mark.small
def test_d_ok(): pass
"""


def junit_cases(path) -> dict[str, tuple[list[tuple[str | None, str | None]], list[str]]]:
    """Each test case's properties and the tags of its other children (failure, error, ...)."""
    cases = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        properties = [(prop.get("name"), prop.get("value")) for prop in case.iter("property")]
        children = [child.tag for child in case if child.tag != "properties"]
        cases[str(case.get("name"))] = (properties, children)
    return cases


@pytest.mark.parametrize("family", ["xunit2", "xunit1"])
def test_junit_xml_keeps_the_size_of_a_test_whose_worker_crashed(pytester, run_with, family):
    pytester.makepyfile(test_crash=CRASHING)
    result = run_with(
        "markers",
        args=["-n", "2", "--junitxml=j.xml", "-o", f"junit_family={family}"],
        extra=["xdist"],
        subprocess=True,
    )
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines_random(
        [
            "*crashed while running 'test_crash.py::test_b_dies'*",
            "*crashed while running*test_c_dies_in_its_fixture*",
        ]
    )
    assert junit_cases(pytester.path / "j.xml") == {
        "test_a_ok": ([("test_size", "small")], []),
        # its set-up report reached the controller before the worker died: its size did too
        "test_b_dies": ([("test_size", "medium"), ("test_budget", "5.0")], ["error"]),
        # it died before sending anything: nobody can know its size
        "test_c_dies_in_its_fixture": ([], ["error"]),
        "test_d_ok": ([("test_size", "small")], []),
    }


def test_the_crash_helper_runs_on_the_xdist_controller_only(pytester, run_with):
    pytester.makeconftest(
        """
        import pathlib

        def pytest_sessionfinish(session):
            process = getattr(session.config, "workerinput", {}).get("workerid", "main")
            registered = session.config.pluginmanager.has_plugin("test_categories_markers_crashed")
            pathlib.Path(f"registered-{process}.txt").write_text(str(registered))
        """
    )
    pytester.makepyfile(test_fine="import pytest\n\n@pytest.mark.small\ndef test_fine(): pass\n")
    run_with("markers", subprocess=True).assert_outcomes(passed=1)
    assert (pytester.path / "registered-main.txt").read_text() == "False"  # serial: not there
    run_with("markers", args=["-n", "2"], extra=["xdist"], subprocess=True).assert_outcomes(passed=1)
    assert {path.name: path.read_text() for path in pytester.path.glob("registered-*.txt")} == {
        "registered-main.txt": "True",  # the controller
        "registered-gw0.txt": "False",
        "registered-gw1.txt": "False",
    }
