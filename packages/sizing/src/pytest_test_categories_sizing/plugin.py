"""pytest hooks of the sizing plugin: nothing at all unless ``--test-size-suggest`` is given.

In a run that suggests, the other parts only observe: isolation and timing are switched off
(nothing is blocked, no test is stopped) and unsized tests are not failed, so every test runs
as it would without size enforcement, and the observer gates it instead. Every other run gets no
hook of this plugin beyond its options and never imports the observing code: it costs nothing
per test.
"""

from __future__ import annotations

import pytest

from pytest_test_categories_core import add_layer, ensure_registered
from pytest_test_categories_markers import ensure_markers
from pytest_test_categories_sizing import settings as sizing_settings

PLUGIN_NAME = "test_categories_sizing"
OBSERVER_NAME = "test_categories_sizing_observer"
WRITER_NAME = "test_categories_sizing_writer"
# The other parts' modes, switched off while observing (the command line beats the ini file).
_OBSERVING_MODES = ("test_categories_isolation", "test_categories_timing")


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    ensure_registered(pluginmanager)
    ensure_markers(pluginmanager, needed_by=PLUGIN_NAME)


def pytest_addoption(parser: pytest.Parser) -> None:
    sizing_settings.register(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("test_size_suggest", False):
        return
    settings = sizing_settings.resolve(config)
    # Imported only now: a run that does not suggest never loads the observing code.
    from pytest_test_categories_isolation import install_sleep_event, process_gate, run_rules_from
    from pytest_test_categories_sizing.collect import SuggestionWriter
    from pytest_test_categories_sizing.observe import Observer

    for dest in _OBSERVING_MODES:
        setattr(config.option, dest, "off")
    install_sleep_event()
    run_rules_from(__name__.rpartition(".")[0])
    observer = Observer(config, process_gate())
    config.pluginmanager.register(observer, OBSERVER_NAME)
    add_layer(config, "sizing", observer.layer)
    if getattr(config, "workerinput", None) is None:  # not a pytest-xdist worker
        config.pluginmanager.register(SuggestionWriter(config, settings), WRITER_NAME)
