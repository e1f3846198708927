"""asyncmock works with each httpx line a user may have, and installing it keeps the user's httpx.

For each version: a fresh virtual environment gets that httpx first (the user's project), then
the asyncmock wheel; pip must leave httpx as it was, and a suite using ``mock_api`` with sync and
async clients must give its outcome under ``-W error``. Large: wheels, virtual environments and
the package index.
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
BUILT = ("core", "asyncmock")

SUITE = """
import asyncio

import httpx
import pytest


@pytest.mark.asyncio
@pytest.mark.mock_api(base_url="https://api.example.com/v1")
async def test_async_client(mock_api, async_mocker, virtual_time):
    route = mock_api.post("/users").respond(201, json={"id": 7})
    async with httpx.AsyncClient(base_url="https://api.example.com/v1") as client:
        response = await client.post("/users", json={"name": "Bob"})
    assert response.status_code == 201
    assert response.json() == {"id": 7}
    assert route.calls.last.request.content == b'{"name":"Bob"}'
    await asyncio.sleep(60)
    assert virtual_time.now == 60


def test_sync_client(mock_api):
    mock_api.get("https://api.example.com/ping").respond(text="pong")
    assert httpx.get("https://api.example.com/ping").text == "pong"


def test_unmatched_request_is_named(mock_api):
    httpx.get("https://api.example.com/other?page=2")


@pytest.mark.mock_api(base_url="not a url")
def test_bad_base_url(mock_api):
    pass
"""


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("wheels")
    for part in BUILT:
        built = subprocess.run(
            [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(target)],
            cwd=ROOT / "packages" / part,
            capture_output=True,
            text=True,
        )
        assert built.returncode == 0, f"building {part} failed:\n{built.stdout}{built.stderr}"
    return target


def _pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), "-m", "pip", *args, "--quiet", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("httpx_version", ["0.28.1", "0.29.0"])
def test_the_users_httpx_is_kept_and_mock_api_works_with_it(
    httpx_version: str, wheels: Path, tmp_path: Path
) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    users_httpx = _pip(python, "install", f"httpx=={httpx_version}")
    assert users_httpx.returncode == 0, users_httpx.stderr
    [wheel] = wheels.glob("pytest_test_categories_asyncmock-*.whl")
    # with the `asyncio` extra: the suite uses virtual_time, which runs on pytest-asyncio
    ours = _pip(python, "install", "--find-links", str(wheels), f"{wheel}[asyncio]")
    assert ours.returncode == 0, ours.stderr
    kept = subprocess.run(
        [str(python), "-c", "import httpx; print(httpx.__version__)"], capture_output=True, text=True
    )
    assert kept.stdout.strip() == httpx_version, kept.stdout + kept.stderr

    (tmp_path / "test_api.py").write_text(textwrap.dedent(SUITE))
    (tmp_path / "pytest.ini").write_text("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    run = subprocess.run(
        [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-W", "error", "-rfE", "test_api.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    output = run.stdout + run.stderr
    assert "1 failed, 2 passed, 1 error" in run.stdout, output
    assert "GET https://api.example.com/other?page=2 matched no route of mock_api" in run.stdout, output
    assert "@pytest.mark.mock_api(base_url='not a url'): base_url must be an absolute" in run.stdout, output
    assert "INTERNALERROR" not in output
