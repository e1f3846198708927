"""The shape of the suite: the share of each size against its target, and the TC007 verdict.

Shares are of the sized tests that ran; unsized tests are counted but have no share. With fewer
than ``MINIMUM_SIZED_TESTS`` sized tests a single test moves a share by 5 points or more (the
default tolerance), so the check only informs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from pytest_test_categories_core import Enforcement, TestSize, Violation

MINIMUM_SIZED_TESTS = 20
_EPSILON = 1e-9

OK = "ok"
LOW = "low"
HIGH = "high"


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bar of the pyramid: the sizes it counts, how many ran, and its target band."""

    name: str
    sizes: tuple[TestSize, ...]
    count: int
    percent: float
    target: float
    tolerance: float

    @property
    def low(self) -> float:
        return max(0.0, self.target - self.tolerance)

    @property
    def high(self) -> float:
        return min(100.0, self.target + self.tolerance)

    @property
    def status(self) -> str:
        if self.percent < self.low - _EPSILON:
            return LOW
        if self.percent > self.high + _EPSILON:
            return HIGH
        return OK

    @property
    def label(self) -> str:
        return "+".join(size.value for size in self.sizes)


@dataclass(frozen=True, slots=True)
class Distribution:
    mode: Enforcement
    targets: Mapping[TestSize, float]
    tolerance: float
    buckets: tuple[Bucket, ...]
    sized: int
    unsized: int

    @property
    def judged(self) -> bool:
        return self.sized >= MINIMUM_SIZED_TESTS

    @property
    def off_target(self) -> tuple[Bucket, ...]:
        return tuple(bucket for bucket in self.buckets if bucket.status != OK)

    @property
    def status(self) -> str:
        """``ok``, ``off-target`` or ``too-few-tests`` (then nothing is enforced)."""
        if not self.judged:
            return "too-few-tests"
        return "off-target" if self.off_target else OK

    @property
    def fails(self) -> bool:
        return self.mode is Enforcement.STRICT and self.status == "off-target"


def bucket_sizes(targets: Mapping[TestSize, float]) -> tuple[tuple[TestSize, ...], ...]:
    """small, medium, large; xlarge is a bar of its own only when the targets name it."""
    if TestSize.XLARGE in targets:
        return tuple((size,) for size in TestSize)
    return ((TestSize.SMALL,), (TestSize.MEDIUM,), (TestSize.LARGE, TestSize.XLARGE))


def evaluate(
    counts: Counter[TestSize | None],
    *,
    mode: Enforcement,
    targets: Mapping[TestSize, float],
    tolerance: float,
) -> Distribution:
    sized = sum(count for size, count in counts.items() if size is not None)
    buckets = []
    for sizes in bucket_sizes(targets):
        count = sum(counts.get(size, 0) for size in sizes)
        buckets.append(
            Bucket(
                name=sizes[0].value,
                sizes=sizes,
                count=count,
                percent=100.0 * count / sized if sized else 0.0,
                target=targets.get(sizes[0], 0.0),
                tolerance=tolerance,
            )
        )
    return Distribution(
        mode=mode,
        targets=targets,
        tolerance=tolerance,
        buckets=tuple(buckets),
        sized=sized,
        unsized=counts.get(None, 0),
    )


def sized_tests(count: int) -> str:
    return f"{count} sized test{'' if count == 1 else 's'}"


def describe(bucket: Bucket) -> str:
    return (
        f"{bucket.label} {bucket.percent:.1f}% ({bucket.count}), "
        f"target {bucket.target:g}% ±{bucket.tolerance:g}"
    )


def distribution_violation(distribution: Distribution) -> Violation:
    """The TC007 message for a suite whose shape is outside its targets."""
    wrong = "; ".join(
        f"{describe(bucket)}: too {'few' if bucket.status == LOW else 'many'}"
        for bucket in distribution.off_target
    )
    return Violation(
        code="TC007",
        nodeid=f"the whole run ({sized_tests(distribution.sized)})",
        size=None,
        what_happened=f"the share of test sizes is outside the targets: {wrong}",
        how_to_fix=(
            "make tests smaller where you can (mock I/O, split end-to-end tests into small ones), "
            "or set test_categories_distribution_targets / test_categories_distribution_tolerance "
            "to the shape your team agreed on"
        ),
    )
