"""The demo: the bookshop suite under the full bundle, then a suite that breaks every promise.

1. ``examples/tests``: a realistic async service's tests (HTTP mocked with mock_api, waiting on
   virtual time, a medium test against a localhost server), all strict, with the pyramid report
   in the terminal, and as JSON and HTML from one run.
2. ``examples/broken``: one test per broken promise. Each must fail with its own code; the demo
   prints what a user would see, and checks the codes in the JUnit XML, where every test case
   carries its size and its violations as properties, and in the HTML report, which shows the
   pyramid and every violation (open ``examples/.demo/broken-report.html`` in a browser).

Exits 0 when both parts behave as described, 1 otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / ".demo"
EXPECTED_CODES = {
    "test_waits_for_an_event_nobody_sets": "TC006",
    "test_spins_for_five_seconds": "TC006",
    "test_slower_than_its_own_budget": "TC008",
    "test_calls_a_real_server": "TC001",
    "test_sleeps_for_real": "TC005",
    "test_swallows_the_error": "TC003",
    "test_requests_an_unmocked_url": "TC009",
}


def banner(text: str) -> None:
    print(f"\n{'=' * 78}\n{text}\n{'=' * 78}", flush=True)


def pytest_run(*args: str) -> int:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args]
    print("$ " + " ".join(["pytest", *command[5:]]), flush=True)
    return subprocess.run(command, cwd=HERE, check=False).returncode


def main() -> int:
    OUT.mkdir(exist_ok=True)
    problems: list[str] = []

    banner("1. The bookshop suite: every test sized, every promise kept")
    code = pytest_run("--test-size-report=detailed")
    if code != 0:
        problems.append(f"the bookshop suite should pass, but pytest exited {code}")
    report_path = OUT / "bookshop-report.json"
    html_path = OUT / "bookshop-report.html"
    code = pytest_run(
        "-q",
        "--test-size-report=json,html",
        f"--test-size-report-json-file={report_path}",
        f"--test-size-report-html-file={html_path}",
    )
    if code != 0:
        problems.append(f"the bookshop suite (JSON report) should pass, but pytest exited {code}")
    else:
        summary = json.loads(report_path.read_text())["summary"]
        print(f"JSON report written to {report_path.relative_to(HERE.parent)}: {json.dumps(summary)}")
        print(f"HTML report written to {html_path.relative_to(HERE.parent)}")

    banner("2. Broken promises: each test below fails, and says why")
    junit = OUT / "broken-junit.xml"
    broken_html = OUT / "broken-report.html"
    pytest_run(
        "broken",
        "-rf",
        "--test-size-report=basic,html",
        f"--test-size-report-html-file={broken_html}",
        f"--junitxml={junit}",
    )
    problems += check_broken(junit)
    problems += check_html(broken_html)

    banner("Demo result")
    if problems:
        for problem in problems:
            print(f"- {problem}")
        return 1
    print("The bookshop suite passed; every broken promise failed with its own code:")
    for name, expected in EXPECTED_CODES.items():
        print(f"  {expected}  {name}")
    return 0


def check_html(page: Path) -> list[str]:
    """The HTML report of the broken part: the pyramid drawn, every broken promise's code shown."""
    if not page.is_file():
        return [f"the HTML report {page} was not written"]
    text = page.read_text(encoding="utf-8")
    problems = [] if "<svg" in text else [f"the HTML report {page} has no pyramid (no SVG)"]
    for code in sorted(set(EXPECTED_CODES.values())):
        if code not in text:
            problems.append(f"the HTML report {page} does not show {code}")
    if not problems:
        print(f"HTML report written to {page.relative_to(HERE.parent)}: the pyramid and every violation")
    return problems


def check_broken(junit: Path) -> list[str]:
    if not junit.exists():
        return [f"the broken suite wrote no JUnit XML at {junit}"]
    cases = {case.get("name"): case for case in ET.parse(junit).iter("testcase")}
    problems = []
    for name, expected in EXPECTED_CODES.items():
        case = cases.get(name)
        if case is None:
            problems.append(f"{name} did not run")
            continue
        properties = {(p.get("name"), p.get("value", "")) for p in case.iter("property")}
        codes = sorted(
            value.split(" ", 1)[0] for key, value in properties if key == "test_categories_violation"
        )
        failed = case.find("failure") is not None
        if not failed or expected not in codes or ("test_size", "small") not in properties:
            problems.append(f"{name}: expected a failed small test with {expected}; failed={failed}, {codes}")
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
