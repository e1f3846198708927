"""Hermetic test sizes: what small and medium tests may not do, enforced by one audit hook.

``__all__`` below is isolation's face: its public API and, after it, what a sibling part (sizing's
observer) may use. Parts import isolation only from here; tests/core/test_face.py checks it.
"""

from pytest_test_categories_isolation.callers import run_rules_from
from pytest_test_categories_isolation.codes import EMITTED_CODES, how_to_fix
from pytest_test_categories_isolation.errors import IsolationViolationError
from pytest_test_categories_isolation.gate import NO_RULES, Gate, Rule, process_gate
from pytest_test_categories_isolation.gated_function import gated
from pytest_test_categories_isolation.readable_paths import ReadablePaths
from pytest_test_categories_isolation.rules import MEDIUM_RULES, SMALL_RULES
from pytest_test_categories_isolation.settings import ISOLATION
from pytest_test_categories_isolation.sleep_event import install as install_sleep_event

__all__ = [  # noqa: RUF022 - two groups: the public API, then what the parts may use
    "EMITTED_CODES",
    "ISOLATION",
    "IsolationViolationError",
    "how_to_fix",
    # For the family's parts (not re-exported by the bundle):
    "MEDIUM_RULES",
    "NO_RULES",
    "SMALL_RULES",
    "Gate",
    "ReadablePaths",
    "Rule",
    "gated",
    "install_sleep_event",
    "process_gate",
    "run_rules_from",
]
