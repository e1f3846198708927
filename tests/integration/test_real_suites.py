"""Adoption: installing the bundle into a working project never changes its suite's outcome.

Real third-party suites, downloaded from the package index as the sdists that ship their tests,
are installed into a fresh virtual environment with their test dependencies and run; then the
bundle's wheels (built from this repository) are installed into the same environment and the
suites run again, unchanged, in default settings: the counts per outcome and the exit status
must be the same, serially and under ``-n 2`` with the JSON report. Both suites keep warnings as
errors (their own ``filterwarnings = error``, or ``-W error``), the setting that turned every
unsized test into an error before the unsized policy ``notice`` became the default.

Then each suite runs with every test sized small and strict isolation: a violation must be a true
one (a test broke the time limit by the clock, or used pytester, which writes files), and a test
without one keeps its outcome.

xlarge: this builds wheels, creates virtual environments and lets pip fetch from the index. The
sdists are kept in pytest's cache folder; pip's own cache keeps the rest.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tarfile
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.xlarge

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "packages"
SMALL_LIMIT = 1.0
COUNTED = ("passed", "failed", "errors", "skipped", "xfailed", "xpassed", "deselected")
JSON_NAMES = {"error": "errors"}


@dataclass(frozen=True)
class Suite:
    name: str
    requirement: str  # the sdist to download, pinned
    install: tuple[str, ...]  # what to install with pip, from the unpacked sdist's folder
    args: tuple[str, ...]  # the same in every run, with and without the bundle


SUITES = {
    # anyio on asyncio and trio; filterwarnings = error in its setup.cfg. Its addopts ask for
    # pytest-cov with 100 % coverage, which the selection below would miss: the rest is kept.
    # TestMaxPerSecond measures wall-clock rates and fails on a loaded machine with or without
    # the bundle, so it is left out of every run.
    "aiometer": Suite(
        "aiometer",
        "aiometer==1.0.0",
        (".", "trio"),
        ("-o", "addopts=-rxXs --strict-config --strict-markers", "-k", "not TestMaxPerSecond"),
    ),
    # pytest-asyncio, httpx and pytester; warnings made errors from the command line.
    "pytest-httpx": Suite("pytest-httpx", "pytest-httpx==0.36.2", (".[testing]",), ("-W", "error")),
    # pytest-asyncio (its addopts ask for pytest-cov); warnings made errors from the command line.
    "aiostream": Suite(
        "aiostream", "aiostream==0.8.1", (".", "pytest-asyncio", "pytest-cov"), ("-W", "error")
    ),
}


@dataclass
class Outcome:
    counts: dict[str, int]
    status: int
    output: str


def pip(python: Path, *args: str, cwd: Path | None = None) -> None:
    done = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"pip {' '.join(args)} failed:\n{done.stdout}{done.stderr}"


def run_suite(python: Path, folder: Path, suite: Suite, *args: str) -> Outcome:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.pop("CI", None)
    done = subprocess.run(
        [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly", *suite.args, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    output = done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("=")]
    counts: dict[str, int] = {}
    if lines:
        for number, noun in re.findall(r"(\d+) (\w+)", lines[-1]):
            noun = {"error": "errors"}.get(noun, noun)
            if noun in COUNTED:
                counts[noun] = int(number)
    return Outcome(counts, done.returncode, output)


@dataclass
class Prepared:
    python: Path
    folder: Path
    suite: Suite
    without: Outcome
    without_xdist: Outcome


_prepared: dict[str, Prepared] = {}


@pytest.fixture
def prepared(
    request: pytest.FixtureRequest, wheelhouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Prepared:
    """The suite in a fresh venv, run without the bundle, then with the bundle installed."""
    suite: Suite = SUITES[request.param]
    if suite.name in _prepared:
        return _prepared[suite.name]
    base = tmp_path_factory.mktemp(suite.name)
    environment = base / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    downloads = request.config.cache.mkdir("real-suites") if request.config.cache else base
    found = sorted(downloads.glob(suite.requirement.split("==")[0].replace("-", "?") + "-*.tar.gz"))
    wanted = [path for path in found if suite.requirement.split("==")[1] in path.name]
    if not wanted:
        pip(python, "download", "--no-deps", "--no-binary", ":all:", suite.requirement, "-d", str(downloads))
        found = sorted(downloads.glob(suite.requirement.split("==")[0].replace("-", "?") + "-*.tar.gz"))
        wanted = [path for path in found if suite.requirement.split("==")[1] in path.name]
    [sdist] = wanted
    with tarfile.open(sdist) as archive:
        archive.extractall(base, filter="data")
    [folder] = [path for path in base.iterdir() if path.is_dir() and path.name != "venv"]
    pip(python, "install", "--quiet", *suite.install, "pytest-xdist", cwd=folder)

    without = run_suite(python, folder, suite)
    without_xdist = run_suite(python, folder, suite, "-n", "2")
    assert without.counts.get("passed"), without.output  # the suite works on its own
    assert ran(without_xdist) == ran(without), without_xdist.output

    [bundle] = wheelhouse.glob("pytest_test_categories-*.whl")
    pip(python, "install", "--quiet", "--find-links", str(wheelhouse), str(bundle))
    _prepared[suite.name] = Prepared(python, folder, suite, without, without_xdist)
    return _prepared[suite.name]


def ran(outcome: Outcome) -> dict[str, int]:
    """The counts of tests that ran (pytest-xdist's summary does not count the deselected)."""
    return {name: count for name, count in outcome.counts.items() if name != "deselected"}


def same_outcome(before: Outcome, after: Outcome) -> None:
    assert "INTERNALERROR" not in after.output, after.output
    assert (after.counts, after.status) == (before.counts, before.status), after.output


@pytest.mark.parametrize(
    "prepared",
    [
        # anyio only: the bundle brings no pytest-asyncio (an extra), whose plugin would warn at
        # start-up without asyncio_default_fixture_loop_scope (an error under filterwarnings = error)
        "aiometer",
        "pytest-httpx",
        "aiostream",
    ],
    indirect=True,
)
def test_default_settings_change_no_outcome(prepared: Prepared, tmp_path: Path) -> None:
    suite, python, folder = prepared.suite, prepared.python, prepared.folder
    same_outcome(prepared.without, run_suite(python, folder, suite))
    report = tmp_path / "report.json"
    with_xdist = run_suite(
        python, folder, suite, "-n", "2", "--test-size-report=json", f"--test-size-report-file={report}"
    )
    same_outcome(prepared.without_xdist, with_xdist)
    summary = json.loads(report.read_text())["summary"]
    reported = {JSON_NAMES.get(name, name): count for name, count in summary["outcomes"].items() if count}
    assert reported == ran(with_xdist)
    assert summary["sizes"]["unsized"] == sum(reported.values())
    assert "have no size marker" in with_xdist.output  # visible, as one summary line


@pytest.mark.parametrize("prepared", ["pytest-httpx", "aiostream"], indirect=True)
def test_strict_mode_reports_only_true_violations(prepared: Prepared, tmp_path: Path) -> None:
    suite, python, folder = prepared.suite, prepared.python, prepared.folder
    plain_report, strict_report = tmp_path / "plain.json", tmp_path / "strict.json"
    common = ("-n", "2", "--test-size-report=json")
    run_suite(python, folder, suite, *common, f"--test-size-report-file={plain_report}")
    strict = run_suite(
        python,
        folder,
        suite,
        *common,
        f"--test-size-report-file={strict_report}",
        "-o",
        "test_categories_default_size=small",
        "--test-categories-isolation=strict",
    )
    assert "INTERNALERROR" not in strict.output, strict.output
    plain = {test["nodeid"]: test for test in json.loads(plain_report.read_text())["tests"]}
    judged = json.loads(strict_report.read_text())["tests"]
    assert len(judged) == len(plain)
    untrue = []
    for test in judged:
        for violation in test["violations"]:
            code, message = violation["code"], violation["message"]
            if code == "TC002" and "(setting up the fixture 'pytester'" in message:
                continue  # pytester writes the files it is given: never small
            took = max(test["duration"], plain[test["nodeid"]]["duration"])
            if code == "TC006" and took >= 0.8 * SMALL_LIMIT:
                # it really takes about as long as a small test may: the report's duration is the
                # call's, and the limit also counts the test's fixtures' set-up
                continue
            untrue.append(f"{test['nodeid']}: {message}")
        if not test["violations"]:
            assert test["outcome"] == plain[test["nodeid"]]["outcome"], test
    assert not untrue, "\n".join(untrue)
    if suite.name == "pytest-httpx":  # its plugin tests use pytester: the check did judge something
        assert any(test["violations"] for test in judged)
