"""Install only the pieces you need: each package, built as a wheel and installed alone into a
fresh virtual environment with nothing of ours but what it declares, imports, registers and works.

These tests are large: they build wheels, create virtual environments and let pip fetch the
declared third-party dependencies from the package index.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.large

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "packages"

# For each package: a suite that proves it works, and the outcome that proves it.
SMOKE: dict[str, tuple[str, str]] = {
    "core": (
        """
        from pytest_test_categories_core import TestSize, time_limits

        def test_limits(request):
            assert time_limits(request.config)[TestSize.SMALL] == 1.0
            assert request.config.pluginmanager.has_plugin("test_categories_core")
        """,
        "1 passed",
    ),
    "markers": (
        """
        import pytest
        from pytest_test_categories_markers import SmallTest

        class TestThing(SmallTest):
            def test_small(self):
                pass

        @pytest.mark.small(timeout=5)
        def test_bad_budget():
            pass
        """,
        "1 passed, 1 error",
    ),
    "bundle": (
        """
        from pytest_test_categories import SmallTest, TestSize

        class TestThing(SmallTest):
            def test_size(self):
                assert TestSize.SMALL < TestSize.MEDIUM
        """,
        "1 passed",
    ),
}

DISTRIBUTION = {"bundle": "pytest-test-categories"}


def distribution_of(part: str) -> str:
    return DISTRIBUTION.get(part, f"pytest-test-categories-{part}")


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every package of the workspace, built once as a wheel."""
    target = tmp_path_factory.mktemp("wheels")
    for package in sorted(PACKAGES.iterdir()):
        if (package / "pyproject.toml").exists():
            built = subprocess.run(
                [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(target)],
                cwd=package,
                capture_output=True,
                text=True,
            )
            assert built.returncode == 0, f"building {package.name} failed:\n{built.stdout}{built.stderr}"
    return target


@pytest.mark.parametrize("part", sorted(SMOKE))
def test_package_installed_alone_works(part: str, wheelhouse: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    install = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--find-links",
            str(wheelhouse),
            distribution_of(part),
        ],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    installed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True, check=True
    ).stdout
    ours = sorted(
        line.split("==")[0] for line in installed.splitlines() if line.startswith("pytest-test-categories")
    )
    assert distribution_of(part) in ours

    suite, expected = SMOKE[part]
    (tmp_path / "test_smoke.py").write_text(textwrap.dedent(suite))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    run = subprocess.run(
        [str(python), "-m", "pytest", "-p", "no:cacheprovider", "test_smoke.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert expected in run.stdout, run.stdout + run.stderr
    assert "INTERNALERROR" not in run.stdout + run.stderr
