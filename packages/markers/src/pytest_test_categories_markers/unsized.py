"""What the run does with tests that have no size: the ``test_categories_unsized`` policy.

``notice`` (the default) shows them without changing any outcome: the header counts them and the
terminal summary gets one line. It goes nowhere near the warnings machinery, so a suite with
``filterwarnings = error`` runs exactly as it did before the plugin was installed. ``warn`` is the
explicit opt-in to one Python warning (which warnings-as-errors turns into an error per unsized
test), ``error`` errors each of them, ``ignore`` says nothing.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pytest_test_categories_markers.settings import UNSIZED, UnsizedPolicy
from pytest_test_categories_markers.setup_guard import fail_at_setup

SHOWN = 3
"""How many unsized tests the warning and the summary line name; the rest are counted."""

WORKER_OUTPUT_KEY = "test_categories_unsized"
"""Where a pytest-xdist worker leaves its unsized tests for the controller's summary line."""

NOTICE_NAME = "test_categories_markers_unsized_notice"


class UnsizedTestsWarning(pytest.PytestWarning):
    """Some collected tests have no size (only with ``test_categories_unsized = warn``)."""


@dataclass(frozen=True, slots=True)
class Unsized:
    """The unsized tests of a run: how many, and the first few node ids."""

    count: int
    first: tuple[str, ...]

    @classmethod
    def of(cls, nodeids: Sequence[str]) -> Unsized:
        return cls(len(nodeids), tuple(nodeids[:SHOWN]))

    def named(self) -> str:
        more = f" and {self.count - len(self.first)} more" if self.count > len(self.first) else ""
        return ", ".join(self.first) + more

    def have_no_size(self) -> str:
        return f"{self.count} test{'s have' if self.count != 1 else ' has'} no size marker: {self.named()}"


HOW_TO_SIZE = (
    "Mark them with @pytest.mark.small/medium/large/xlarge, or give unmarked tests a size with "
    "test_categories_default_size or test_categories_size_paths"
)


def summary_line(unsized: Unsized) -> str:
    """The one line ``notice`` adds to the terminal summary."""
    return (
        f"test sizes: {unsized.have_no_size()}. {HOW_TO_SIZE} "
        "(test_categories_unsized = ignore hides this line)."
    )


class UnsizedNotice:
    """Prints the summary line at the end of the run; registered only when there is something to say.

    On a pytest-xdist controller, which collects nothing itself, the workers' counts arrive with
    their ``workeroutput`` (every worker collects every test, so any one of them has the count).
    """

    def __init__(self, unsized: Unsized | None = None) -> None:
        self.unsized = unsized

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        sent = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY)
        if self.unsized is None and sent:
            count, first = sent
            self.unsized = Unsized(int(count), tuple(str(nodeid) for nodeid in first))

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.unsized is not None and self.unsized.count:
            terminalreporter.write_line(summary_line(self.unsized), yellow=True)


def notice(config: pytest.Config, nodeids: Sequence[str]) -> None:
    """``notice``: keep the unsized tests for the summary line (on a worker, for the controller)."""
    unsized = Unsized.of(nodeids)
    worker_output = getattr(config, "workeroutput", None)
    if worker_output is not None:
        worker_output[WORKER_OUTPUT_KEY] = [unsized.count, list(unsized.first)]
        return
    plugin = config.pluginmanager.get_plugin(NOTICE_NAME)
    if isinstance(plugin, UnsizedNotice):
        plugin.unsized = unsized
    elif not config.pluginmanager.is_blocked(NOTICE_NAME):
        config.pluginmanager.register(UnsizedNotice(unsized), NOTICE_NAME)


def warn(config: pytest.Config, nodeids: Sequence[str]) -> bool:
    """``warn``: one warning for all unsized tests; True where warnings are errors (they must fail).

    The warning points at the line of the configuration file that chose ``warn``, which is its cause.
    On pytest-xdist workers but the first it is only checked, not shown: each worker collects every
    test, and each copy would reach the controller's warnings summary.
    """
    unsized = Unsized.of(nodeids)
    filename, lineno = _where_warn_is_set(config)
    shown = _shows_warnings(config)
    try:
        with contextlib.nullcontext() if shown else warnings.catch_warnings(record=True):
            warnings.warn_explicit(
                UnsizedTestsWarning(
                    f"{unsized.have_no_size()}. {HOW_TO_SIZE}, "
                    "or set test_categories_unsized = ignore or notice."
                ),
                category=UnsizedTestsWarning,
                filename=filename,
                lineno=lineno,
            )
    except UnsizedTestsWarning:  # warnings are errors here (-W error, filterwarnings = error)
        return True
    return False


def _shows_warnings(config: pytest.Config) -> bool:
    worker = getattr(config, "workerinput", None)
    return worker is None or worker.get("workerid") in (None, "gw0")


def _where_warn_is_set(config: pytest.Config) -> tuple[str, int]:
    """The configuration file and line setting the policy, or a label saying where else it came from."""
    inipath: Path | None = config.inipath
    if inipath is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for number, line in enumerate(inipath.read_text(encoding="utf-8").splitlines(), start=1):
                if line.lstrip().startswith(UNSIZED.ini):
                    return _shortest(inipath, config.invocation_params.dir), number
    return f"-o {UNSIZED.ini}={UnsizedPolicy.WARN.value}", 0


def _shortest(path: Path, start: Path) -> str:
    try:
        return str(path.relative_to(start))
    except ValueError:
        return str(path)


def apply(config: pytest.Config, policy: UnsizedPolicy, unsized: Sequence[pytest.Item]) -> bool:
    """Apply the policy to the run's unsized tests; True when some tests must now fail at set-up."""
    nodeids = [item.nodeid for item in unsized]
    if policy is UnsizedPolicy.NOTICE:
        notice(config, nodeids)
    elif policy is UnsizedPolicy.WARN and warn(config, nodeids):
        because = "test_categories_unsized = warn is set, and warnings are errors in this run"
        return _fail_unsized(unsized, because)
    elif policy is UnsizedPolicy.ERROR:
        return _fail_unsized(unsized, "test_categories_unsized = error is set")
    return False


def _fail_unsized(unsized: Sequence[pytest.Item], because: str) -> bool:
    for item in unsized:
        fail_at_setup(
            item,
            f"{item.nodeid} has no size. Mark it (@pytest.mark.small, medium, large or xlarge), "
            "or give unmarked tests one with test_categories_default_size or "
            f"test_categories_size_paths ({because}).",
        )
    return True
