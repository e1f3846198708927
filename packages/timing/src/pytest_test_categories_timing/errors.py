"""What a test over its time limit raises (strict) or warns (warn)."""

from __future__ import annotations

import pytest

from pytest_test_categories_timing.compat import Failed, OutcomeException


class TimeLimitExceeded(Failed):
    """The failure of a test over its time limit, shown at the line or ``await`` it was stuck on.

    An async test is cancelled and this is raised where it awaited; a sync test is interrupted
    with ``TimeLimitReached``, which becomes this when the call phase ends. It is an outcome
    exception like ``pytest.fail``'s, not an ``Exception``: a test's ``except Exception`` does not
    swallow it, and anyio's runner lets it through as a failure.
    """

    # Shown as "TimeLimitExceeded: ..." rather than with the full module path, as pytest does
    # for its own outcome exceptions.
    __module__ = "builtins"


class TimeLimitReached(OutcomeException):
    """What the alarm raises inside a sync test at its limit; the call phase then ends in
    ``TimeLimitExceeded``, with this one's traceback (the line the test was running).

    Not a pytest ``Failed``: helpers that catch test failures to retry or shrink them
    (hypothesis replays a failing example, then calls the test flaky) must let a stop through,
    as they let ``KeyboardInterrupt`` through.
    """

    __module__ = "builtins"


class TimeLimitWarning(pytest.PytestWarning):
    """A test ran past its time limit while timing is in ``warn`` mode."""

    __module__ = "pytest_test_categories_timing"
