"""The violation codes this plugin can emit, and what to do about each one.

Every code here has a page under ``docs/errors/``; the advice is written for the person whose
test just broke its size's promise, so it names concrete replacements before "make it bigger".
"""

from __future__ import annotations

from types import MappingProxyType

from pytest_test_categories_core import TestSize

NETWORK = "TC001"
FILESYSTEM = "TC002"
SUBPROCESS = "TC003"
DATABASE = "TC004"
SLEEP = "TC005"

EMITTED_CODES = (NETWORK, FILESYSTEM, SUBPROCESS, DATABASE, SLEEP)

_SMALL = MappingProxyType(
    {
        NETWORK: "A small test gets no network, not even localhost or DNS. Mock the call (the mock_api "
        "fixture, or respx for httpx), pass in a fake client, or mark the test @pytest.mark.medium "
        "if it needs a server on this machine.",
        FILESYSTEM: "A small test reads only code and the project's own files, and writes nothing. Use "
        "io.StringIO / io.BytesIO or an in-memory fake, pass the data in instead of a path, or mark "
        "the test @pytest.mark.medium.",
        SUBPROCESS: "A small test stays in one process. Mock the call (mocker.patch('subprocess.run')), "
        "call the code directly instead of through a command, or mark the test @pytest.mark.medium.",
        DATABASE: "A small test uses no database except an in-memory one. Use sqlite3.connect(':memory:') "
        "or a fake repository, or mark the test @pytest.mark.medium (a database on this machine).",
        SLEEP: "A small test never waits on the clock. Pass the sleep function or a clock in and fake it "
        "(mocker.patch('time.sleep')), use asyncio.sleep (virtual_time makes it instant), or mark "
        "the test @pytest.mark.medium.",
    }
)

_MEDIUM = MappingProxyType(
    {
        NETWORK: "A medium test may only reach this machine (127.0.0.0/8, ::1, localhost). Run the "
        "service locally, mock the call (the mock_api fixture or respx), or mark the test "
        "@pytest.mark.large.",
        DATABASE: "A medium test may only use a database on this machine. Run it locally (127.0.0.1, "
        "a Unix socket) or mark the test @pytest.mark.large.",
    }
)


def how_to_fix(code: str, size: TestSize) -> str:
    """The advice for ``code`` in a test of ``size`` (only small and medium tests are restricted)."""
    if size is TestSize.MEDIUM and code in _MEDIUM:
        return _MEDIUM[code]
    return _SMALL[code]
