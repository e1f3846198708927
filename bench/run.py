"""Overhead benchmark: bare pytest against the full bundle, in turns, several runs each.

Bare: our markers are registered in the suite's ini, and every plugin of ours, and every pytest
plugin that only comes with our dependencies (looptime, respx, pytest-mock, anyio), is disabled
with ``-p no:``: what a user pays for installing the bundle is measured, not just our own code.
pytest-asyncio stays on both sides (the async tests need it). Full: every installed part of
ours, strict modes, the JSON report. Prints the median wall-time ratio (full / bare) and the peak
memory of each, per suite size.

    hatch run bench:run                     # 1k and 10k tests, 5 runs each
    hatch run bench:run --tests 10000 --runs 7
    hatch run bench:run --parts markers     # only some parts on the measured side
    hatch run bench:run --baseline dependencies   # bare side keeps our dependencies' plugins on
    hatch run bench:run --tests 1000 --instructions   # valgrind instruction counts, not time
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from suite import write_suite

TARGET_RATIO = 1.05
TARGET_EXTRA_MEMORY_MIB = 10.0
# Options for each part, used only when that part is installed.
STRICT_OPTIONS = {
    "test_categories_timing": ["--test-categories-timing=strict"],
    "test_categories_isolation": ["--test-categories-isolation=strict"],
    "test_categories_reporting": ["--test-size-report=json", "--test-size-report-file={report}"],
}


# Runs as users run: with byte-code caching (some machines set PYTHONDONTWRITEBYTECODE, which would
# make every run compile every plugin module again) and with no pytest options from outside.
ENV = {
    key: value
    for key, value in os.environ.items()
    if key
    not in ("PYTHONDONTWRITEBYTECODE", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")
}


@dataclass(frozen=True)
class Sample:
    seconds: float
    cpu_seconds: float
    peak_mib: float


# pytest plugins that arrive with our dependencies rather than with pytest-asyncio.
DEPENDENCY_PLUGINS = (
    "looptime_plugin",
    "looptime_chronometers",
    "looptime_timeproxies",
    "respx",
    "pytest_mock",
    "anyio",
)


LOOPTIME_HOOKS_PLUGIN = "looptime_plugin"


def our_plugins() -> list[str]:
    return sorted(ep.name for ep in entry_points(group="pytest11") if ep.name.startswith("test_categories_"))


def installed_dependency_plugins() -> list[str]:
    names = {ep.name for ep in entry_points(group="pytest11")}
    return [name for name in DEPENDENCY_PLUGINS if name in names]


def run_once(suite: Path, args: list[str]) -> Sample:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=suite, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = output.decode(errors="replace")[-3000:]
        raise SystemExit(f"benchmark run failed ({' '.join(args) or 'bare'}):\n{tail}")
    return Sample(
        seconds=elapsed, cpu_seconds=usage.ru_utime + usage.ru_stime, peak_mib=usage.ru_maxrss / 1024
    )


def side_arguments(report: Path, parts: list[str] | None, baseline: str) -> tuple[list[str], list[str]]:
    """pytest options of the bare side and of the measured side."""
    plugins = our_plugins()
    dependencies = installed_dependency_plugins()
    # looptime's pytest plugin costs every test several per cent on its own, and our asyncmock
    # takes its hooks out of runs without virtual time: a bare side with it on would credit us
    # with that saving. So the "dependencies" baseline keeps all of them on but that one.
    if baseline == "pytest":
        dependencies_off = dependencies
    else:
        dependencies_off = [name for name in dependencies if name == LOOPTIME_HOOKS_PLUGIN]
    bare_args = [arg for name in [*plugins, *dependencies_off] for arg in ("-p", f"no:{name}")]
    measured = plugins if parts is None else [f"test_categories_{part}" for part in ["core", *parts]]
    left_out = [name for name in plugins if name not in measured]
    if parts is not None and "asyncmock" not in parts:
        left_out += dependencies_off  # without asyncmock, its dependencies are not part of what is measured
    full_args = [option.format(report=report) for name in measured for option in STRICT_OPTIONS.get(name, [])]
    full_args += [arg for name in left_out for arg in ("-p", f"no:{name}")]
    return bare_args, full_args


def warm(suite: Path, bare_args: list[str], full_args: list[str]) -> None:
    """One run of each side first: the file cache, byte-code and assertion-rewrite caches are then
    ready, so no measured run compiles anything."""
    run_once(suite, bare_args)
    run_once(suite, full_args)


def bench(
    suite: Path, runs: int, bare_args: list[str], full_args: list[str]
) -> tuple[list[Sample], list[Sample]]:
    warm(suite, bare_args, full_args)
    bare: list[Sample] = []
    full: list[Sample] = []
    for turn in range(runs):
        # Alternate which side goes first so drift on the machine hits both alike.
        order = (
            ((bare, bare_args), (full, full_args))
            if turn % 2 == 0
            else ((full, full_args), (bare, bare_args))
        )
        for samples, args in order:
            samples.append(run_once(suite, args))
    return bare, full


def layout_environment(layout: int) -> dict[str, str]:
    """Environment variables that move the process's memory layout, differently for each ``layout``.

    CPython's attribute caches are indexed by object addresses, so where objects land changes how
    often those caches miss: the same run counts up to about 0.3 % more or fewer instructions when
    only the size of its environment changes. Counting each side under several layouts and
    taking the median keeps that out of the comparison.
    """
    return {f"TC_BENCH_LAYOUT_{i}": "x" * ((i * 37 + layout * 11) % 300) for i in range(layout * 5)}


def count_instructions(suite: Path, args: list[str], layout: int) -> int:
    """User-space instructions of one run, counted by valgrind: unmoved by other work on the machine."""
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args,
    ]  # fmt: skip
    # A fixed hash seed: with it and the same environment, the count repeats exactly.
    env = {**ENV, "PYTHONHASHSEED": "0", **layout_environment(layout)}
    result = subprocess.run(command, cwd=suite, capture_output=True, text=True, env=env, check=False)
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(
            f"counting run failed ({' '.join(args) or 'bare'}):\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return int(found.group(1).replace(",", ""))


def instructions_ratios(
    suite: Path, bare_args: list[str], full_args: list[str], layouts: int
) -> list[tuple[int, int]]:
    """(bare, bundle) instruction counts under each memory layout."""
    warm(suite, bare_args, full_args)
    jobs = [(args, layout) for layout in range(layouts) for args in (bare_args, full_args)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(lambda job: count_instructions(suite, *job), jobs))
    return list(zip(counts[::2], counts[1::2], strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tests", default="1000,10000", help="comma-separated suite sizes (default 1000,10000)"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per side and size (default 5)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a target is missed at 10k or more tests"
    )
    parser.add_argument(
        "--parts",
        default=None,
        help="comma-separated parts to measure (e.g. markers,timing); default: every installed part",
    )
    parser.add_argument(
        "--baseline",
        choices=("pytest", "dependencies"),
        default="pytest",
        help="what the bare side runs: pytest alone (default; the plugins that only come with our "
        "dependencies are off too), or with those dependencies' plugins on, except looptime's "
        "per-test hooks (our own cost over a project that already has respx, anyio and pytest-mock)",
    )
    parser.add_argument(
        "--layouts",
        type=int,
        default=3,
        help="with --instructions: memory layouts to count each side under; the median ratio is "
        "printed (default 3)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions with valgrind (one run per side) instead of timing: a figure that "
        "does not move with other work on the machine; memory and wall time are not measured",
    )
    options = parser.parse_args(argv)
    if options.layouts < 1:
        parser.error(f"--layouts must be at least 1, got {options.layouts}")
    if options.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind on PATH (apt install valgrind)")
    sizes = [int(size) for size in options.tests.split(",")]
    parts = [part.strip() for part in options.parts.split(",")] if options.parts else None
    known = {name.removeprefix("test_categories_") for name in our_plugins()}
    unknown = sorted(set(parts or ()) - known)
    if unknown:
        parser.error(
            f"--parts: unknown or not installed: {', '.join(unknown)}; installed: {', '.join(sorted(known))}"
        )
    shown = ", ".join(our_plugins()) if parts is None else ", ".join(["core", *parts])
    print(f"our plugins in the measured run: {shown or 'none'}")
    missed = False
    with tempfile.TemporaryDirectory(prefix="tc-bench-") as tmp:
        for count in sizes:
            suite = write_suite(Path(tmp), count)
            bare_args, full_args = side_arguments(suite / "report.json", parts, options.baseline)
            if options.instructions:
                pairs = instructions_ratios(suite, bare_args, full_args, options.layouts)
                ratios = sorted(full / bare for bare, full in pairs)
                bare_g = statistics.median(bare for bare, _ in pairs) / 1e9
                full_g = statistics.median(full for _, full in pairs) / 1e9
                print(
                    f"{count:>6} tests: instructions bare {bare_g:.2f} G, "
                    f"bundle {full_g:.2f} G, median ratio "
                    f"{statistics.median(ratios):.3f} over {len(pairs)} layout(s) "
                    f"(from {ratios[0]:.3f} to {ratios[-1]:.3f}; baseline: {options.baseline})"
                )
                continue
            bare, full = bench(suite, options.runs, bare_args, full_args)
            bare_s = statistics.median(s.seconds for s in bare)
            full_s = statistics.median(s.seconds for s in full)
            ratio = statistics.median(f.seconds / b.seconds for b, f in zip(bare, full, strict=True))
            # CPU time moves less than wall time when other work shares the machine.
            cpu_ratio = statistics.median(
                f.cpu_seconds / b.cpu_seconds for b, f in zip(bare, full, strict=True)
            )
            bare_mib = max(s.peak_mib for s in bare)
            full_mib = max(s.peak_mib for s in full)
            print(
                f"{count:>6} tests: bare {bare_s:6.2f} s, bundle {full_s:6.2f} s, "
                f"median ratio {ratio:.3f} (target <= {TARGET_RATIO}, CPU-time ratio {cpu_ratio:.3f}); "
                f"peak memory bare {bare_mib:.1f} MiB, bundle {full_mib:.1f} MiB "
                f"(+{full_mib - bare_mib:.1f} MiB, target <= +{TARGET_EXTRA_MEMORY_MIB:g}; "
                f"baseline: {options.baseline})"
            )
            if count >= 10000 and (ratio > TARGET_RATIO or full_mib - bare_mib > TARGET_EXTRA_MEMORY_MIB):
                missed = True
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
