"""From observations to suggestions: the smallest size each test function fits, and why.

A size fits when its isolation rules allow everything the test did and its time limit holds the
observed time multiplied by the margin. The cases of a parametrized function share one size,
the largest any of them needs: a marker is written once per function.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pytest_test_categories_core import TestSize
from pytest_test_categories_sizing.model import TIME_KIND, Observation


class Change(enum.Enum):
    """What applying a suggestion does to a function's markers."""

    NONE = "none"  # its size is right already
    ADD = "add"  # it has no size marker: one is added
    RESIZE = "resize"  # its size marker is wrong: changed only with ``apply --resize``


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str
    text: str
    size: TestSize


@dataclass(slots=True)
class Suggestion:
    """The size one test function should have, from the observation of all its cases."""

    file: str
    cls: str | None
    function: str | None
    marked: TestSize | None
    current: TestSize | None
    size: TestSize
    reasons: list[Reason]
    cases: list[tuple[Observation, TestSize]] = field(default_factory=list)

    @property
    def change(self) -> Change:
        if self.marked is None:
            return Change.NONE if self.current is self.size else Change.ADD
        return Change.NONE if self.marked is self.size else Change.RESIZE

    @property
    def name(self) -> str:
        parts = [self.file, *(self.cls.split(".") if self.cls else ()), self.function or "?"]
        return "::".join(parts)

    def verdict(self) -> str:
        """One line a person reads: what is wrong with the size now, and the evidence."""
        because = self.reasons[0].text if self.reasons else "does nothing a small test may not"
        if self.marked is not None and self.marked is not self.size:
            if self.size > self.marked:
                return f"marked {self.marked.value} but {because}"
            return f"marked {self.marked.value} but fits {self.size.value} ({because})"
        if self.marked is None and self.current is not None and self.current is not self.size:
            return f"sized {self.current.value} by a path rule or the default size, but {because}"
        return because


def size_for_time(seconds: float, limits: Mapping[TestSize, float], margin: float) -> TestSize:
    """The smallest size whose limit holds ``seconds * margin`` (xlarge when none does)."""
    wanted = seconds * margin
    for size in TestSize:
        if limits[size] >= wanted:
            return size
    return TestSize.XLARGE


def needs_of(
    observation: Observation, limits: Mapping[TestSize, float], margin: float
) -> tuple[TestSize, list[Reason]]:
    """The size one observed test needs, with every reason that pushes it above small."""
    reasons = [
        Reason(
            evidence.kind,
            f"{_verb(evidence.what)} at {evidence.where} → {evidence.needs.value}",
            evidence.needs,
        )
        for evidence in observation.evidence
    ]
    by_time = size_for_time(observation.duration, limits, margin)
    if by_time is not TestSize.SMALL:
        smaller = TestSize.SMALL if by_time is TestSize.MEDIUM else TestSize.MEDIUM
        reasons.append(
            Reason(
                TIME_KIND,
                f"takes {observation.duration:.2f} s; with the x{margin:g} margin it needs "
                f"{observation.duration * margin:.2f} s, over the {smaller.value} limit of "
                f"{limits[smaller]:g} s → {by_time.value}",
                by_time,
            )
        )
    size = max((reason.size for reason in reasons), default=TestSize.SMALL)
    reasons.sort(key=lambda reason: reason.size, reverse=True)
    return size, reasons


def _verb(what: str) -> str:
    """isolation's "connect to 127.0.0.1:80" as evidence: "connects to 127.0.0.1:80"."""
    verb, _, rest = what.partition(" ")
    irregular = {"DNS": "does a DNS", "reverse": "does a reverse", "time.sleep(": "calls time.sleep("}
    for start, said in irregular.items():
        if what.startswith(start):
            return said + what[len(start) :]
    if verb.endswith(("s", "sh", "ch")):
        return f"{verb}es {rest}"
    return f"{verb}s {rest}"


def suggest(
    observations: Iterable[Observation], limits: Mapping[TestSize, float], margin: float
) -> list[Suggestion]:
    """One suggestion per test function (parametrized cases together), in the order first seen.

    Tests whose body never ran (skipped, failed in set-up) say nothing about their size and get
    no suggestion; nor do tests that are no function (doctests and other custom items).
    """
    grouped: dict[tuple[str, str | None, str], Suggestion] = {}
    for observation in observations:
        if not observation.ran or observation.function is None:
            continue
        size, reasons = needs_of(observation, limits, margin)
        key = (observation.file, observation.cls, observation.function)
        known = grouped.get(key)
        if known is None:
            grouped[key] = Suggestion(
                file=observation.file,
                cls=observation.cls,
                function=observation.function,
                marked=observation.marked,
                current=observation.current,
                size=size,
                reasons=[reason for reason in reasons if reason.size is size],
                cases=[(observation, size)],
            )
            continue
        known.cases.append((observation, size))
        if size > known.size:
            known.size = size
            known.reasons = [reason for reason in reasons if reason.size is size]
        elif size is known.size:
            texts = {reason.text for reason in known.reasons}
            known.reasons += [r for r in reasons if r.size is size and r.text not in texts]
    return list(grouped.values())


def top_reasons(suggestions: Iterable[Suggestion], count: int = 5) -> list[tuple[str, int]]:
    """The kinds of reason that decided most functions' sizes, most frequent first."""
    kinds: Counter[str] = Counter()
    for suggestion in suggestions:
        kinds.update({reason.kind for reason in suggestion.reasons})
    return kinds.most_common(count)
