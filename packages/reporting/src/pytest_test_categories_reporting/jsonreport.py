"""The JSON report: a plain, versioned document described by the JSON Schema shipped beside this module.

Bump ``SCHEMA_VERSION``'s major number for any change a reader could trip over (a field removed,
renamed or retyped); adding an optional field bumps the minor number.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from importlib import resources
from json.encoder import encode_basestring_ascii as encode_string
from typing import Any

from pytest_test_categories_core import TestSize
from pytest_test_categories_reporting.distribution import MINIMUM_SIZED_TESTS
from pytest_test_categories_reporting.model import RunReport, TestResult

REPORT_NAME = "pytest-test-categories"
SCHEMA_VERSION = "1.1"  # 1.1: "suite" and, in merged reports, "merged_from"
SCHEMA_FILE = "report.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every JSON report validates against."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def header(report: RunReport) -> dict[str, Any]:
    """Everything but the per-test entries."""
    distribution = report.distribution
    head: dict[str, Any] = {
        "report": REPORT_NAME,
        "schema_version": SCHEMA_VERSION,
        "created": report.created,
        **({"suite": report.suite} if report.suite is not None else {}),
        "partial": report.partial,
        "partial_reason": report.partial_reason,
        "unfinished": list(report.unfinished),
        "exit_status": report.exit_status,
        "environment": dict(report.environment),
        "targets": {
            "time_limits": {size.value: report.time_limits[size] for size in TestSize},
            "distribution": {
                "mode": distribution.mode.value,
                "shares": {size.value: share for size, share in distribution.targets.items()},
                "tolerance": distribution.tolerance,
                "minimum_sized_tests": MINIMUM_SIZED_TESTS,
            },
        },
        "summary": {
            "selected": report.selected,
            "reported": len(report.tests),
            "duration": round(report.total_duration, 6),
            "outcomes": report.outcome_counts(),
            "sizes": report.size_counts(),
            "violations": {code: len(found) for code, found in report.violations_by_code().items()},
        },
        "distribution": {
            "status": distribution.status,
            "sized_tests": distribution.sized,
            "unsized_tests": distribution.unsized,
            "buckets": [
                {
                    "name": bucket.name,
                    "sizes": [size.value for size in bucket.sizes],
                    "count": bucket.count,
                    "percent": round(bucket.percent, 4),
                    "target": bucket.target,
                    "low": bucket.low,
                    "high": bucket.high,
                    "status": bucket.status,
                }
                for bucket in distribution.buckets
            ],
        },
    }
    if report.merged_from:
        head["merged_from"] = [merged._asdict() for merged in report.merged_from]
    return head


def _test(test: TestResult) -> dict[str, Any]:
    return {
        "nodeid": test.nodeid,
        "size": test.size.value if test.size is not None else None,
        "outcome": test.outcome,
        "duration": round(test.duration, 6),
        "budget": test.budget,
        "budget_from": test.budget_from,
        "violations": [
            {"code": violation.code, "kind": violation.kind, "message": violation.message}
            for violation in test.violations
        ],
    }


# JSON text of the values a test's entry takes most of the time.
_SIZE_JSON: dict[TestSize | None, str] = {None: "null", **{size: json.dumps(size.value) for size in TestSize}}
_KNOWN_TEXT: dict[str | None, str] = {None: "null"}


def _known_json(value: str | None) -> str:
    """JSON for the few strings a test entry repeats (outcomes, budget sources), encoded once."""
    text = _KNOWN_TEXT.get(value)
    if text is None:
        text = _KNOWN_TEXT[value] = json.dumps(value)
    return text


def entry_json(test: TestResult) -> str:
    """One test's entry, exactly as ``json.dumps(_test(test))`` writes it.

    Formatted directly for the common entry (no violations, plain floats): json.dumps builds an
    encoder per call, which made the report the costliest part of the plugin on large suites.
    """
    budget = test.budget
    if test.violations or type(test.duration) is not float or not (budget is None or type(budget) is float):
        return json.dumps(_test(test))
    return (
        f'{{"nodeid": {encode_string(test.nodeid)}, "size": {_SIZE_JSON[test.size]}, '
        f'"outcome": {_known_json(test.outcome)}, "duration": {_float(round(test.duration, 6))}, '
        f'"budget": {"null" if budget is None else _float(budget)}, '
        f'"budget_from": {_known_json(test.budget_from)}, "violations": []}}'
    )


def _float(value: float) -> str:
    # json writes finite floats with float.__repr__, and NaN/Infinity by name
    return float.__repr__(value) if math.isfinite(value) else json.dumps(value)


def json_chunks(report: RunReport) -> Iterator[str]:
    """The document, indented, with one line per test.

    Encoded test by test with the C encoder: a 10k-test report takes milliseconds and never
    holds more than one test's data besides the text already written.
    """
    head = json.dumps(header(report), indent=2)
    yield head[: -len("\n}")] + ',\n  "tests": ['
    separator = "\n    "
    for test in report.tests:
        yield separator + entry_json(test)
        separator = ",\n    "
    yield "\n  ]\n}\n" if report.tests else "]\n}\n"


def render_json(report: RunReport) -> str:
    return "".join(json_chunks(report))
