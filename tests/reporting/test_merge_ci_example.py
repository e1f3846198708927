"""The CI guide's workflow (docs/guides/ci-shards.md) is valid YAML whose commands do what the page says.

The workflow is parsed, its jobs' wiring checked (what the shards upload is what the merge job
downloads and reads), and its ``run`` steps run here, one matrix entry after another, on a small
project split the way the workflow splits it; the merged report must equal the report of the
whole project run in one job.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .suites import read_report, sized_suite, without_timings

pytestmark = pytest.mark.medium

PAGE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "ci-shards.md"
EXPRESSION = re.compile(r"\$\{\{\s*matrix\.(\w+)\s*\}\}")
SAMPLE = {
    "tests/unit/test_unit.py": {"small": 16},
    "tests/api/test_api.py": {"medium": 3},
    "tests/e2e/test_e2e.py": {"large": 1},
}


def page_block(heading: str, language: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    found = re.search(rf"## {re.escape(heading)}\n.*?```{language}\n(.*?)```", text, re.DOTALL)
    assert found, f"{PAGE.name} lost its {language} block under '{heading}'"
    return found.group(1)


def workflow() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(page_block("A GitHub Actions workflow", "yaml"))
    return document


def expand(text: str, entry: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda found: str(entry[found.group(1)]), text)


def step_using(steps: list[dict[str, Any]], action: str) -> dict[str, Any]:
    found = [step for step in steps if str(step.get("uses", "")).startswith(action)]
    assert len(found) >= 1, f"no step uses {action}"
    return found[0]


def commands(steps: list[dict[str, Any]]) -> list[str]:
    """The steps' shell scripts, without installing the project (here it is installed already)."""
    return [step["run"] for step in steps if "run" in step and not step["run"].startswith("pip install")]


def test_the_workflow_wires_the_shards_reports_into_the_merge_job() -> None:
    jobs = workflow()["jobs"]
    shards, merging = jobs["tests"], jobs["test-sizes"]
    assert (merging["needs"], merging["if"]) == ("tests", "always()")
    assert shards["strategy"]["fail-fast"] is False
    entries = shards["strategy"]["matrix"]["include"]
    assert len(entries) == 3
    upload = step_using(shards["steps"], "actions/upload-artifact@v4")
    assert upload["if"] == "always()"
    download = step_using(merging["steps"], "actions/download-artifact@v4")["with"]
    assert download["merge-multiple"] is True
    (pytest_step,) = [script for script in commands(shards["steps"]) if "pytest " in script]
    (merge_step,) = [script for script in commands(merging["steps"]) if "report merge" in script]
    merge_args = shlex.split(merge_step.replace("\\\n", " "))
    pattern = merge_args[merge_args.index("merge") + 1]
    assert merge_args[merge_args.index("--expect-reports") + 1] == str(len(entries))
    names = set()
    for entry in entries:
        name = expand(upload["with"]["name"], entry)
        path = expand(upload["with"]["path"], entry)
        written = re.search(r"--test-size-report-file=(\S+)", expand(pytest_step, entry))
        assert written is not None
        assert written.group(1) == path  # the shard uploads the report it wrote
        assert fnmatch.fnmatch(name, download["pattern"])  # the merge job downloads it
        # download-artifact with merge-multiple puts the file in `path`, where the merge reads it
        assert fnmatch.fnmatch(f"{download['path']}/{Path(path).name}", pattern)
        names.add(name)
    assert len(names) == len(entries)  # artifact names are unique within a run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    for name, sizes in SAMPLE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(sized_suite(**{"small": 0, **sizes}), encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\nasyncio_default_fixture_loop_scope = "function"\n', encoding="utf-8"
    )
    return root


@pytest.fixture
def shell_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a CI job: our packages and pytest-xdist installed, plugins autoloaded."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["GITHUB_STEP_SUMMARY"] = str(tmp_path / "step-summary.md")
    # plugins our test environment has for other tests, which a CI job of this guide would not load
    env["PYTEST_ADDOPTS"] = "-p no:hypothesispytest -p no:syrupy -p no:rerunfailures -p no:cacheprovider"
    return env


def run_script(script: str, project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_the_workflow_s_commands_merge_the_shards_into_the_whole_suite(project, shell_env, tmp_path):
    jobs = workflow()["jobs"]
    for entry in jobs["tests"]["strategy"]["matrix"]["include"]:
        for script in commands(jobs["tests"]["steps"]):
            shard = run_script(expand(script, entry), project, shell_env)
            assert shard.returncode == 0, shard.stdout + shard.stderr
            assert "2 workers" in shard.stdout
    for script in commands(jobs["test-sizes"]["steps"]):
        merged = run_script(script, project, shell_env)
        assert merged.returncode == 0, merged.stdout + merged.stderr

    assert merged.stderr.splitlines()[0] == (
        "merged 3 reports of suite 'shop/pyproject.toml': 20 of 20 selected tests reported: 20 passed"
    )
    summary = Path(shell_env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("## Test sizes\n\n**20** of 20 selected tests reported: 20 passed.\n")
    assert "Distribution check `strict`: every share within its target." in summary
    whole = run_script(
        "pytest --test-categories-distribution=strict --test-size-report=json --test-size-report-file=whole.json",
        project,
        shell_env,
    )
    assert whole.returncode == 0, whole.stdout
    document = read_report(project / "reports" / "test-sizes.json")
    assert [entry["file"] for entry in document.pop("merged_from")] == [
        f"reports/test-sizes-{shard}.json" for shard in ("api", "e2e", "unit")
    ]
    assert without_timings(document) == without_timings(read_report(project / "whole.json"))


def test_the_commands_for_a_machine_print_the_whole_pyramid(project, shell_env):
    result = run_script(page_block("Running it on your machine", "bash"), project, shell_env)
    assert result.returncode == 0, result.stdout + result.stderr
    # after the three pytest runs' own output, the merge's: the pyramid of the whole suite
    pyramid = result.stdout.split("test size report (basic)\n")[-1]
    assert re.search(r"\nsmall +16 +80\.0%", pyramid), pyramid
    assert "\n20 of 20 selected tests reported: 20 passed\n" in pyramid
    claimed = page_block("Running it on your machine", "text").strip()
    assert result.stderr.splitlines() == [claimed]
