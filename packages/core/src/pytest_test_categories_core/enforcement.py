"""How strictly a plugin enforces what a size promises."""

from __future__ import annotations

import enum


class Enforcement(enum.Enum):
    """`off` does nothing, `warn` reports without failing, `strict` fails the test."""

    OFF = "off"
    WARN = "warn"
    STRICT = "strict"

    __hash__ = object.__hash__  # identity, like the members' equality; Enum's is Python code
