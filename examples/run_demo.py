"""The demo: the bookshop suite under the full bundle, then a suite that breaks every promise.

1. ``examples/tests``: a realistic async service's tests (HTTP mocked with mock_api, waiting on
   virtual time, a medium test against a localhost server), all strict, with the pyramid report
   in the terminal and as JSON.
2. ``examples/broken``: one test per broken promise. Each must fail with its own code; the demo
   prints what a user would see, and checks the codes in the JUnit XML, where every test case
   carries its size and its violations as properties.

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
    code = pytest_run("-q", "--test-size-report=json", f"--test-size-report-file={report_path}")
    if code != 0:
        problems.append(f"the bookshop suite (JSON report) should pass, but pytest exited {code}")
    else:
        summary = json.loads(report_path.read_text())["summary"]
        print(f"JSON report written to {report_path.relative_to(HERE.parent)}: {json.dumps(summary)}")

    banner("2. Broken promises: each test below fails, and says why")
    junit = OUT / "broken-junit.xml"
    pytest_run("broken", "-rf", "--test-size-report=basic", f"--junitxml={junit}")
    problems += check_broken(junit)

    banner("Demo result")
    if problems:
        for problem in problems:
            print(f"- {problem}")
        return 1
    print("The bookshop suite passed; every broken promise failed with its own code:")
    for name, expected in EXPECTED_CODES.items():
        print(f"  {expected}  {name}")
    return 0


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
