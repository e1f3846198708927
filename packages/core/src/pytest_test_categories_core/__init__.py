"""Shared contracts of the pytest-test-categories plugins: core's one face.

``__all__`` below lists everything core offers: the public API (re-exported by the bundle) and,
after it, what the family's parts may use. A part imports core only from here, never from a
submodule; a test (tests/core/test_face.py) fails on any other import across packages.
"""

from pytest_test_categories_core.atomic_file import write_atomically
from pytest_test_categories_core.attempts import RERUN_PLUGIN, forget_on_rerun
from pytest_test_categories_core.commands import USAGE_ERROR, CommandError
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
from pytest_test_categories_core.items import (
    SIZE_MARKERS,
    budget_of,
    facts_of,
    is_coroutine_function,
    set_facts,
    size_of,
)
from pytest_test_categories_core.limits import TIME_LIMITS_INI, time_limit_for, time_limits
from pytest_test_categories_core.loading import ensure_registered, register_once
from pytest_test_categories_core.pipeline import LAYER_ORDER, Layer, add_layer, remove_layer, wrapped_like
from pytest_test_categories_core.settings import (
    ChoiceSetting,
    format_size_numbers,
    ini_text,
    option_group,
    parse_size_numbers,
    size_for_setting,
)
from pytest_test_categories_core.sizes import DEFAULT_TIME_LIMITS, SIZE_NAMES, SIZES_BY_VALUE, TestSize
from pytest_test_categories_core.violations import CODES, DOCS_URL, Violation, render_violation
from pytest_test_categories_core.xfail_guard import fail_even_under_xfail

__all__ = [  # noqa: RUF022 - two groups: the public API, then what the parts may use
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
    # For the family's parts (not re-exported by the bundle):
    "DOCS_URL",
    "LAYER_ORDER",
    "Layer",
    "RERUN_PLUGIN",
    "SIZES_BY_VALUE",
    "SIZE_MARKERS",
    "SIZE_NAMES",
    "USAGE_ERROR",
    "CommandError",
    "add_layer",
    "ensure_registered",
    "facts_of",
    "fail_even_under_xfail",
    "forget_on_rerun",
    "format_size_numbers",
    "ini_text",
    "is_coroutine_function",
    "register_once",
    "remove_layer",
    "set_facts",
    "size_for_setting",
    "wrapped_like",
    "write_atomically",
]
