"""What a test over its time limit raises (strict) or warns (warn)."""

from __future__ import annotations

import pytest
from _pytest.outcomes import Failed


class TimeLimitExceeded(Failed):
    """Raised inside a test at its time limit, at the line or ``await`` it was stuck on.

    It is an outcome exception like ``pytest.fail``'s, not an ``Exception``: a test's
    ``except Exception`` does not swallow it, and anyio's runner lets it through as a failure.
    """

    # Shown as "TimeLimitExceeded: ..." rather than with the full module path, as pytest does
    # for its own outcome exceptions.
    __module__ = "builtins"


class TimeLimitWarning(pytest.PytestWarning):
    """A test ran past its time limit while timing is in ``warn`` mode."""

    __module__ = "pytest_test_categories_timing"
