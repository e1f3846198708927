"""Install only the pieces you need: each package, built as a wheel and installed alone into a
fresh virtual environment with nothing of ours but what it declares, imports, registers and works.

These tests are large: they build wheels, create virtual environments and let pip fetch the
declared third-party dependencies from the package index.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
import tomllib
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.large

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "packages"
VERSION = tomllib.loads((PACKAGES / "core" / "pyproject.toml").read_text())["project"]["version"]

# For each package: a suite that proves it works, the outcome that proves it, and (below) the
# extra arguments and output that show its part at work.
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
    "timing": (
        """
        import pytest

        @pytest.mark.small
        def test_busy_forever():
            while True:
                pass

        @pytest.mark.small
        def test_quick():
            pass
        """,
        "1 failed, 1 passed",
    ),
    "isolation": (
        """
        import socket
        import pytest

        @pytest.mark.small
        def test_no_network_in_small_tests():
            socket.create_connection(("127.0.0.1", 9), timeout=0.1)

        @pytest.mark.small
        def test_pure():
            assert 2 + 2 == 4
        """,
        "1 failed, 1 passed",
    ),
    "asyncmock": (
        """
        import asyncio
        import httpx
        import pytest

        @pytest.mark.asyncio
        async def test_all_three(mock_api, async_mocker, virtual_time):
            mock_api.get("https://api.example.com/").respond(json={"ok": True})
            async with httpx.AsyncClient() as client:
                assert (await client.get("https://api.example.com/")).json() == {"ok": True}
            assert await async_mocker.mock(return_value=1)() == 1
            await asyncio.sleep(3600)
            assert virtual_time.now == 3600

        def test_unmocked_request_fails(mock_api):
            httpx.get("https://api.example.com/other")
        """,
        "1 failed, 1 passed",
    ),
    "reporting": (
        """
        import pytest

        @pytest.mark.small
        def test_counted():
            pass
        """,
        "1 passed",
    ),
    "sizing": (
        """
        import time

        def test_sleeps():
            time.sleep(0.01)
        """,
        "1 passed",
    ),
    "bundle": (
        """
        import asyncio
        import pytest
        from pytest_test_categories import SmallTest, TestSize

        class TestThing(SmallTest):
            def test_size(self):
                assert TestSize.SMALL < TestSize.MEDIUM

            @pytest.mark.asyncio
            async def test_hangs(self):
                await asyncio.Event().wait()
        """,
        "1 failed, 1 passed",
    ),
}

ARGS: dict[str, list[str]] = {
    "timing": ["-o", "test_categories_time_limits=small=0.3"],
    "isolation": ["--test-categories-isolation=strict"],
    "reporting": ["--test-size-report=basic"],
    "sizing": ["--test-size-suggest"],
    "bundle": ["-o", "test_categories_time_limits=small=0.3", "--test-size-report=basic"],
}
SHOWN: dict[str, list[str]] = {
    "timing": ["TC006 time limit exceeded"],
    "isolation": ["TC001 network access"],
    "asyncmock": ["TC009 unmocked HTTP request"],
    "reporting": ["test pyramid", "1 of 1 selected tests reported: 1 passed"],
    "sizing": ["suggested sizes: small 0, medium 1, large 0, xlarge 0", "markers to add: 1"],
    "bundle": ["TC006 time limit exceeded", "Event.wait"],
}
DISTRIBUTION = {"bundle": "pytest-test-categories"}


def distribution_of(part: str) -> str:
    return DISTRIBUTION.get(part, f"pytest-test-categories-{part}")


@pytest.mark.parametrize("part", sorted(SMOKE))
def test_package_installed_alone_works(part: str, wheelhouse: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    # The wheel by its path: the index holds an unrelated, older project under the bundle's name,
    # which a plain requirement would prefer for its higher version.
    [wheel] = wheelhouse.glob(distribution_of(part).replace("-", "_") + "-*.whl")
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
            # asyncmock's async tests (and the bundle's) run on pytest-asyncio: its `asyncio` extra
            f"{wheel}[asyncio]" if part in ("asyncmock", "bundle") else str(wheel),
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
    assert distribution_of(part) in ours, installed
    assert f"{distribution_of(part)}=={VERSION}" in installed, installed

    suite, expected = SMOKE[part]
    (tmp_path / "test_smoke.py").write_text(textwrap.dedent(suite))
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    run = subprocess.run(
        [str(python), "-m", "pytest", "-p", "no:cacheprovider", *ARGS.get(part, []), "test_smoke.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert expected in run.stdout, run.stdout + run.stderr
    for text in SHOWN.get(part, []):
        assert text in run.stdout, run.stdout
    assert "INTERNALERROR" not in run.stdout + run.stderr
