"""Time limits by test size: a test is stopped at its limit and shows where it was stuck."""

from pytest_test_categories_timing.errors import TimeLimitExceeded, TimeLimitWarning
from pytest_test_categories_timing.settings import TIMING

__all__ = ["TIMING", "TimeLimitExceeded", "TimeLimitWarning"]
