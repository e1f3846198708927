"""A run of the whole suite says up front how long it takes; a run of one folder does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.medium

ROOT = Path(__file__).resolve().parents[2]


def header(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-p", "no:xdist", "-p", "no:randomly", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return done.stdout.split("collected")[0]


def test_the_whole_suite_announces_its_time() -> None:
    assert "the whole suite: about" in header("tests")


def test_one_folder_does_not() -> None:
    assert "the whole suite" not in header("tests/core")
