"""One way to declare, resolve and validate a setting: command line over ini over default.

Every value is checked in ``pytest_configure``; a bad one is a ``pytest.UsageError`` that names
the option, the value given and what is allowed, before a single test is collected.
"""

from __future__ import annotations

import enum
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import pytest

from pytest_test_categories_core.sizes import SIZE_NAMES, TestSize

GROUP = "test-categories"
GROUP_DESCRIPTION = "test size categories (pytest-test-categories)"

E = TypeVar("E", bound=enum.Enum)


def option_group(parser: pytest.Parser) -> pytest.OptionGroup:
    """The one option group every plugin of the family adds to."""
    return parser.getgroup(GROUP, GROUP_DESCRIPTION)


def choices_of(enum_type: type[enum.Enum]) -> str:
    return ", ".join(str(member.value) for member in enum_type)


@dataclass(frozen=True)
class ChoiceSetting(Generic[E]):
    """A setting whose value is one member of an enum, with optional older names kept as aliases."""

    cli: str | None
    ini: str
    choices: type[E]
    default: E
    help: str
    cli_aliases: tuple[str, ...] = ()
    ini_aliases: tuple[str, ...] = ()

    @property
    def dest(self) -> str:
        return self.ini

    def register(self, parser: pytest.Parser) -> None:
        metavar = "{" + ",".join(str(member.value) for member in self.choices) + "}"
        help_text = f"{self.help} (default: {self.default.value})"
        if self.cli is not None:
            option_group(parser).addoption(
                self.cli, *self.cli_aliases, dest=self.dest, default=None, metavar=metavar, help=help_text
            )
        parser.addini(self.ini, f"{help_text}; one of {metavar}", default="")
        for alias in self.ini_aliases:
            parser.addini(alias, f"older name of {self.ini}", default="")

    def resolve(self, config: pytest.Config) -> E:
        """The value in force; raises ``pytest.UsageError`` for a value outside the choices."""
        given = config.getoption(self.dest, None) if self.cli is not None else None
        if given is not None and self.cli is not None:
            names = " / ".join((self.cli, *self.cli_aliases))
            return self.parse(str(given), names)
        found: list[tuple[str, E]] = []
        for name in (self.ini, *self.ini_aliases):
            value = ini_text(config, name, example=repr(str(self.default.value)))
            if value:
                found.append((name, self.parse(value, f"ini option {name}")))
        if not found:
            return self.default
        (name, chosen), *others = found
        for other, also in others:
            if also is not chosen:
                raise pytest.UsageError(
                    f"ini options {name} = {chosen.value} and {other} = {also.value} disagree "
                    f"({other} is an older name of {name}); keep one of them"
                )
        return chosen

    def parse(self, raw: str, source: str) -> E:
        wanted = raw.strip().lower()
        for member in self.choices:
            if member.value == wanted:
                return member
        raise pytest.UsageError(
            f"{source}: invalid value {raw!r}; allowed values: {choices_of(self.choices)}"
        )


def ini_text(config: pytest.Config, name: str, *, example: str) -> str:
    """The text of a string ini option; a TOML list or number is a usage error showing the form wanted.

    In ``[tool.pytest.ini_options]`` pytest hands a TOML list to a string option with a deprecation
    warning (and will refuse it later); native ``[tool.pytest]`` refuses it already. Either way
    the user learns the same thing from us, once, before any test runs.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pytest.PytestDeprecationWarning)
            value = config.getini(name)
    except pytest.UsageError as error:
        raise pytest.UsageError(f"{error}; write it as one string, for example {example}") from None
    if isinstance(value, str):
        kind = _toml_kind(value)
        if kind is not None:
            raise pytest.UsageError(
                f"ini option {name}: expected one string, for example {example}, got a TOML {kind}: {value}"
            )
        return value
    raise pytest.UsageError(
        f"ini option {name}: expected one string, for example {example}, "
        f"got a {type(value).__name__}: {value!r}"
    )


def _toml_kind(value: str) -> str | None:
    """What a TOML value became when pytest turned it into text for a string option, if it was no string.

    In ``[tool.pytest.ini_options]`` pytest writes a boolean as ``True`` and a table as a Python
    dict; none of our options takes such text, so the user meant the TOML value.
    """
    if value in ("True", "False"):
        return "boolean"
    if value.startswith("{") and value.endswith("}"):
        return "table"
    return None


def size_for_setting(name: str, source: str, *, within: str | None = None) -> TestSize:
    """The size ``name`` given in setting ``source``; a usage error naming the allowed sizes."""
    try:
        return TestSize.from_name(name)
    except ValueError:
        context = f" in {within!r}" if within is not None else ""
        raise pytest.UsageError(
            f"{source}: unknown size {name.strip()!r}{context}; allowed sizes: {SIZE_NAMES}"
        ) from None


def parse_size_numbers(
    text: str,
    source: str,
    *,
    allow_zero: bool = False,
    require_all: bool = False,
) -> dict[TestSize, float]:
    """Parse ``small=1 medium=300`` (blanks or commas between pairs) into numbers by size.

    Every number must be finite and positive (or zero with ``allow_zero``); unknown sizes,
    missing ``=``, repeated sizes and non-numbers are usage errors naming ``source``.
    """
    result: dict[TestSize, float] = {}
    for pair in text.replace(",", " ").split():
        name, sep, number = pair.partition("=")
        if not sep:
            raise pytest.UsageError(
                f"{source}: {pair!r} is not of the form size=number (for example small=1)"
            )
        size = size_for_setting(name, source, within=pair)
        if size in result:
            raise pytest.UsageError(f"{source}: size {size.value!r} is given twice")
        try:
            value = float(number)
        except ValueError:
            raise pytest.UsageError(f"{source}: {number!r} for {size.value} is not a number") from None
        lowest = "zero or more" if allow_zero else "greater than zero"
        if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
            raise pytest.UsageError(
                f"{source}: {number!r} for {size.value} is not allowed; use a finite number {lowest}"
            )
        result[size] = value
    if require_all:
        missing = [size.value for size in TestSize if size not in result]
        if missing:
            raise pytest.UsageError(f"{source}: missing value for {', '.join(missing)}")
    return result


def format_size_numbers(numbers: Mapping[TestSize, float]) -> str:
    return " ".join(f"{size.value}={number:g}" for size, number in sorted(numbers.items()))
