"""Every format from one report: what the plugin writes at the end of a run, and what tools reuse.

``write_report(report, ReportFormat.HTML, path)`` renders a ``RunReport`` (from a run, or read back
from a JSON report with ``report_from_document``) in one format and replaces ``path`` atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pytest_test_categories_core import write_atomically
from pytest_test_categories_reporting.html import html_chunks
from pytest_test_categories_reporting.jsonreport import json_chunks
from pytest_test_categories_reporting.markdown import render_markdown
from pytest_test_categories_reporting.model import RunReport
from pytest_test_categories_reporting.outputs import ReportFormat
from pytest_test_categories_reporting.text import render_text


def report_chunks(report: RunReport, report_format: ReportFormat) -> Iterable[str]:
    """The whole report in ``report_format``, as a file holds it (every list complete)."""
    if report_format is ReportFormat.BASIC:
        return (render_text(report, detailed=False),)
    if report_format is ReportFormat.DETAILED:
        return (render_text(report, detailed=True),)
    if report_format is ReportFormat.JSON:
        return json_chunks(report)
    if report_format is ReportFormat.MARKDOWN:
        return (render_markdown(report, rows=None),)
    return html_chunks(report)


def render_report(report: RunReport, report_format: ReportFormat) -> str:
    return "".join(report_chunks(report, report_format))


def write_report(report: RunReport, report_format: ReportFormat, path: Path) -> None:
    """Render ``report`` in ``report_format`` and replace ``path`` with it atomically."""
    write_atomically(path, report_chunks(report, report_format))
