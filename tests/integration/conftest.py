"""Shared by the integration tests that install our packages into fresh environments."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGES = Path(__file__).resolve().parents[2] / "packages"


@pytest.fixture(scope="session")
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
