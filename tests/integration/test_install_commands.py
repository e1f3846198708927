"""The install page's commands for using the packages before they are published, run as written.

docs/install.md marks each tested block with ``<!-- install-test: NAME -->``. Each is run with
bash in an empty folder, with ``CLONE`` set to a copy of this repository and ``REPO`` to its git
URL (``git+file://``), and must leave an environment whose pytest loads every part at the
family's version and runs a small sized suite. Only the third-party dependencies come from the
package index.

These tests are large: they create environments and install into them from the index.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.large

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "install.md"
VERSION = tomllib.loads((ROOT / "packages" / "core" / "pyproject.toml").read_text())["project"]["version"]
DISTRIBUTIONS = [
    "pytest-test-categories",
    *(
        f"pytest-test-categories-{part}"
        for part in ("core", "markers", "timing", "isolation", "asyncmock", "reporting", "sizing")
    ),
]
SHOW_VERSIONS = "import importlib.metadata as m, sys; print(*(m.version(name) for name in sys.argv[1:]))"
BLOCK = re.compile(r"<!-- install-test: (?P<name>[\w-]+) -->\n```bash\n(?P<code>.*?)```", re.DOTALL)

SUITE = """
import time
import pytest

@pytest.mark.small
def test_naps():
    time.sleep(0.01)

@pytest.mark.small
def test_adds():
    assert 1 + 1 == 2
"""


def documented() -> dict[str, str]:
    return {match["name"]: match["code"] for match in BLOCK.finditer(PAGE.read_text())}


def test_the_page_marks_the_four_ways() -> None:
    assert sorted(documented()) == ["pip-clone", "pip-git", "uv-clone", "uv-git"]


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree's packages and workspace files, committed in a fresh git repository."""
    clone = tmp_path_factory.mktemp("clone")
    shutil.copytree(ROOT / "packages", clone / "packages", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, clone / name)
    quiet = {"capture_output": True, "check": True, "cwd": clone}
    subprocess.run(["git", "init", "-q"], **quiet)
    subprocess.run(["git", "add", "."], **quiet)
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.org",
            "commit",
            "-q",
            "-m",
            "snapshot",
        ],
        **quiet,
    )
    return clone


@pytest.mark.parametrize("way", ["pip-clone", "pip-git", "uv-clone", "uv-git"])
def test_documented_install_works_as_written(way: str, repository: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "VIRTUAL_ENV", "UV_"))
    }
    env |= {"CLONE": str(repository), "REPO": f"git+{repository.as_uri()}"}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", documented()[way]],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr

    installed = subprocess.run(
        [".venv/bin/python", "-c", SHOW_VERSIONS, *DISTRIBUTIONS], cwd=project, capture_output=True, text=True
    )
    assert installed.stdout.split() == [VERSION] * len(DISTRIBUTIONS), installed.stdout + installed.stderr

    (project / "test_sized.py").write_text(SUITE)
    pytest_command = (
        [".venv/bin/python", "-m", "pytest"] if way.startswith("pip") else ["uv", "run", "pytest"]
    )
    run = subprocess.run(
        [*pytest_command, "-p", "no:cacheprovider", "--test-categories-isolation=strict", "test_sized.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    output = run.stdout + run.stderr
    assert "1 failed, 1 passed" in output, output
    assert "TC005 sleep: time.sleep(0.01)" in output, output
