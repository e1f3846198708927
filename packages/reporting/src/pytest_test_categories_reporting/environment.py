"""The software a report was made with: Python, pytest and the installed parts of this family."""

from __future__ import annotations

import platform
from importlib import metadata

import pytest

DISTRIBUTIONS = (
    "pytest-test-categories",
    "pytest-test-categories-core",
    "pytest-test-categories-markers",
    "pytest-test-categories-timing",
    "pytest-test-categories-asyncmock",
    "pytest-test-categories-reporting",
    "pytest-test-categories-isolation",
)


def environment() -> dict[str, object]:
    packages = {}
    for name in DISTRIBUTIONS:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.system().lower(),
        "pytest": pytest.__version__,
        "packages": packages,
    }
