"""The test pyramid of a pytest run: terminal, JSON and markdown reports, and a distribution check."""

from pytest_test_categories_core import BUDGET_PROPERTY
from pytest_test_categories_reporting.distribution import MINIMUM_SIZED_TESTS
from pytest_test_categories_reporting.jsonreport import SCHEMA_VERSION, load_schema
from pytest_test_categories_reporting.settings import ReportFormat

__all__ = ["BUDGET_PROPERTY", "MINIMUM_SIZED_TESTS", "SCHEMA_VERSION", "ReportFormat", "load_schema"]
