"""The "Sizing an existing suite" guide, run step by step on a copy of examples/sizing.

Every ``console`` block of the guide is executed in order (``$`` lines are commands), every
``ini`` block is added to the sample's ``pytest.ini`` where it appears, and the output the guide
shows must be there, in order (``...`` stands for lines left out; durations may differ). Beyond
what the page shows, the issue's promises are checked: the observed run's outcome equals a plain
run's, every test gets the right marker, and the marked suite passes with everything strict.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.medium

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guides" / "sizing.md"
SAMPLE = ROOT / "examples" / "sizing"
_BLOCK = re.compile(r"^```(console|ini)\n(.*?)^```", re.DOTALL | re.MULTILINE)
_DURATION = re.compile(r" in \d+\.\d+s")
EXPECTED_SIZES = {
    "test_empty_stock_is_worth_nothing": "small",
    "test_value_is_quantity_times_price": "small",
    "test_returns_the_first_success": "small",
    "test_tries_again_after_a_connection_error": "medium",
    "test_saved_stock_loads_back": "medium",
    "test_asks_the_local_price_server": "medium",
    "test_counts_lines_with_an_external_tool": "medium",
    "test_reindexing_everything": "medium",
}


def _normal(line: str) -> str:
    line = _DURATION.sub(" in <t>s", line.rstrip())
    return line.strip("= ") if line.startswith("=") else line


def _assert_shown(shown: list[str], output: str, command: str) -> None:
    lines = [_normal(line) for line in output.splitlines()]
    position = 0
    must_follow = True
    for expected in shown:
        if expected == "...":
            must_follow = False
            continue
        wanted = _normal(expected)
        if must_follow:
            found = lines[position] if position < len(lines) else None
            assert found == wanted, f"$ {command}: expected {wanted!r} at line {position + 1}:\n{output}"
            position += 1
        else:
            assert wanted in lines[position:], f"$ {command}: {wanted!r} not in the output:\n{output}"
            position = lines.index(wanted, position) + 1
        must_follow = True


def _run(command: str, cwd: Path) -> str:
    words = shlex.split(command)
    if words[0] == "pytest":
        words = [sys.executable, "-m", "pytest", *words[1:]]
    elif words[0] == "pytest-test-categories":
        words = [str(Path(sys.executable).parent / "pytest-test-categories"), *words[1:]]
    else:
        raise AssertionError(f"the guide runs {words[0]!r}; the test knows pytest and pytest-test-categories")
    # looptime is installed in our test environment only (timing's tests run beside it): not in the
    # guide's world, and its plugin warns on Python 3.12
    addopts = "-p no:randomly -p no:cacheprovider -p no:looptime_plugin"
    env = {**os.environ, "PYTEST_ADDOPTS": addopts, "COLUMNS": "80"}
    env.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
    done = subprocess.run(words, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, f"$ {command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_guide_s_steps_size_the_sample_suite(tmp_path: Path) -> None:
    project = tmp_path / "examples" / "sizing"
    shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    plain = _run("pytest", project)
    cwd = tmp_path
    outputs: list[str] = []
    for kind, body in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        if kind == "ini":
            with (project / "pytest.ini").open("a", encoding="utf-8") as ini:
                ini.write(body)
            continue
        command, shown = None, []
        for line in [*body.splitlines(), "$ end"]:
            if not line.startswith("$ "):
                shown.append(line)
                continue
            if command is not None:
                output = _run(command, cwd)
                _assert_shown(shown, output, command)
                outputs.append(output)
            command, shown = line[2:], []
            if command.startswith("cd "):
                cwd = cwd / command[3:]
                command = None
            elif command == "end":
                command = None
    observed, dry_run, applied, again, strict = outputs
    assert _outcome(observed) == _outcome(plain) == "10 passed"
    for function, size in EXPECTED_SIZES.items():
        assert _size_in_source(project, function) == size, function
    assert "unsized 0" in strict
    assert "nothing to change" in again
    assert dry_run.count("+++ b/") == 5
    assert applied.startswith("tests/service/test_price_server.py: module")


def _outcome(output: str) -> str:
    """The outcomes of a run, from its last line, without its warnings and duration."""
    last = _DURATION.sub("", output.splitlines()[-1]).strip("= ")
    return ", ".join(part for part in last.split(", ") if "warning" not in part)


def _size_in_source(project: Path, function: str) -> str:
    """The size a test function has in the sample's source after apply (own marker, else module's)."""
    for path in sorted(project.rglob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        found = re.search(rf"@pytest\.mark\.(\w+)\n\s*def {function}\(", text)
        if found:
            return found.group(1)
        if re.search(rf"def {function}\(", text):
            module = re.search(r"^pytestmark = pytest\.mark\.(\w+)$", text, re.MULTILINE)
            return module.group(1) if module else "unsized"
    raise AssertionError(f"{function} is not in the sample")
