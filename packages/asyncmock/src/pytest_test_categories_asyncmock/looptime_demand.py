"""Keep looptime's pytest hooks only in runs that have a test on virtual time.

looptime's plugin wraps every fixture set-up and every test call, and patches every event loop
pytest-asyncio makes, so that a test marked ``looptime`` can fast-forward its loop. A run where no
collected test asks for virtual time (``virtual_time`` fixture or marker, looptime's ``looptime``
marker or fixture, or ``--looptime``) gets nothing from that work, so once collection is over we
take looptime's hooks out of such a run. Fixtures were already collected and keep working.

A test that asks for virtual time only at run time (``request.getfixturevalue("virtual_time")``,
or a marker added from a fixture) is not seen here; ``virtual_time`` then says what to do.
"""

from __future__ import annotations

import sys

import pytest

from pytest_test_categories_asyncmock.clock import LOOPTIME_PLUGIN_MODULE, LOOPTIME_UNUSED_KEY

# Markers that mean "this test runs on looptime's clock" (the fixtures of the same names do too).
DEMANDING_MARKERS = frozenset({"virtual_time", "looptime"})

_DEMANDED_KEY = pytest.StashKey[bool]()


def note_demand(config: pytest.Config) -> None:
    """Some collected test needs looptime."""
    config.stash[_DEMANDED_KEY] = True


def drop_looptime_if_unused(config: pytest.Config) -> None:
    """Called when collection is finished: unregister looptime's hooks if nothing needs them."""
    if config.stash.get(_DEMANDED_KEY, False) or config.getoption("looptime", None) is True:
        return
    module = sys.modules.get(LOOPTIME_PLUGIN_MODULE)
    if module is None or not config.pluginmanager.is_registered(module):
        return
    config.pluginmanager.unregister(module)
    config.stash[LOOPTIME_UNUSED_KEY] = True
