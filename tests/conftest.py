"""Shared fixtures for the project's own tests.

Every behaviour is tested by running pytest on small test files (pytester) with plugin autoload
off and only the plugins under test loaded with ``-p``, so each package is proven on its own.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

PLUGINS = {
    "core": "pytest_test_categories_core.plugin",
    "markers": "pytest_test_categories_markers.plugin",
    "timing": "pytest_test_categories_timing.plugin",
    "asyncmock": "pytest_test_categories_asyncmock.plugin",
    "reporting": "pytest_test_categories_reporting.plugin",
    "isolation": "pytest_test_categories_isolation.plugin",
}

RunWith = Callable[..., pytest.RunResult]


@pytest.fixture(autouse=True)
def _output_as_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest prints whole failure messages in its short summary when it sees ``CI`` or
    ``BUILD_NUMBER``; the inner runs our tests read should print the same everywhere."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BUILD_NUMBER", raising=False)


@pytest.fixture
def run_with(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> RunWith:
    """``run_with("markers", "timing", args=["-q"])`` runs pytest in-process with only those plugins.

    Pass ``extra=["xdist", "asyncio"]`` for third-party plugins (by their ``-p`` names), and
    ``subprocess=True`` where a test needs a fresh interpreter (signals, xdist, crashes), with
    ``timeout=`` seconds where the old code would hang (the test then fails instead).
    """
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")

    def run(
        *parts: str,
        args: tuple[str, ...] | list[str] = (),
        extra: tuple[str, ...] | list[str] = (),
        subprocess: bool = False,
        timeout: float | None = None,
    ) -> pytest.RunResult:
        plugin_args: list[str] = []
        for part in parts:
            plugin_args += ["-p", PLUGINS[part]]
        for name in extra:
            plugin_args += ["-p", name]
        # pytest before 9.1 warns that a plugin module passed with -p was imported before the
        # inner run could rewrite its asserts (it was: by the outer run). Last, to win over -W error.
        quiet = ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
        if subprocess:
            return pytester.runpytest_subprocess(*plugin_args, *args, *quiet, timeout=timeout)
        return pytester.runpytest(*plugin_args, *args, *quiet)

    return run


# What the whole suite takes on a 2-core machine (an idle one, measured with hatch test; the README
# says the same). Shown in the header of a run of the whole suite, so nobody waits blind.
WHOLE_SUITE_TIME = "about 4 min on 2 cores with `hatch test` (xdist), about 7 min serially"


def pytest_report_header(config: pytest.Config) -> list[str]:
    tests = config.rootpath / "tests"
    chosen = [config.rootpath / arg.split("::")[0] for arg in config.args]
    if all(path.resolve() == tests.resolve() for path in chosen):
        return [f"the whole suite: {WHOLE_SUITE_TIME}; run one folder (hatch test tests/<part>) for less"]
    return []
