"""The isolation mode: ``off``, ``warn`` (the default) or ``strict``.

The older plugin called this setting "enforcement"; its names stay as aliases so its users can
switch without touching their configuration.
"""

from __future__ import annotations

from pytest_test_categories_core import ChoiceSetting, Enforcement

ISOLATION = ChoiceSetting(
    cli="--test-categories-isolation",
    ini="test_categories_isolation",
    choices=Enforcement,
    default=Enforcement.WARN,
    help="what to do when a test does what its size forbids (network, filesystem, subprocess, sleep): "
    "off ignores it, warn lists it at the end of the run, strict fails the test",
    cli_aliases=("--test-categories-enforcement",),
    ini_aliases=("test_categories_enforcement",),
)
