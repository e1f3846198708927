"""Write docs/changelog.md, the docs site's copy of CHANGELOG.md (mkdocs reads only docs/).

    python tools/changelog.py           # write the copy
    python tools/changelog.py --check   # exit 1 if the copy is not current

The copy is CHANGELOG.md with its links into docs/ made relative to the docs folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "CHANGELOG.md"
COPY = ROOT / "docs" / "changelog.md"
NOTE = "<!-- A copy of CHANGELOG.md, written by tools/changelog.py: edit CHANGELOG.md instead. -->\n"


def mirrored(text: str) -> str:
    return NOTE + text.replace("](docs/", "](")


def main(argv: list[str]) -> int:
    expected = mirrored(SOURCE.read_text(encoding="utf-8"))
    if argv == ["--check"]:
        if COPY.read_text(encoding="utf-8") != expected:
            print(
                "changelog: docs/changelog.md differs from CHANGELOG.md; run python tools/changelog.py",
                file=sys.stderr,
            )
            return 1
        return 0
    if argv:
        print("usage: python tools/changelog.py [--check]", file=sys.stderr)
        return 2
    COPY.write_text(expected, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
