"""The family is released as one version: tools/versions.py sets it everywhere and fails the
release check as soon as one package or one pin on a sibling disagrees."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.medium

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "versions.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release_versions", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def packages(tmp_path: Path) -> Path:
    """A copy of every package's pyproject.toml, to break on purpose."""
    for source in (ROOT / "packages").glob("*/pyproject.toml"):
        target = tmp_path / "packages" / source.parent.name / "pyproject.toml"
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
    return tmp_path / "packages"


def test_every_package_is_2_0_0_and_pins_its_siblings_exactly() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    count = len(list((ROOT / "packages").glob("*/pyproject.toml")))
    assert result.stdout == f"versions: all {count} packages are 2.0.0\n"
    bundle = tomllib.loads((ROOT / "packages" / "bundle" / "pyproject.toml").read_text())["project"]
    siblings = [dep for dep in bundle["dependencies"] if dep.startswith("pytest-test-categories-")]
    assert len(siblings) == len(list((ROOT / "packages").glob("*/pyproject.toml"))) - 1
    assert all(dep.endswith("==2.0.0") for dep in siblings)


def test_a_package_on_another_version_is_named(packages: Path) -> None:
    timing = packages / "timing" / "pyproject.toml"
    timing.write_text(timing.read_text().replace('version = "2.0.0"', 'version = "2.0.1"'))
    assert load_tool().problems(packages) == [
        "packages/timing/pyproject.toml: version '2.0.1', the other packages have '2.0.0'"
    ]


def test_a_loose_or_stale_sibling_pin_is_named(packages: Path) -> None:
    markers = packages / "markers" / "pyproject.toml"
    markers.write_text(
        markers.read_text().replace(
            '"pytest-test-categories-core==2.0.0"', '"pytest-test-categories-core>=1.2"'
        )
    )
    assert load_tool().problems(packages) == [
        "packages/markers/pyproject.toml: 'pytest-test-categories-core>=1.2' must pin the family's version "
        "exactly (==2.0.0)"
    ]


def test_setting_a_version_moves_every_package_and_pin(packages: Path) -> None:
    tool = load_tool()
    tool.set_version("2.1.0rc1", packages)
    assert tool.problems(packages) == []
    bundle = tomllib.loads((packages / "bundle" / "pyproject.toml").read_text())["project"]
    assert bundle["version"] == "2.1.0rc1"
    assert "pytest-test-categories-isolation==2.1.0rc1" in bundle["dependencies"]


def test_a_malformed_version_is_refused_in_one_line() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "two"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "versions: 'two' is not a version; give one like 2.0.1 or 2.1.0rc1\n"


def test_every_package_is_a_source_of_the_uv_workspace() -> None:
    """uv (and hatch, which installs through it) refuses a member missing from tool.uv.sources."""
    sources = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["uv"]["sources"]
    names = {
        tomllib.loads(path.read_text(encoding="utf-8"))["project"]["name"]
        for path in (ROOT / "packages").glob("*/pyproject.toml")
    }
    assert names - set(sources) == set(), "add these to [tool.uv.sources] in the root pyproject.toml"
