"""The violation codes this plugin can emit, and what to do about each one.

Every code here has a page under ``docs/errors/``; the advice is written for the person whose
test just broke its size's promise, so it names concrete replacements before "make it bigger".
"""

from __future__ import annotations

from collections.abc import Collection
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


# Fixtures whose very purpose is files: the generic TC002 advice (io.StringIO) does not fit a test
# that uses them, so it gets advice about them instead.
# (The legacy names first: they are built on the others, so a test using them has both.)
_PYTESTER_FIXTURES = ("testdir", "pytester")
_FOLDER_FIXTURES = ("tmpdir", "tmp_path", "tmpdir_factory", "tmp_path_factory")

_PYTESTER_ADVICE = (
    "The {fixture} fixture writes the files a test makes with it and gives every run it starts a "
    "temporary folder, so a test that uses it is not small: mark it @pytest.mark.medium (the usual "
    "size of a plugin's own tests), where {fixture} may write into its temporary folder."
)
_FOLDER_ADVICE = (
    "{fixture} gives the test a folder, but writing into it is still file I/O, which a small test "
    "may not do. Keep the data in memory (io.StringIO / io.BytesIO or an in-memory fake), or mark "
    "the test @pytest.mark.medium: a medium test may use {fixture} freely."
)

_FIXTURE_ADVICE = ((_PYTESTER_FIXTURES, _PYTESTER_ADVICE), (_FOLDER_FIXTURES, _FOLDER_ADVICE))


def how_to_fix(code: str, size: TestSize, culprit: str | None = None, requested: Collection[str] = ()) -> str:
    """The advice for ``code`` in a test of ``size`` (only small and medium tests are restricted).

    ``culprit`` is the fixture being set up when the violation happened, ``requested`` the fixtures
    the test uses. A filesystem violation involving pytester or a temporary folder gets advice
    about that fixture rather than about file objects.
    """
    if size is TestSize.MEDIUM and code in _MEDIUM:
        return _MEDIUM[code]
    if code == FILESYSTEM:
        for known, advice in _FIXTURE_ADVICE:
            if culprit in known:
                return advice.format(fixture=culprit)
        for known, advice in _FIXTURE_ADVICE:
            for fixture in known:
                if fixture in requested:
                    return advice.format(fixture=fixture)
    return _SMALL[code]
