"""Running a few lines in a fresh interpreter: what importing one of our packages brings with it."""

from __future__ import annotations

import sys

import pytest

# The libraries asyncmock's fixtures are built on, and the plugins that come with them: importing
# our packages must load none of them (a conftest that imports us runs before pytest loads those).
FOREIGN = ("httpx", "respx", "pytest_mock", "pytest_asyncio", "looptime", "anyio")


def run_python(pytester: pytest.Pytester, code: str) -> pytest.RunResult:
    """``python -c code`` in a fresh interpreter; it must succeed."""
    result = pytester.run(sys.executable, "-c", code)
    assert result.ret == 0, result.stderr.str()
    return result


def assert_imports_nothing_foreign(pytester: pytest.Pytester, imports: str) -> None:
    """After ``imports`` (lines of Python), none of ``FOREIGN`` is in ``sys.modules``."""
    code = (
        f"import sys\n{imports}\n"
        f"foreign = sorted(name for name in sys.modules if name.split('.')[0] in {FOREIGN!r})\n"
        "print('FOREIGN', foreign)\n"
    )
    run_python(pytester, code).stdout.fnmatch_lines(["FOREIGN []"])
