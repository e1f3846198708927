"""A JSON report read back into the ``RunReport`` every format renders.

So a report written by one run (or merged from CI shards) renders as markdown or HTML later, with
the same renderers the plugin uses at the end of a run.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from pytest_test_categories_core import Enforcement, ReportedViolation, TestSize
from pytest_test_categories_reporting.distribution import Bucket, Distribution
from pytest_test_categories_reporting.model import RunReport, TestResult


def report_from_document(document: Mapping[str, Any]) -> RunReport:
    """The report a JSON document (schema 1.x, already validated) describes."""
    targets = document["targets"]
    shares = targets["distribution"]
    tolerance = float(shares["tolerance"])
    summary = document["distribution"]
    distribution = Distribution(
        mode=Enforcement(shares["mode"]),
        targets=MappingProxyType({TestSize(size): float(share) for size, share in shares["shares"].items()}),
        tolerance=tolerance,
        buckets=tuple(
            Bucket(
                name=bucket["name"],
                sizes=tuple(TestSize(size) for size in bucket["sizes"]),
                count=int(bucket["count"]),
                percent=float(bucket["percent"]),
                target=float(bucket["target"]),
                tolerance=tolerance,
            )
            for bucket in summary["buckets"]
        ),
        sized=int(summary["sized_tests"]),
        unsized=int(summary["unsized_tests"]),
    )
    return RunReport(
        created=str(document["created"]),
        tests=tuple(_test(entry) for entry in document["tests"]),
        selected=int(document["summary"]["selected"]),
        unfinished=tuple(document["unfinished"]),
        partial_reason=document["partial_reason"] if document["partial"] else None,
        exit_status=int(document["exit_status"]),
        time_limits=MappingProxyType(
            {TestSize(size): float(limit) for size, limit in targets["time_limits"].items()}
        ),
        distribution=distribution,
        environment=MappingProxyType(dict(document["environment"])),
    )


def _test(entry: Mapping[str, Any]) -> TestResult:
    size = entry["size"]
    budget = entry["budget"]
    return TestResult(
        nodeid=str(entry["nodeid"]),
        size=TestSize(size) if size is not None else None,
        outcome=str(entry["outcome"]),
        duration=float(entry["duration"]),
        budget=float(budget) if budget is not None else None,
        budget_from=entry["budget_from"],
        violations=tuple(
            ReportedViolation(str(violation["code"]), str(violation["message"]))
            for violation in entry["violations"]
        ),
    )
