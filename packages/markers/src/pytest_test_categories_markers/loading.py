"""How a part that reads sizes and budgets loads the markers plugin."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import ensure_registered

MARKERS_NAME = "test_categories_markers"


def ensure_markers(pluginmanager: pytest.PytestPluginManager, needed_by: str) -> None:
    """Load the markers plugin for a part that reads the sizes and budgets it resolves.

    Without it, sizes would come from the closest marker unchecked (a bad or too-large budget
    taken as it is), the size markers would be unregistered, and there would be no path rules
    or default size: every part that reads sizes needs it, as its package declares.
    """
    ensure_registered(
        pluginmanager, MARKERS_NAME, "pytest_test_categories_markers.plugin", needed_by=needed_by
    )
