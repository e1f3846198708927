"""The test pyramid of a pytest run: terminal, JSON, markdown and HTML reports, and a distribution check."""

from pytest_test_categories_core import BUDGET_PROPERTY
from pytest_test_categories_reporting.distribution import MINIMUM_SIZED_TESTS
from pytest_test_categories_reporting.document import report_from_document
from pytest_test_categories_reporting.jsonreport import SCHEMA_VERSION, load_schema
from pytest_test_categories_reporting.model import RunReport, TestResult
from pytest_test_categories_reporting.outputs import ReportFormat
from pytest_test_categories_reporting.render import render_report, write_report

__all__ = [
    "BUDGET_PROPERTY",
    "MINIMUM_SIZED_TESTS",
    "SCHEMA_VERSION",
    "ReportFormat",
    "RunReport",
    "TestResult",
    "load_schema",
    "render_report",
    "report_from_document",
    "write_report",
]
