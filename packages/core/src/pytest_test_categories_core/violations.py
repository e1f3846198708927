"""What a broken promise looks like, and the one way every plugin prints it."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from pytest_test_categories_core.sizes import TestSize

DOCS_URL = "https://pytest-test-categories.readthedocs.io/en/latest/errors/"

# The meaning of each code is fixed: users of the older plugin know them, and reports count by them.
CODES = MappingProxyType(
    {
        "TC001": "network access",
        "TC002": "filesystem access",
        "TC003": "subprocess",
        "TC004": "database access",
        "TC005": "sleep",
        "TC006": "time limit exceeded",
        "TC007": "test distribution",
        "TC008": "time budget exceeded",
        "TC009": "unmocked HTTP request",
    }
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken promise of one test: which, where, what happened and how to fix it."""

    code: str
    nodeid: str
    size: TestSize | None
    what_happened: str
    how_to_fix: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown violation code {self.code!r}; known: {', '.join(CODES)}")

    @property
    def kind(self) -> str:
        return CODES[self.code]

    @property
    def docs_url(self) -> str:
        return f"{DOCS_URL}{self.code.lower()}/"

    @property
    def summary(self) -> str:
        """One line, for short summaries, warnings and reports."""
        return f"{self.code} {self.kind}: {self.what_happened}"


def render_violation(violation: Violation) -> str:
    """The boxed message shown to the person whose test just broke a promise."""
    size = f" [{violation.size.value}]" if violation.size is not None else ""
    title = f"+-- {violation.code} {violation.kind} "
    lines = [
        title + "-" * max(4, 72 - len(title)),
        f"| Test: {violation.nodeid}{size}",
        f"| What happened: {violation.what_happened}",
        f"| How to fix: {violation.how_to_fix}",
        f"| Docs: {violation.docs_url}",
        "+" + "-" * 71,
    ]
    return "\n".join(lines)
