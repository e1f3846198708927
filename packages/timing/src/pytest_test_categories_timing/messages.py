"""The words a person reads when their test ran out of time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pytest_test_categories_core import TestSize, Violation, render_violation

SIZE_LIMIT = "TC006"
BUDGET = "TC008"


@dataclass(frozen=True, slots=True)
class Texts:
    """Everything a message needs that is fixed for the run: limits and where paths are relative to."""

    limits: Mapping[TestSize, float]
    root: Path

    def allowance(self, size: TestSize, limit: float, code: str) -> str:
        if code == BUDGET:
            return f"its budget of {limit:g} s (@pytest.mark.{size.value}(timeout={limit:g}))"
        return f"the {size.value} limit of {limit:g} s"

    def how_to_fix(self, size: TestSize, code: str) -> str:
        if code == BUDGET:
            return (
                "make it faster, or raise its timeout= budget (at most the "
                f"{size.value} limit of {self.limits[size]:g} s), or remove the budget."
            )
        larger = [bigger for bigger in TestSize if bigger > size]
        advice = (
            "make it faster: mock slow I/O, replace real waiting with virtual time, "
            "await independent work concurrently"
        )
        if larger:
            bigger = larger[0]
            advice += (
                f"; or, if it really needs longer, give it a larger size "
                f"(@pytest.mark.{bigger.value} allows {self.limits[bigger]:g} s)"
            )
        return advice + "."

    def violation(self, nodeid: str, size: TestSize, code: str, what_happened: str) -> Violation:
        return Violation(
            code=code,
            nodeid=nodeid,
            size=size,
            what_happened=what_happened,
            how_to_fix=self.how_to_fix(size, code),
        )


def stopped(allowance: str, seconds: float, where: tuple[str, ...], awaiting: bool) -> str:
    verb, doing = ("cancelled", "awaiting") if awaiting else ("stopped", "running")
    text = f"{verb} at {allowance} (after {seconds:.2f} s)"
    if where:
        text += f" while {doing} " + " -> ".join(where)
    return text


def carried_on(allowance: str, seconds: float, subtests: bool = False) -> str:
    if subtests:
        # pytest's subtests fixture turns every exception in a subtest into that subtest's failure
        return (
            f"stopped at {allowance}, but the subtests fixture caught the stop (each subtest keeps its "
            f"own failure) and the later subtests ran on; it ended after {seconds:.2f} s"
        )
    return f"caught the stop at {allowance} and carried on; it ended after {seconds:.2f} s"


def took(allowance: str, seconds: float, not_stopped_because: str | None) -> str:
    text = f"took {seconds:.2f} s, over {allowance}"
    if not_stopped_because:
        text += f" (not stopped earlier: {not_stopped_because})"
    return text


def failure_text(violation: Violation, also: BaseException | None = None) -> str:
    """The message of the failure: one summary line (for the short summary), then the box."""
    first = violation.summary
    if also is not None:
        own = str(also).strip().splitlines()
        first += f"; the test also failed: {type(also).__name__}" + (f": {own[0]}" if own else "")
    return f"{first}\n{render_violation(violation)}"


def warning_text(violation: Violation) -> str:
    return f"{violation.summary} [{violation.nodeid}]. How to fix: {violation.how_to_fix}"


def stopped_again(
    allowance: str, first: float, again: float, where: tuple[str, ...], awaiting: bool, subtests: bool = False
) -> str:
    """A test that caught its first stop and was stopped again, with one it could not catch."""
    doing = "awaiting" if awaiting else "running"
    if subtests:
        caught = (
            f"stopped at {allowance} (after {first:.2f} s), but the subtests fixture caught the stop "
            "(each subtest keeps its own failure)"
        )
    else:
        caught = f"caught the stop at {allowance} (after {first:.2f} s) and carried on"
    text = f"{caught}, so it was stopped again, harder, after {again:.2f} s"
    if where:
        text += f" while {doing} " + " -> ".join(where)
    return text


def kept_running(allowance: str, first: float, seconds: float, where: tuple[str, ...]) -> str:
    """A test still running after both stops and their graces: the last resort ends the process."""
    text = (
        f"kept running after it was stopped at {allowance} (after {first:.2f} s) and stopped again, harder; "
        f"still running after {seconds:.2f} s"
    )
    if where:
        text += " at " + " -> ".join(where)
    return text
