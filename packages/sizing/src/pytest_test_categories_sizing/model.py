"""What was observed of one test, as plain data that travels on its teardown report.

pytest-xdist ships ``user_properties`` from its workers to the controller, so an observation is
one property holding a small JSON text: the same path serial and distributed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pytest_test_categories_core import SIZES_BY_VALUE, TestSize

OBSERVATION_PROPERTY = "test_size_observation"

# What each violation code means, as a reason a person reads ("top reasons").
KINDS = {
    "TC001": "network",
    "TC002": "files",
    "TC003": "subprocess",
    "TC004": "database",
    "TC005": "time.sleep",
}
TIME_KIND = "took too long"


def kind_of(code: str, needs: TestSize) -> str:
    kind = KINDS.get(code, code)
    if code == "TC001":
        return "network to this machine" if needs is TestSize.MEDIUM else "network to other machines"
    if code == "TC004":
        return "database on this machine" if needs is TestSize.MEDIUM else "database elsewhere"
    return kind


@dataclass(frozen=True, slots=True)
class Evidence:
    """The first time a test did one kind of thing: what, where in the user's code, and the size it needs."""

    code: str
    what: str
    where: str
    phase: str
    needs: TestSize

    @property
    def kind(self) -> str:
        return kind_of(self.code, self.needs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "what": self.what,
            "where": self.where,
            "phase": self.phase,
            "needs": self.needs.value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(data["code"], data["what"], data["where"], data["phase"], SIZES_BY_VALUE[data["needs"]])


@dataclass(slots=True)
class Observation:
    """One test's run under observation; ``ran`` is False when its body never ran (skipped, set-up error)."""

    nodeid: str
    file: str
    cls: str | None
    function: str | None
    marked: TestSize | None
    current: TestSize | None
    duration: float = 0.0
    ran: bool = False
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(
            {
                "nodeid": self.nodeid,
                "file": self.file,
                "class": self.cls,
                "function": self.function,
                "marked": _name(self.marked),
                "current": _name(self.current),
                "duration": self.duration,
                "ran": self.ran,
                "evidence": [evidence.to_dict() for evidence in self.evidence],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Observation:
        data = json.loads(text)
        return cls(
            nodeid=data["nodeid"],
            file=data["file"],
            cls=data["class"],
            function=data["function"],
            marked=_size(data["marked"]),
            current=_size(data["current"]),
            duration=float(data["duration"]),
            ran=bool(data["ran"]),
            evidence=[Evidence.from_dict(item) for item in data["evidence"]],
        )


def _name(size: TestSize | None) -> str | None:
    return None if size is None else size.value


def _size(name: object) -> TestSize | None:
    return SIZES_BY_VALUE.get(name) if isinstance(name, str) else None
