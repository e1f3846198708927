"""Test sizes, ordered from the most to the least hermetic, and their default time limits."""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from types import MappingProxyType


@functools.total_ordering
class TestSize(enum.Enum):
    """The size of a test, as Google defines it: the larger, the more a test may do."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    XLARGE = "xlarge"

    # Members are singletons compared by identity, so the identity hash fits; Enum's own
    # ``__hash__`` is Python code, and sizes are dict keys on every test's path.
    __hash__ = object.__hash__

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TestSize):
            return NotImplemented
        return self.rank < other.rank

    @classmethod
    def from_name(cls, name: str) -> TestSize:
        """Parse a size name (case and surrounding blanks ignored); ValueError names the choices."""
        try:
            return cls(name.strip().lower())
        except ValueError:
            raise ValueError(f"unknown test size {name!r}; allowed: {SIZE_NAMES}") from None


# pytest would otherwise try to collect the enum as a test class when a test module imports it.
TestSize.__test__ = False  # type: ignore[attr-defined]

_RANK = {size: rank for rank, size in enumerate(TestSize)}
SIZES_BY_VALUE: Mapping[str, TestSize] = MappingProxyType({size.value: size for size in TestSize})
SIZE_NAMES = ", ".join(size.value for size in TestSize)

DEFAULT_TIME_LIMITS: Mapping[TestSize, float] = MappingProxyType(
    {TestSize.SMALL: 1.0, TestSize.MEDIUM: 300.0, TestSize.LARGE: 900.0, TestSize.XLARGE: 900.0}
)
