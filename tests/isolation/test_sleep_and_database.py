"""TC005 sleep and TC004 database: wall-clock waits and real databases are not small."""

from __future__ import annotations

import pytest

from .conftest import RunIsolated, listed

pytestmark = pytest.mark.medium

SLEEPS = """
import asyncio
import time
from time import sleep as imported_sleep
import pytest
from conftest import conftest_nap

def test_time_sleep():
    time.sleep(0.01)

def test_sleep_imported_by_name():
    imported_sleep(0.02)

def test_sleep_imported_by_conftest():
    conftest_nap(0.03)

def test_sleep_zero_only_yields():
    time.sleep(0)

def test_asyncio_sleep_is_allowed():
    asyncio.run(asyncio.sleep(0.01))
"""

CONFTEST = """
from time import sleep

def conftest_nap(seconds):
    sleep(seconds)
"""


def test_time_sleep_fails_small_tests_in_strict_mode(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile("import pytest\npytestmark = pytest.mark.small\n" + SLEEPS)
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=3, passed=2)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_time_sleep - *TC005 sleep: time.sleep(0.01)",
            "FAILED *test_sleep_imported_by_name - *TC005 sleep: time.sleep(0.02)",
            "FAILED *test_sleep_imported_by_conftest - *TC005 sleep: time.sleep(0.03)",
        ]
    )
    result.stdout.fnmatch_lines(["*| How to fix: A small test never waits on the clock.*"])


def test_time_sleep_is_listed_in_warn_mode_and_allowed_in_medium_tests(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        test_small="import pytest\npytestmark = pytest.mark.small\n" + SLEEPS,
        test_medium="import pytest\npytestmark = pytest.mark.medium\n" + SLEEPS,
    )
    result = run_isolated("warn")
    result.assert_outcomes(passed=10)
    assert listed(result) == [
        "test_small.py::test_time_sleep: TC005 sleep: time.sleep(0.01)",
        "test_small.py::test_sleep_imported_by_name: TC005 sleep: time.sleep(0.02)",
        "test_small.py::test_sleep_imported_by_conftest: TC005 sleep: time.sleep(0.03)",
    ]


DATABASES = """
import socket
import sqlite3
import pytest

def test_sqlite_file(tmp_path):
    sqlite3.connect(tmp_path / "app.db").close()

def test_sqlite_in_memory():
    with sqlite3.connect(":memory:") as db:
        assert db.execute("select 1").fetchone() == (1,)
    sqlite3.connect("file:shared?mode=memory&cache=shared", uri=True).close()

def test_postgres_on_localhost():
    sock = socket.socket()
    sock.setblocking(False)
    sock.connect_ex(("127.0.0.1", 5432))

def test_postgres_unix_socket():
    sock = socket.socket(socket.AF_UNIX)
    sock.connect_ex("/var/run/postgresql/.s.PGSQL.5432")

def test_redis_on_another_machine():
    sock = socket.socket()
    sock.setblocking(False)
    sock.connect_ex(("192.0.2.20", 6379))
"""


def test_databases_are_told_apart_from_other_access(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        test_small="import pytest\npytestmark = pytest.mark.small\n" + DATABASES,
        test_medium="import pytest\npytestmark = pytest.mark.medium\n" + DATABASES,
        test_large="import pytest\npytestmark = pytest.mark.large\n" + DATABASES,
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(passed=10, failed=5)
    result.stdout.fnmatch_lines(
        [
            "FAILED test_medium.py::test_redis_on_another_machine - *TC004 database access: "
            "connect to Redis at 192.0.2.20:6379",
            "FAILED test_small.py::test_sqlite_file - *TC004 database access: "
            "open the SQLite database file */test_sqlite_file*/app.db",
            "FAILED test_small.py::test_postgres_on_localhost - *TC004 database access: "
            "connect to PostgreSQL at 127.0.0.1:5432",
            "FAILED test_small.py::test_postgres_unix_socket - *TC004 database access: "
            "connect to the PostgreSQL socket /var/run/postgresql/.s.PGSQL.5432",
            "FAILED test_small.py::test_redis_on_another_machine - *TC004 database access: "
            "connect to Redis at 192.0.2.20:6379",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*| How to fix: A medium test may only use a database on this machine.*",
            "*| How to fix: A small test uses no database except an in-memory one.*",
        ],
        consecutive=False,
    )
