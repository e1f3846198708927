"""Every private API of pytest core uses, in one place, with a guard test (tests/core/test_compat.py).

Checked against pytest 8.4 to 9.2.

- ``_pytest.unittest.TestCaseFunction``: unittest's items run their ``TestCase``, not ``item.obj``,
  so the pipeline swaps their ``runtest`` instead; they are told apart by this class (no public
  name). Without it, no item is taken for one.
"""

from __future__ import annotations

try:
    from _pytest.unittest import TestCaseFunction as UNITTEST_ITEM
except ImportError:  # pragma: no cover - pytest without its unittest plugin module
    UNITTEST_ITEM = ()  # type: ignore[assignment,misc]

__all__ = ["UNITTEST_ITEM"]
