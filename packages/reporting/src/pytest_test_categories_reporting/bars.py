"""The pyramid's bars in the terminal: read at a glance, no legend needed.

A bar is filled up to its share. Up to the target it is solid; what is missing to reach the
target is shaded lightly (an unfilled stretch), and what goes beyond the target is drawn in a
different fill. The numbers and a verdict in words stand beside it. Unicode block characters
(with eighth blocks for the bar's end) where the terminal's encoding has them, ASCII otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_test_categories_reporting.distribution import OK, Bucket

BAR_WIDTH = 30  # cells for 100 % of the sized tests: the whole pyramid line fits 80 columns


@dataclass(frozen=True, slots=True)
class Glyphs:
    full: str  # the share, up to the target
    over: str  # the share beyond the target
    missing: str  # from the share up to the target
    eighths: str  # partial cells, from one eighth to seven; empty: whole cells only
    plus_minus: str


UNICODE = Glyphs(full="█", over="▓", missing="░", eighths="▏▎▍▌▋▊▉", plus_minus="±")
ASCII = Glyphs(full="#", over="+", missing=".", eighths="", plus_minus="+-")


def glyphs_for(encoding: str | None) -> Glyphs:
    """Unicode blocks if ``encoding`` can write every one of them, ASCII otherwise."""
    sample = UNICODE.full + UNICODE.over + UNICODE.missing + UNICODE.eighths + UNICODE.plus_minus
    try:
        sample.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return ASCII
    return UNICODE


def bar(bucket: Bucket, glyphs: Glyphs = UNICODE) -> str:
    share = bucket.percent / 100 * BAR_WIDTH
    target = bucket.target / 100 * BAR_WIDTH
    cells = []
    for index in range(BAR_WIDTH):
        beyond_target = index + 0.5 > target
        filled = min(1.0, max(0.0, share - index))
        eighths = round(filled * 8)
        if eighths == 8 or (not glyphs.eighths and eighths >= 4):
            cells.append(glyphs.over if beyond_target else glyphs.full)
        elif eighths and glyphs.eighths:
            cells.append(glyphs.eighths[eighths - 1])
        else:
            cells.append(" " if beyond_target else glyphs.missing)
    return "".join(cells)


def verdict(bucket: Bucket, *, judged: bool) -> str:
    if bucket.status == OK:
        return "ok"
    if judged:
        return "too few" if bucket.status == "low" else "too many"
    return "below" if bucket.status == "low" else "above"


def ruler() -> str:
    """``0%``, ``50%`` and ``100%`` above the bars."""
    middle = BAR_WIDTH // 2 - 1
    return f"{'0%':<{middle}}{'50%':<{BAR_WIDTH - middle - 4}}100%"
