"""The core's plain contracts: sizes, limits parsing, the violation renderer, report facts."""

from __future__ import annotations

import pytest

from pytest_test_categories_core import (
    CODES,
    DEFAULT_TIME_LIMITS,
    TestSize,
    Violation,
    parse_size_numbers,
    render_violation,
    size_from_properties,
    violations_from_properties,
)

pytestmark = pytest.mark.small


def test_sizes_are_ordered_from_small_to_xlarge() -> None:
    assert sorted(TestSize, reverse=True) == [
        TestSize.XLARGE,
        TestSize.LARGE,
        TestSize.MEDIUM,
        TestSize.SMALL,
    ]
    assert TestSize.SMALL < TestSize.MEDIUM <= TestSize.MEDIUM < TestSize.XLARGE


def test_size_names_parse_loosely_and_reject_unknown_names() -> None:
    assert TestSize.from_name(" Medium ") is TestSize.MEDIUM
    with pytest.raises(ValueError, match="unknown test size 'huge'; allowed: small, medium, large, xlarge"):
        TestSize.from_name("huge")


def test_default_limits_are_googles() -> None:
    assert dict(DEFAULT_TIME_LIMITS) == {
        TestSize.SMALL: 1.0,
        TestSize.MEDIUM: 300.0,
        TestSize.LARGE: 900.0,
        TestSize.XLARGE: 900.0,
    }


def test_size_numbers_accept_blanks_and_commas() -> None:
    assert parse_size_numbers("small=0.5, medium=10  large=20", "here") == {
        TestSize.SMALL: 0.5,
        TestSize.MEDIUM: 10.0,
        TestSize.LARGE: 20.0,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("small", "here: 'small' is not of the form size=number (for example small=1)"),
        ("tiny=1", "here: unknown size 'tiny' in 'tiny=1'; allowed sizes: small, medium, large, xlarge"),
        ("small=fast", "here: 'fast' for small is not a number"),
        ("small=0", "here: '0' for small is not allowed; use a finite number greater than zero"),
        ("small=-1", "here: '-1' for small is not allowed; use a finite number greater than zero"),
        ("small=inf", "here: 'inf' for small is not allowed; use a finite number greater than zero"),
        ("small=1 small=2", "here: size 'small' is given twice"),
    ],
)
def test_bad_size_numbers_are_usage_errors_naming_the_problem(text: str, message: str) -> None:
    with pytest.raises(pytest.UsageError) as raised:
        parse_size_numbers(text, "here")
    assert str(raised.value) == message


def test_missing_sizes_are_reported_when_all_are_required() -> None:
    with pytest.raises(pytest.UsageError, match="here: missing value for large, xlarge"):
        parse_size_numbers("small=80 medium=20", "here", require_all=True)


def test_a_violation_renders_as_a_box_with_test_facts_fix_and_docs() -> None:
    violation = Violation(
        code="TC006",
        nodeid="tests/test_api.py::test_slow",
        size=TestSize.SMALL,
        what_happened="the test ran for 1.52 s; the small limit is 1 s",
        how_to_fix="make it faster or mark it @pytest.mark.medium",
    )
    lines = render_violation(violation).splitlines()
    assert lines[0].startswith("+-- TC006 time limit exceeded ---")
    assert lines[1:5] == [
        "| Test: tests/test_api.py::test_slow [small]",
        "| What happened: the test ran for 1.52 s; the small limit is 1 s",
        "| How to fix: make it faster or mark it @pytest.mark.medium",
        "| Docs: https://pytest-test-categories.readthedocs.io/en/latest/errors/tc006/",
    ]
    assert lines[5].startswith("+---")
    assert violation.summary == "TC006 time limit exceeded: the test ran for 1.52 s; the small limit is 1 s"


def test_unknown_violation_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown violation code 'TC999'"):
        Violation(code="TC999", nodeid="x", size=None, what_happened="", how_to_fix="")


def test_codes_keep_the_meanings_users_know() -> None:
    assert CODES["TC001"] == "network access"
    assert CODES["TC006"] == "time limit exceeded"
    assert CODES["TC007"] == "test distribution"
    assert CODES["TC008"] == "time budget exceeded"


def test_facts_read_back_from_report_properties() -> None:
    properties = [
        ("test_size", "medium"),
        ("other", 1),
        ("test_categories_violation", "TC001 network access: connect to example.com:443"),
    ]
    assert size_from_properties(properties) is TestSize.MEDIUM
    assert size_from_properties([("test_size", "bogus")]) is None
    [violation] = violations_from_properties(properties)
    assert violation.code == "TC001"
    assert violation.kind == "network access"
    assert violation.message == "TC001 network access: connect to example.com:443"
