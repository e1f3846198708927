"""Reading a JSON report back: from a file given on a command line, checked, into the report model.

Whatever is wrong with a file (missing, unreadable, not UTF-8, not JSON, cut short, another
tool's JSON, a report that breaks the schema or comes from a newer version) becomes one
``CommandError`` line naming the file and the problem; nothing here lets a traceback through.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pytest_test_categories_core import CommandError, ReportedViolation, TestSize
from pytest_test_categories_reporting.jsonreport import REPORT_NAME, SCHEMA_VERSION, load_schema
from pytest_test_categories_reporting.model import TestResult
from pytest_test_categories_reporting.schema_check import first_problem

READ_MAJOR, READ_MINOR = (int(part) for part in SCHEMA_VERSION.split("."))


@dataclass(frozen=True, slots=True)
class ReadReport:
    """One report as read from a file: the name it was given by, and its checked document."""

    file: str
    document: Mapping[str, Any]

    @property
    def schema_version(self) -> str:
        return str(self.document["schema_version"])

    @property
    def suite(self) -> str | None:
        suite = self.document.get("suite")
        return suite if isinstance(suite, str) else None

    def tests(self) -> list[TestResult]:
        return [result_from_entry(entry) for entry in self.document["tests"]]


def read_report(given: str) -> ReadReport:
    """The report in the file ``given``, checked against the shipped schema."""
    text = _read_text(given)
    if not text.strip():
        raise CommandError(f"{given}: the file is empty; give a report written by --test-size-report=json")
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{given}: not valid JSON{_cut_off(text, error)}: {error.msg} "
            f"(line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError as error:  # NaN or Infinity, which JSON does not have
        raise CommandError(f"{given}: not valid JSON: {error}") from None
    except RecursionError:
        raise CommandError(
            f"{given}: not a pytest-test-categories report (nested too deeply to read)"
        ) from None
    check_document(given, document)
    return ReadReport(given, document)


def check_document(given: str, document: object) -> None:
    if not isinstance(document, dict) or document.get("report") != REPORT_NAME:
        raise CommandError(
            f'{given}: not a pytest-test-categories report (it has no "report": "{REPORT_NAME}"); '
            "give files written by --test-size-report=json"
        )
    version = document.get("schema_version")
    if isinstance(version, str):
        _check_version(given, version)
    problem = first_problem(document, load_schema())
    if problem is not None:
        raise CommandError(f"{given}: does not match the report schema {SCHEMA_VERSION}: {problem}")
    try:
        datetime.fromisoformat(document["created"].replace("Z", "+00:00"))
    except ValueError:
        raise CommandError(f"{given}: created: {document['created']!r} is not a date and time") from None


def _check_version(given: str, version: str) -> None:
    major, _, minor = version.partition(".")
    if not (major.isdigit() and minor.isdigit()):
        return  # the schema names what is wrong with it
    if int(major) != READ_MAJOR or int(minor) > READ_MINOR:
        raise CommandError(
            f"{given}: schema version {version}, which this pytest-test-categories-reporting does not "
            f"read (it reads {READ_MAJOR}.0 to {SCHEMA_VERSION}); merge with the version that wrote it"
        )


def _read_text(given: str) -> str:
    path = Path(given)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{given}: no such file") from None
    except IsADirectoryError:
        raise CommandError(
            f"{given}: is a directory; give the report files in it, e.g. {given}/*.json"
        ) from None
    except UnicodeDecodeError as error:
        raise CommandError(f"{given}: not a text file (not UTF-8 at byte {error.start})") from None
    except OSError as error:
        raise CommandError(f"{given}: cannot be read ({error.strerror or error})") from None


def _cut_off(text: str, error: json.JSONDecodeError) -> str:
    """A hint when the text looks like the start of a document: an artifact cut short in transfer."""
    body = text.rstrip()
    ended = body.endswith(("}", "]")) and not error.msg.startswith("Unterminated")
    if error.pos >= len(body) or (body.startswith(("{", "[")) and not ended):
        return " (the file ends too early: was it cut off?)"
    return ""


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def result_from_entry(entry: Mapping[str, Any]) -> TestResult:
    """One test's entry of a (schema-checked) document, back as the model the renderers take."""
    size = entry["size"]
    return TestResult(
        nodeid=entry["nodeid"],
        size=TestSize(size) if size is not None else None,
        outcome=entry["outcome"],
        duration=float(entry["duration"]),
        budget=float(entry["budget"]) if entry["budget"] is not None else None,
        budget_from=entry["budget_from"],
        violations=tuple(ReportedViolation(found["code"], found["message"]) for found in entry["violations"]),
    )


def time_limits_of(document: Mapping[str, Any]) -> dict[TestSize, float]:
    limits = document["targets"]["time_limits"]
    return {size: float(limits[size.value]) for size in TestSize}


def shares_of(document: Mapping[str, Any]) -> dict[TestSize, float]:
    shares = document["targets"]["distribution"]["shares"]
    return {TestSize(name): float(share) for name, share in shares.items()}
