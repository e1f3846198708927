"""The JSON report writes each test's entry without building an encoder per test; same text as json.dumps."""

from __future__ import annotations

import json

import pytest

from pytest_test_categories_core import ReportedViolation, TestSize
from pytest_test_categories_reporting.jsonreport import _test, entry_json
from pytest_test_categories_reporting.model import TestResult

pytestmark = pytest.mark.small


@pytest.mark.parametrize(
    "test",
    [
        TestResult("t.py::test_a", TestSize.SMALL, "passed", 0.000123456789, 1.0, "limit", ()),
        TestResult('t.py::test_b["é\\n\\t"]', TestSize.MEDIUM, "failed", 2.5, 0.5, "timeout", ()),
        TestResult("t.py::test_c", None, "skipped", 0.0, None, None, ()),
        TestResult("t.py::test_d", TestSize.XLARGE, "xpassed", 1e-9, 900.0, "limit", ()),
        TestResult("t.py::test_e", TestSize.LARGE, "error", 3, 900, "limit", ()),
        TestResult(
            "t.py::test_f",
            TestSize.SMALL,
            "failed",
            1.5,
            1.0,
            "limit",
            (ReportedViolation("TC006", "TC006 small test over its limit"),),
        ),
    ],
    ids=["plain", "escaped-id", "unsized", "tiny-duration", "int-values", "violation"],
)
def test_each_test_line_is_exactly_what_json_dumps_writes(test):
    assert entry_json(test) == json.dumps(_test(test))
    assert json.loads(entry_json(test))["nodeid"] == test.nodeid
