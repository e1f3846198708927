"""The timing plugin's one setting: how strictly time limits are enforced."""

from __future__ import annotations

from pytest_test_categories_core import ChoiceSetting, Enforcement

TIMING = ChoiceSetting(
    cli="--test-categories-timing",
    ini="test_categories_timing",
    choices=Enforcement,
    default=Enforcement.STRICT,
    help="time limits of sized tests: off, warn (report without failing) or strict "
    "(stop the test at its limit and fail it)",
)


def grace_for(limit: float) -> float:
    """How long a stopped test may take to wind down before it is stopped again.

    A quarter of its limit, between 0.1 s and 1 s: long enough for ``finally`` blocks,
    short enough that a test swallowing the stop does not hang the run.
    """
    return min(max(limit / 4, 0.1), 1.0)
