"""Tests whose pytest-xdist worker died while running them, and how the report words that.

pytest-xdist reports such a test as failed (``when == "???"``) and goes on with a new worker.
The test did not finish, so the report lists it as unfinished and says the run is partial,
naming the test and the worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pytest

NAMED = 5  # crashes named in the reason; ``unfinished`` lists them all


class Crash(NamedTuple):
    nodeid: str
    worker: str | None  # pytest-xdist's worker id, e.g. "gw1"


def worker_of(report: pytest.TestReport) -> str | None:
    """The id of the worker a crash report is about (pytest-xdist puts the worker on ``report.node``)."""
    gateway = getattr(getattr(report, "node", None), "gateway", None)
    worker = getattr(gateway, "id", None)
    return worker if isinstance(worker, str) else None


def crash_reason(crashes: Sequence[Crash]) -> str | None:
    """``worker gw1 crashed while running test_a.py::test_x``, or a list when several did."""
    if not crashes:
        return None
    if len(crashes) == 1:
        crash = crashes[0]
        return f"{_worker(crash)} crashed while running {crash.nodeid}"
    named = ", ".join(f"{crash.nodeid} ({_worker(crash)})" for crash in crashes[:NAMED])
    more = f" and {len(crashes) - NAMED} more" if len(crashes) > NAMED else ""
    return f"workers crashed while running {len(crashes)} tests: {named}{more}"


def _worker(crash: Crash) -> str:
    return f"worker {crash.worker}" if crash.worker is not None else "a worker"
