"""Make docs/assets/html-report.png: the demo's HTML report, as headless Chromium shows it.

Run from the repository root, in the test environment (it has the plugins and Chromium's driver):

    hatch test --help >/dev/null  # once, to create the environment
    $(hatch env find hatch-test | head -1)/bin/python -m tests.browser.report_screenshot

It runs the demo's two suites (examples/tests and examples/broken) with ``--test-size-report=html``
and saves a picture of the top of the page (header, pyramid, counts, violations).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from .chromium import Chromium

ROOT = Path(__file__).resolve().parents[2]
PICTURE = ROOT / "docs" / "assets" / "html-report.png"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder, "report.html")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests",
                "broken",
                "--test-size-report=html",
                f"--test-size-report-file={report}",
            ],
            cwd=ROOT / "examples",
            check=False,
            stdout=subprocess.DEVNULL,
        )
        with Chromium(width=1000, height=1500) as chromium:
            chromium.load(report.as_uri())
            PICTURE.parent.mkdir(exist_ok=True)
            chromium.screenshot(PICTURE)
    print(f"written {PICTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
