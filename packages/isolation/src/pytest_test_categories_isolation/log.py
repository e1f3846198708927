"""The isolation violations of one test, kept on the test's stash from the first one on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from pytest_test_categories_core import Violation, forget_on_rerun


@dataclass(slots=True)
class ViolationLog:
    """A test's violations in the order they happened, with the phase each happened in."""

    entries: list[tuple[str, Violation]] = field(default_factory=list)
    seen: dict[tuple[str, str, str], Violation] = field(default_factory=dict)
    shown: int = 0  # entries before this one were already shown in a failure (strict mode)

    def in_phase(self, phase: str) -> bool:
        return any(when == phase for when, _ in self.entries)


LOG_KEY = pytest.StashKey[ViolationLog]()
forget_on_rerun(LOG_KEY)  # a test run again (pytest-rerunfailures) starts with an empty log
