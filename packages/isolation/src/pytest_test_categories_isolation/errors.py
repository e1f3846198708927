"""The one exception the audit hook ever raises."""

from __future__ import annotations

from pytest_test_categories_core import Violation, render_violation


class IsolationViolationError(Exception):
    """A test did what its size forbids; raised in strict mode, after the violation is recorded.

    It is an ordinary ``Exception`` so that libraries unwind and clean up as they would for any
    error. Catching it does not save the test: the violation is already on the test's record.
    """

    def __init__(self, violation: Violation) -> None:
        super().__init__(f"{violation.summary}\n{render_violation(violation)}")
        self.violation = violation


# Shown in tracebacks under the name users import it by.
IsolationViolationError.__module__ = "pytest_test_categories_isolation"
