"""The merge's own schema check (no jsonschema at run time) agrees with jsonschema on the shipped schema."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest

from pytest_test_categories_reporting import load_schema
from pytest_test_categories_reporting.schema_check import ANNOTATIONS, KEYWORDS, first_problem

from .merging import report_document

pytestmark = pytest.mark.medium  # load_schema reads the schema file

# Keywords whose value holds schemas by name, not keywords.
_BY_NAME = ("properties", "$defs")


def schema_keywords(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            yield key
            if key in _BY_NAME:
                for inner in value.values():
                    yield from schema_keywords(inner)
            elif key in ("items", "additionalProperties", "propertyNames"):
                yield from schema_keywords(value)
            elif key == "oneOf":
                for inner in value:
                    yield from schema_keywords(inner)


def test_the_shipped_schema_uses_only_keywords_the_check_knows() -> None:
    used = set(schema_keywords(load_schema()))
    assert used - KEYWORDS - ANNOTATIONS == set()
    assert {"type", "$ref", "enum", "pattern"} <= used  # the walk reached into the schema


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return change


_DELETE = object()

CHANGES = {
    "valid": lambda document: None,
    "no suite (a 1.0 report)": _set("suite", _DELETE),
    "empty suite": _set("suite", ""),
    "bool as count": _set("summary.selected", True),
    "float count": _set("summary.selected", 1.5),
    "whole float count": _set("summary.selected", 2.0),
    "negative duration": _set("tests.0.duration", -1),
    "zero budget": _set("tests.0.budget", 0),
    "null budget": _set("tests.0.budget", None),
    "string budget": _set("tests.0.budget", "1"),
    "unknown size": _set("tests.0.size", "huge"),
    "unknown outcome": _set("tests.0.outcome", "rerun"),
    "extra test field": _set("tests.0.flaky", True),
    "missing nodeid": _set("tests.0.nodeid", _DELETE),
    "bad violation code key": _set("summary.violations", {"": 1}),
    "zero violations": _set("summary.violations", {"TC001": 0}),
    "share above 100": _set("targets.distribution.shares.small", 101),
    "unknown share size": _set("targets.distribution.shares.tiny", 1),
    "two buckets": _set("distribution.buckets", []),
    "other report name": _set("report", "pytest-html"),
    "version 2": _set("schema_version", "2.0"),
    "bad created": _set("created", "2026-12-01 10:00"),
    "partial reason a number": _set("partial_reason", 3),
    "unfinished not strings": _set("unfinished", [1]),
    "empty merged_from": _set("merged_from", []),
    "merged_from entry": _set(
        "merged_from",
        [
            {
                "file": "a.json",
                "created": "x",
                "selected": 1,
                "reported": 1,
                "partial_reason": None,
                "exit_status": 0,
            }
        ],
    ),
    "merged_from entry missing a field": _set("merged_from", [{"file": "a.json"}]),
    "environment without python": _set("environment.python", _DELETE),
    "package version a number": _set("environment.packages", {"pytest-test-categories": 2}),
    "time limit zero": _set("targets.time_limits.small", 0),
    "extra time limit": _set("targets.time_limits.huge", 1),
}


@pytest.mark.parametrize("name", CHANGES)
def test_the_check_and_jsonschema_agree(name: str) -> None:
    document = copy.deepcopy(report_document("small", "medium", "large", None))
    CHANGES[name](document)
    schema = load_schema()
    problem = first_problem(document, schema)
    valid_for_jsonschema = jsonschema.Draft202012Validator(schema).is_valid(document)
    assert (problem is None) == valid_for_jsonschema, problem
    if problem is not None:
        assert "\n" not in problem
