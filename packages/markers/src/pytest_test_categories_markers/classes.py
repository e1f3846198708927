"""Base classes that size every test method of a subclass."""

from __future__ import annotations

from typing import ClassVar

import pytest


class SmallTest:
    """Every test in a subclass is small: one process, no I/O, under a second."""

    pytestmark: ClassVar[list[pytest.MarkDecorator]] = [pytest.mark.small]


class MediumTest:
    """Every test in a subclass is medium: one machine, localhost only, under five minutes."""

    pytestmark: ClassVar[list[pytest.MarkDecorator]] = [pytest.mark.medium]


class LargeTest:
    """Every test in a subclass is large: anything goes, under fifteen minutes."""

    pytestmark: ClassVar[list[pytest.MarkDecorator]] = [pytest.mark.large]


class XLargeTest:
    """Every test in a subclass is xlarge: anything goes, under fifteen minutes."""

    pytestmark: ClassVar[list[pytest.MarkDecorator]] = [pytest.mark.xlarge]
