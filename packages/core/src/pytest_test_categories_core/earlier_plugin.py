"""The earlier (1.2.x) plugin's name, which switches nothing off here."""

from __future__ import annotations

import pytest

EARLIER_PLUGIN_NAME = "test_categories"  # the earlier pytest-test-categories plugin (1.2.x)


def refuse_the_earlier_plugins_name(pluginmanager: pytest.PytestPluginManager) -> None:
    """``-p no:test_categories`` switched the earlier plugin off; here it would switch nothing off.

    pytest says nothing about blocking a name no plugin has, so a job that meant to run without
    size enforcement would go on enforcing: it is a usage error that names what to write instead.
    """
    if pluginmanager.is_blocked(EARLIER_PLUGIN_NAME):
        parts = ("timing", "isolation", "reporting", "asyncmock", "markers", "core")
        names = " ".join(f"-p no:test_categories_{part}" for part in parts)
        raise pytest.UsageError(
            f"-p no:{EARLIER_PLUGIN_NAME} is the earlier plugin's name and switches nothing off here: "
            "each part has its own name. Block the parts you want off, or all of them "
            f"({names}), or set a part's mode to off (for example --test-categories-timing=off)."
        )
