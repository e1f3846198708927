"""Generate the synthetic suite the benchmark runs: 70 % sync small, 20 % async small, 10 % medium."""

from __future__ import annotations

from pathlib import Path

TESTS_PER_FILE = 100

HEADER = "import asyncio\n\nimport pytest\n\n"

SYNC_SMALL = """
@pytest.mark.small
def test_sync_{n}():
    assert sum(range(10)) == 45
"""

ASYNC_SMALL = """
@pytest.mark.small
@pytest.mark.asyncio
async def test_async_{n}():
    await asyncio.sleep(0)
    assert True
"""

MEDIUM = """
@pytest.mark.medium
def test_medium_{n}():
    assert "x" * 3 == "xxx"
"""

INI = """[pytest]
asyncio_mode = strict
asyncio_default_fixture_loop_scope = function
markers =
    small: small test
    medium: medium test
    large: large test
    xlarge: xlarge test
"""


def template_for(n: int) -> str:
    """Deterministic mix: of every 10 tests, 7 sync small, 2 async small, 1 medium."""
    slot = n % 10
    if slot < 7:
        return SYNC_SMALL
    if slot < 9:
        return ASYNC_SMALL
    return MEDIUM


def write_suite(root: Path, count: int) -> Path:
    suite = root / f"suite_{count}"
    suite.mkdir(parents=True, exist_ok=True)
    (suite / "pytest.ini").write_text(INI)
    for start in range(0, count, TESTS_PER_FILE):
        body = [HEADER]
        body += [template_for(n).format(n=n) for n in range(start, min(start + TESTS_PER_FILE, count))]
        (suite / f"test_gen_{start // TESTS_PER_FILE:04d}.py").write_text("".join(body))
    return suite
