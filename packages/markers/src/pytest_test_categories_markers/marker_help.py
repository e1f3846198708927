"""The size markers' lines in ``pytest --markers``."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import TestSize

MARKER_HELP = {
    TestSize.SMALL: "one process, no network, no subprocess, no filesystem, no sleep; under 1 s by default",
    TestSize.MEDIUM: "one machine, network to localhost only; under 300 s by default",
    TestSize.LARGE: "anything, including other machines; under 900 s by default",
    TestSize.XLARGE: "anything, including other machines; under 900 s by default",
}


def add_marker_lines(config: pytest.Config) -> None:
    for size, text in MARKER_HELP.items():
        config.addinivalue_line(
            "markers",
            f"{size.value}(timeout=None): {size.value} test: {text}; "
            "timeout= sets a stricter budget in seconds",
        )
