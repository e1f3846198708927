"""Path rules: ``tests/unit/** = small`` sizes every unmarked test below a folder."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

import pytest

from pytest_test_categories_core import TestSize, size_for_setting

SIZE_PATHS_INI = "test_categories_size_paths"


@dataclass(frozen=True, slots=True)
class PathRule:
    pattern: str
    size: TestSize

    def matches(self, relative_path: str) -> bool:
        return fnmatch.fnmatchcase(relative_path, self.pattern)


def parse_path_rules(lines: list[object]) -> tuple[PathRule, ...]:
    """Parse ``glob = size`` lines; the first rule that matches a test's file wins."""
    rules = []
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, str):  # a TOML list can hold numbers, tables, booleans
            raise pytest.UsageError(
                f"ini option {SIZE_PATHS_INI}: entry {number} is {line!r} ({type(line).__name__}); "
                "each entry is one 'glob = size' string, for example 'tests/unit/** = small'"
            )
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        pattern, sep, size_name = text.rpartition("=")
        pattern = pattern.strip()
        if not sep or not pattern:
            raise pytest.UsageError(
                f"ini option {SIZE_PATHS_INI}: {text!r} is not of the form 'glob = size' "
                "(for example 'tests/unit/** = small')"
            )
        size = size_for_setting(size_name, f"ini option {SIZE_PATHS_INI}", within=text)
        rules.append(PathRule(pattern.replace("\\", "/"), size))
    return tuple(rules)


def size_by_path(rules: tuple[PathRule, ...], relative_path: str) -> TestSize | None:
    for rule in rules:
        if rule.matches(relative_path):
            return rule.size
    return None
