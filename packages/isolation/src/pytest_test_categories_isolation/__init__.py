"""Hermetic test sizes: what small and medium tests may not do, enforced by one audit hook."""

from pytest_test_categories_isolation.codes import EMITTED_CODES, how_to_fix
from pytest_test_categories_isolation.errors import IsolationViolationError
from pytest_test_categories_isolation.settings import ISOLATION

__all__ = ["EMITTED_CODES", "ISOLATION", "IsolationViolationError", "how_to_fix"]
