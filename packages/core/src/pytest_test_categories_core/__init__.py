"""Shared contracts of the pytest-test-categories plugins."""

from pytest_test_categories_core.enforcement import Enforcement
from pytest_test_categories_core.facts import (
    BUDGET_PROPERTY,
    SIZE_PROPERTY,
    VIOLATION_PROPERTY,
    ReportedViolation,
    budget_from_properties,
    record_budget,
    record_size,
    report_violation,
    size_from_properties,
    violations_from_properties,
    violations_of,
)
from pytest_test_categories_core.items import budget_of, size_of
from pytest_test_categories_core.limits import TIME_LIMITS_INI, time_limit_for, time_limits
from pytest_test_categories_core.settings import ChoiceSetting, option_group, parse_size_numbers
from pytest_test_categories_core.sizes import DEFAULT_TIME_LIMITS, TestSize
from pytest_test_categories_core.violations import CODES, Violation, render_violation

__all__ = [
    "BUDGET_PROPERTY",
    "CODES",
    "DEFAULT_TIME_LIMITS",
    "SIZE_PROPERTY",
    "TIME_LIMITS_INI",
    "VIOLATION_PROPERTY",
    "ChoiceSetting",
    "Enforcement",
    "ReportedViolation",
    "TestSize",
    "Violation",
    "budget_from_properties",
    "budget_of",
    "option_group",
    "parse_size_numbers",
    "record_budget",
    "record_size",
    "render_violation",
    "report_violation",
    "size_from_properties",
    "size_of",
    "time_limit_for",
    "time_limits",
    "violations_from_properties",
    "violations_of",
]
