"""The pyramid as an SVG picture: one centred bar per size, drawn against its target band.

The widest size (small) sits at the bottom, so a healthy suite looks like a pyramid. Each bar's
width is its share of the sized tests; the shaded band behind it spans target ± tolerance and the
dashed marks stand at the target, so a bar that misses its band shows at a glance. Every number is
also written as text, so the picture reads without colour and without a legend.
"""

from __future__ import annotations

from html import escape

from pytest_test_categories_reporting.distribution import OK, Bucket, Distribution

WIDTH = 760
LABEL_WIDTH = 120  # the size names, left of the pyramid
AREA_WIDTH = 400  # 100 % of the sized tests
ROW_HEIGHT = 44
BAR_HEIGHT = 30
TOP = 8
INFO_X = LABEL_WIDTH + AREA_WIDTH + 16  # the numbers, right of the pyramid

# Inside the picture, so it looks the same wherever it is embedded (our page, pytest-html's).
STYLE = (
    "svg.pyramid{max-width:100%;height:auto;font:13px system-ui,sans-serif}"
    "svg.pyramid text{fill:currentColor}svg.pyramid .size{font-weight:600}"
    "svg.pyramid .verdict{opacity:.75}svg.pyramid .band{fill:rgba(26,127,55,.18)}"
    "svg.pyramid .ok .share{fill:var(--ok,#1a7f37)}svg.pyramid .off .share{fill:var(--off,#cf222e)}"
    "svg.pyramid .info .share{fill:var(--info,#0969da)}"
    "svg.pyramid .off .verdict{fill:var(--off,#cf222e);font-weight:600;opacity:1}"
    "svg.pyramid .target{stroke:currentColor;stroke-width:1.5;stroke-dasharray:3 2}"
)

_VERDICT = {OK: "within target", "low": "too few", "high": "too many"}
_UNJUDGED = {OK: "within target", "low": "below target", "high": "above target"}


def pyramid_svg(distribution: Distribution) -> str:
    rows = list(reversed(distribution.buckets))  # small at the bottom
    height = TOP * 2 + ROW_HEIGHT * len(rows)
    title = f"Test pyramid of {distribution.sized} sized tests against the targets"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pyramid" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="pyramid-title" data-sized="{distribution.sized}">',
        f'<title id="pyramid-title">{escape(title)}</title>',
        f"<style>{STYLE}</style>",
    ]
    for index, bucket in enumerate(rows):
        parts.append(_row(bucket, TOP + index * ROW_HEIGHT, judged=distribution.judged))
    parts.append("</svg>")
    return "\n".join(parts)


def _row(bucket: Bucket, y: float, *, judged: bool) -> str:
    centre = LABEL_WIDTH + AREA_WIDTH / 2
    bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
    text_y = bar_y + BAR_HEIGHT / 2 + 5
    bar = _width(bucket.percent)
    low, high, target = _width(bucket.low), _width(bucket.high), _width(bucket.target)
    verdict = (_VERDICT if judged else _UNJUDGED)[bucket.status]
    state = "ok" if bucket.status == OK else ("off" if judged else "info")
    label = escape(bucket.label)
    described = (
        f"{bucket.label}: {bucket.count} tests, {bucket.percent:.1f}% of the sized tests; "
        f"target {bucket.target:g}% ±{bucket.tolerance:g}: {verdict}"
    )
    info = f"{bucket.count} · {bucket.percent:.1f}% · target {bucket.target:g}% ±{bucket.tolerance:g}"
    return "\n".join(
        [
            f'<g class="bar {state}" data-size="{label}" data-count="{bucket.count}" '
            f'data-percent="{bucket.percent:.1f}" data-target="{bucket.target:g}" '
            f'data-status="{bucket.status}">',
            f"<title>{escape(described)}</title>",
            f'<text class="size" x="{LABEL_WIDTH - 12}" y="{text_y:g}" text-anchor="end">{label}</text>',
            # the tolerance band: from the low edge to the high edge, on both sides of the centre
            f'<rect class="band" x="{centre - high / 2:g}" y="{bar_y - 4:g}" width="{(high - low) / 2:g}" '
            f'height="{BAR_HEIGHT + 8}"/>',
            f'<rect class="band" x="{centre + low / 2:g}" y="{bar_y - 4:g}" width="{(high - low) / 2:g}" '
            f'height="{BAR_HEIGHT + 8}"/>',
            f'<rect class="share" x="{centre - bar / 2:g}" y="{bar_y:g}" width="{bar:g}" '
            f'height="{BAR_HEIGHT}" rx="2"/>',
            f'<line class="target" x1="{centre - target / 2:g}" x2="{centre - target / 2:g}" '
            f'y1="{bar_y - 6:g}" y2="{bar_y + BAR_HEIGHT + 6:g}"/>',
            f'<line class="target" x1="{centre + target / 2:g}" x2="{centre + target / 2:g}" '
            f'y1="{bar_y - 6:g}" y2="{bar_y + BAR_HEIGHT + 6:g}"/>',
            f'<text class="info" x="{INFO_X}" y="{text_y - 7:g}">{escape(info)}</text>',
            f'<text class="verdict" x="{INFO_X}" y="{text_y + 9:g}">{verdict}</text>',
            "</g>",
        ]
    )


def _width(percent: float) -> float:
    return round(max(0.0, min(100.0, percent)) / 100 * AREA_WIDTH, 2)
