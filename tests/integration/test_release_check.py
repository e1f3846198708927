"""The release check's judgement of a built wheel and sdist: what is missing or stray is named.

(The whole check, which builds and installs every package, is `hatch run release:check`, run by CI.)
"""

from __future__ import annotations

import importlib.util
import io
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.medium

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def check() -> ModuleType:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        spec = importlib.util.spec_from_file_location("release_check", ROOT / "tools" / "release_check.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return module


def reporting(check: ModuleType) -> object:
    [package] = [package for package in check.packages() if package.folder.name == "reporting"]
    return package


def write_wheel(path: Path, names: list[str], entry_points: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "")
        archive.writestr("pytest_test_categories_reporting-2.0.0.dist-info/entry_points.txt", entry_points)
    return path


GOOD_ENTRY_POINTS = (
    "[pytest11]\ntest_categories_reporting = pytest_test_categories_reporting.plugin\n"
    "[pytest_test_categories.commands]\n"
    "report = pytest_test_categories_reporting.report_command:add_report_commands\n"
)
MODULE = "pytest_test_categories_reporting"
COMMANDS = {"report": f"{MODULE}.report_command:add_report_commands"}


def test_the_packages_are_read_from_their_pyproject_files(check: ModuleType) -> None:
    package = reporting(check)
    assert package.distribution == "pytest-test-categories-reporting"
    assert package.entry_points == {
        "pytest11": {"test_categories_reporting": f"{MODULE}.plugin"},
        "pytest_test_categories.commands": COMMANDS,
    }
    assert package.data_files == ("report.schema.json",)
    [core] = [package for package in check.packages() if package.folder.name == "core"]
    assert core.entry_points["console_scripts"] == {
        "pytest-test-categories": "pytest_test_categories_core.commands:console_script"
    }


def test_a_complete_wheel_passes(check: ModuleType, tmp_path: Path) -> None:
    names = [
        f"{MODULE}/__init__.py",
        f"{MODULE}/py.typed",
        f"{MODULE}/report.schema.json",
        f"{MODULE}/plugin.py",
    ]
    wheel = write_wheel(tmp_path / "good.whl", names, GOOD_ENTRY_POINTS)
    assert check.wheel_problems(reporting(check), wheel, "2.0.0") == []


def test_missing_files_stray_files_and_wrong_entry_points_are_named(
    check: ModuleType, tmp_path: Path
) -> None:
    names = [f"{MODULE}/__init__.py", f"{MODULE}/__pycache__/plugin.cpython-311.pyc", "tests/test_it.py"]
    wheel = write_wheel(
        tmp_path / "bad.whl", names, "[pytest11]\nreporting = pytest_test_categories_reporting.plugin\n"
    )
    assert check.wheel_problems(reporting(check), wheel, "2.0.0") == [
        f"bad.whl: {MODULE}/py.typed is missing",
        f"bad.whl: {MODULE}/report.schema.json is missing",
        f"bad.whl: stray file {MODULE}/__pycache__/plugin.cpython-311.pyc",
        "bad.whl: stray file tests/test_it.py",
        "bad.whl: entry points {'pytest11': {'reporting': 'pytest_test_categories_reporting.plugin'}}, expected "
        "{'pytest11': {'test_categories_reporting': 'pytest_test_categories_reporting.plugin'}, "
        "'pytest_test_categories.commands': {'report': "
        "'pytest_test_categories_reporting.report_command:add_report_commands'}}",
    ]


def test_an_sdist_with_a_stray_file_is_named(check: ModuleType, tmp_path: Path) -> None:
    sdist = tmp_path / "pytest_test_categories_reporting-2.0.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name in ("PKG-INFO", "pyproject.toml", f"src/{MODULE}/__init__.py", "tools/measure.py"):
            member = tarfile.TarInfo(f"pytest_test_categories_reporting-2.0.0/{name}")
            archive.addfile(member, io.BytesIO(b""))
    assert check.sdist_problems(reporting(check), sdist, "2.0.0") == [
        f"{sdist.name}: stray file tools/measure.py"
    ]
