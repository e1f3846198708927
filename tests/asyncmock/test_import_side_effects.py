"""Importing the fixtures has no side effects, and switching the plugin off leaves nothing of ours.

A conftest that imports the fixtures runs before pytest loads the plugins named with ``-p`` or
``pytest_plugins``: had the import pulled in pytest-asyncio's or pytest-mock's plugin module,
pytest would warn that it cannot rewrite it, and ``-W error`` would stop the run. Each documented
way of loading is run in a fresh interpreter, where nothing was imported before.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, entry_points, requires

import pytest
from packaging.requirements import Requirement

from ..fresh_python import assert_imports_nothing_foreign, run_python

pytestmark = pytest.mark.medium


IMPORT_LINE = (
    "from pytest_test_categories_asyncmock import async_mocker, mock_api, virtual_time  # noqa: F401\n"
)

SUITE = """
import asyncio
import httpx
import pytest


@pytest.mark.asyncio
async def test_all_three(mock_api, async_mocker, virtual_time):
    mock_api.get("https://api.example.com/ping").respond(json={"pong": True})
    async with httpx.AsyncClient() as client:
        assert (await client.get("https://api.example.com/ping")).json() == {"pong": True}
    assert await async_mocker.mock(return_value=7)() == 7
    await asyncio.sleep(3600)
    assert virtual_time.now == 3600


def test_sync(mock_api):
    mock_api.get("https://api.example.com/").respond(text="hi")
    assert httpx.get("https://api.example.com/").text == "hi"
"""

INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"


def test_importing_the_package_imports_no_other_plugin_nor_library(pytester: pytest.Pytester) -> None:
    assert_imports_nothing_foreign(
        pytester,
        "import pytest_test_categories_asyncmock\n"
        "from pytest_test_categories_asyncmock import mock_api, async_mocker, virtual_time, VirtualClock",
    )


def test_the_classes_built_on_those_libraries_are_still_importable(pytester: pytest.Pytester) -> None:
    code = (
        "from pytest_test_categories_asyncmock import ApiRouter, AsyncMocker, UnmockedRequestError\n"
        "import respx\n"
        "print('SUBCLASS', issubclass(ApiRouter, respx.MockRouter), issubclass(UnmockedRequestError, AssertionError))\n"
        "import pytest_test_categories_asyncmock as package\n"
        "try:\n"
        "    package.NoSuchName\n"
        "except AttributeError as error:\n"
        "    print('MISSING', error)\n"
    )
    result = run_python(pytester, code)
    result.stdout.fnmatch_lines(
        [
            "SUBCLASS True True",
            "MISSING module 'pytest_test_categories_asyncmock' has no attribute 'NoSuchName'",
        ]
    )


@pytest.mark.parametrize(
    ("conftest", "args", "autoload"),
    [
        (IMPORT_LINE, ["-p", "pytest_asyncio.plugin", "-p", "pytest_mock"], False),
        (
            IMPORT_LINE,
            ["-p", "pytest_asyncio.plugin", "-p", "pytest_mock", "-p", "test_categories_asyncmock"],
            False,
        ),
        (
            IMPORT_LINE
            + 'pytest_plugins = ["pytest_asyncio.plugin", "pytest_mock", "pytest_test_categories_asyncmock"]\n',
            [],
            False,
        ),
        (IMPORT_LINE, [], True),
    ],
    ids=["-p module names", "-p and our plugin", "pytest_plugins in the conftest", "plugin autoload"],
)
def test_a_conftest_importing_the_fixtures_is_clean_under_w_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, conftest: str, args: list[str], autoload: bool
) -> None:
    if autoload:
        monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        # looptime is in this test environment for timing's tests only; it is no dependency of ours.
        # Every part of the family is installed here: these tests are about imports, not sizes.
        args = ["-p", "no:looptime_plugin", "-o", "test_categories_unsized=ignore"]
    else:
        monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeini(INI)
    pytester.makeconftest(conftest)
    pytester.makepyfile(SUITE)
    result = pytester.runpytest_subprocess("-W", "error", "-p", "no:cacheprovider", *args)
    output = result.stdout.str() + result.stderr.str()
    assert "already imported" not in output, output
    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.OK


# Plugins that come with the libraries the fixtures are built on, which a user of them has anyway:
# each acts only on tests that use it (its fixtures, or its own marker).
EXPECTED_PLUGIN_DISTRIBUTIONS = {
    "pytest-test-categories-asyncmock",  # ours: -p no:test_categories_asyncmock switches it off
    "pytest-test-categories-core",  # ours: the family's shared hooks, on whenever a part is on
    "pytest-mock",  # the mocker fixtures
    "respx",  # the respx_mock fixture and the respx marker
    "anyio",  # through httpx: @pytest.mark.anyio tests
}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _closure(distribution: str) -> set[str]:
    """The distribution and everything it requires, recursively (extras left out)."""
    seen: set[str] = set()
    pending = [distribution]
    while pending:
        name = _name(pending.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            required = requires(name) or []
        except PackageNotFoundError:
            continue
        for line in required:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return seen


def test_asyncmock_brings_no_plugin_that_acts_on_tests_which_do_not_use_it() -> None:
    """What installing asyncmock adds to a run besides itself: no virtual-clock library's plugin
    (looptime's wrapped every fixture and test call of every run, and leaked an event loop with
    ours switched off), only the plugins of the libraries the fixtures are built on."""
    closure = _closure("pytest-test-categories-asyncmock")
    with_plugins = {
        _name(point.dist.name)
        for point in entry_points(group="pytest11")
        if point.dist is not None and _name(point.dist.name) in closure
    }
    assert with_plugins == EXPECTED_PLUGIN_DISTRIBUTIONS
    assert "looptime" not in closure
    # pytest-asyncio (for virtual_time) comes only with the `asyncio` extra: its plugin warns at
    # start-up in a suite without asyncio_default_fixture_loop_scope (an INTERNALERROR under
    # filterwarnings = error in an anyio suite that never used it).
    assert "pytest-asyncio" not in closure
    extra = [Requirement(line) for line in requires("pytest-test-categories-asyncmock") or []]
    assert [str(r) for r in extra if r.marker and r.marker.evaluate({"extra": "asyncio"})] == [
        'pytest-asyncio>=1.1; extra == "asyncio"'
    ]


def test_switched_off_nothing_of_asyncmock_is_left_in_the_run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    pytester.makeini(INI)
    pytester.makeconftest(
        """
        import sys

        def pytest_sessionfinish(session):
            manager = session.config.pluginmanager
            ours = sorted(
                name for name, module in sys.modules.items()
                if name.startswith("pytest_test_categories_asyncmock") and manager.is_registered(module)
            )
            print("ASYNCMOCK PLUGINS", ours)
        """
    )
    pytester.makepyfile("def test_uses_it(virtual_time):\n    pass\n")
    result = pytester.runpytest_subprocess(
        "-p",
        "no:test_categories_asyncmock",
        "-p",
        "no:cacheprovider",
        "-s",
        "-o",
        "test_categories_unsized=ignore",
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*ASYNCMOCK PLUGINS []", "*fixture 'virtual_time' not found*"], consecutive=False
    )
