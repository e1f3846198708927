"""Overhead benchmark: the full bundle and pytest-timeout alone against two bare baselines.

Four sides run the same suite, in turns, several runs each:

- bare ``pytest``: our markers are registered in the suite's ini, and every plugin of ours, and
  every pytest plugin that only comes with our dependencies (respx, pytest-mock, anyio), is
  disabled with ``-p no:``: what a user pays for installing the bundle.
- bare ``dependencies``: as above but respx's, pytest-mock's and anyio's plugins stay on, as in a
  project that already uses them (looptime's per-test hooks stay off).
- ``pytest-timeout``: the ``dependencies`` side plus pytest-timeout alone (signal method, a time
  limit on every test): what a one-feature plugin on the same path costs.
- ``bundle``: every installed part of ours, strict modes, the JSON report.

pytest-asyncio stays on every side (the async tests need it); pytest-timeout is off on every side
but its own. Prints each side's median figure and its ratio to both baselines, and the peak memory
of each, per suite size.

    hatch run bench:run                     # 1k and 10k tests, 5 runs each
    hatch run bench:run --tests 10000 --runs 7
    hatch run bench:run --parts markers     # only some parts on the bundle side
    hatch run bench:run --baseline dependencies   # the baseline --check holds the bundle to
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
# Core's option sets time limits far above what any test of the suite takes even on a loaded machine
# (or under valgrind): the bundle does the same work per test, but a stall of the machine cannot
# fail a run.
STRICT_OPTIONS = {
    "test_categories_core": ["-o", "test_categories_time_limits=small=60 medium=600 large=900 xlarge=900"],
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


# pytest-timeout's entry point, and its options on its own side: the signal method (its default
# on POSIX, named so it cannot change under us) with a limit no test reaches.
TIMEOUT_PLUGIN = "timeout"
TIMEOUT_OPTIONS = ["--timeout=3600", "--timeout-method=signal"]
BASELINES = ("pytest", "dependencies")


def side_arguments(report: Path, parts: list[str] | None) -> dict[str, list[str]]:
    """pytest options of each side: both bare baselines, pytest-timeout alone and the bundle."""
    plugins = our_plugins()
    dependencies = installed_dependency_plugins()
    # looptime's pytest plugin costs every test several per cent on its own, and our asyncmock
    # takes its hooks out of runs without virtual time: a bare side with it on would credit us
    # with that saving. So the "dependencies" baseline keeps all of them on but that one.
    looptime_off = [name for name in dependencies if name == LOOPTIME_HOOKS_PLUGIN]

    def off(names: list[str]) -> list[str]:
        return [arg for name in names for arg in ("-p", f"no:{name}")]

    measured = plugins if parts is None else [f"test_categories_{part}" for part in ["core", *parts]]
    left_out = [name for name in plugins if name not in measured]
    if parts is not None and "asyncmock" not in parts:
        left_out += dependencies  # without asyncmock, its dependencies are not part of what is measured
    else:
        left_out += looptime_off
    bundle = [option.format(report=report) for name in measured for option in STRICT_OPTIONS.get(name, [])]
    return {
        "pytest": off([*plugins, *dependencies, TIMEOUT_PLUGIN]),
        "dependencies": off([*plugins, *looptime_off, TIMEOUT_PLUGIN]),
        "pytest-timeout": [*TIMEOUT_OPTIONS, *off([*plugins, *looptime_off])],
        "bundle": [*bundle, *off([*left_out, TIMEOUT_PLUGIN])],
    }


def warm(suite: Path, sides: dict[str, list[str]]) -> None:
    """One run of each side first: the file cache, byte-code and assertion-rewrite caches are then
    ready, so no measured run compiles anything."""
    for args in sides.values():
        run_once(suite, args)


def bench(suite: Path, runs: int, sides: dict[str, list[str]]) -> dict[str, list[Sample]]:
    warm(suite, sides)
    samples: dict[str, list[Sample]] = {name: [] for name in sides}
    names = list(sides)
    for turn in range(runs):
        # Rotate which side goes first so drift on the machine hits every side alike.
        shift = turn % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run_once(suite, sides[name]))
    return samples


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


def instruction_counts(suite: Path, sides: dict[str, list[str]], layouts: int) -> dict[str, list[int]]:
    """Each side's instruction count under each memory layout (the same layouts for every side)."""
    warm(suite, sides)
    jobs = [(name, layout) for layout in range(layouts) for name in sides]
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(lambda job: count_instructions(suite, sides[job[0]], job[1]), jobs))
    found: dict[str, list[int]] = {name: [] for name in sides}
    for (name, _), count in zip(jobs, counts, strict=True):
        found[name].append(count)
    return found


def ratios_text(values: list[float], baselines: dict[str, list[float]]) -> str:
    """Median ratio of paired samples to each baseline, e.g. ``1.042 / 1.013``."""
    return " / ".join(
        f"{statistics.median(v / b for v, b in zip(values, base, strict=True)):.3f}"
        for base in baselines.values()
    )


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
        choices=BASELINES,
        default="pytest",
        help="the baseline --check holds the bundle to (both are measured and printed): pytest "
        "alone (default; the plugins that only come with our dependencies are off too), or with "
        "those dependencies' plugins on, except looptime's per-test hooks (our own cost over a "
        "project that already has respx, anyio and pytest-mock)",
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
            sides = side_arguments(suite / "report.json", parts)
            if options.instructions:
                counts = instruction_counts(suite, sides, options.layouts)
                figures = {name: [float(c) for c in values] for name, values in counts.items()}
                print(
                    f"{count:>6} tests, instructions (median of {options.layouts} layout(s)); "
                    f"ratio to baseline pytest / dependencies:"
                )
                for name, values in figures.items():
                    baselines = {base: figures[base] for base in BASELINES}
                    print(
                        f"  {name:<15} {statistics.median(values) / 1e9:6.2f} G  "
                        f"{ratios_text(values, baselines)}  "
                        f"(range {min(values) / 1e9:.2f} to {max(values) / 1e9:.2f} G)"
                    )
                continue
            samples = bench(suite, options.runs, sides)
            print(
                f"{count:>6} tests, wall time (median of {options.runs} runs), ratio to baseline "
                f"pytest / dependencies, CPU-time ratio likewise, peak memory:"
            )
            wall = {name: [s.seconds for s in found] for name, found in samples.items()}
            cpu = {name: [s.cpu_seconds for s in found] for name, found in samples.items()}
            peak = {name: max(s.peak_mib for s in found) for name, found in samples.items()}
            for name in sides:
                print(
                    f"  {name:<15} {statistics.median(wall[name]):6.2f} s  "
                    f"{ratios_text(wall[name], {base: wall[base] for base in BASELINES})}  "
                    f"CPU {ratios_text(cpu[name], {base: cpu[base] for base in BASELINES})}  "
                    f"{peak[name]:.1f} MiB "
                    f"({peak[name] - peak['pytest']:+.1f} / {peak[name] - peak['dependencies']:+.1f})"
                )
            ratio = statistics.median(
                f / b for f, b in zip(wall["bundle"], wall[options.baseline], strict=True)
            )
            extra = peak["bundle"] - peak[options.baseline]
            print(
                f"  bundle against baseline {options.baseline}: ratio {ratio:.3f} (target <= "
                f"{TARGET_RATIO}), +{extra:.1f} MiB (target <= +{TARGET_EXTRA_MEMORY_MIB:g})"
            )
            if count >= 10000 and (ratio > TARGET_RATIO or extra > TARGET_EXTRA_MEMORY_MIB):
                missed = True
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
