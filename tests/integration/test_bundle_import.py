"""Importing the bundle's module re-exports every part's API without importing another library.

The asyncmock names come from httpx, respx and pytest-mock based code: they are looked up when a
user first names them, so ``import pytest_test_categories`` in a conftest stays free of side effects.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.medium

FOREIGN = ("httpx", "respx", "pytest_mock", "pytest_asyncio", "looptime", "anyio")


def test_importing_the_bundle_imports_no_other_library(pytester: pytest.Pytester) -> None:
    code = (
        "import sys\n"
        "import pytest_test_categories\n"
        f"foreign = sorted(name for name in sys.modules if name.split('.')[0] in {FOREIGN!r})\n"
        "print('FOREIGN', foreign)\n"
    )
    result = pytester.run(sys.executable, "-c", code)
    assert result.ret == 0, result.stderr.str()
    result.stdout.fnmatch_lines(["FOREIGN []"])


def test_every_name_the_bundle_lists_is_there(pytester: pytest.Pytester) -> None:
    code = (
        "import pytest_test_categories as bundle\n"
        "from pytest_test_categories import ApiRouter, SmallTest\n"
        "missing = [name for name in bundle.__all__ if not hasattr(bundle, name)]\n"
        "print('MISSING', missing, ApiRouter.__name__, SmallTest.__name__)\n"
        "try:\n"
        "    bundle.NoSuchName\n"
        "except AttributeError as error:\n"
        "    print('ERROR', error)\n"
    )
    result = pytester.run(sys.executable, "-c", code)
    assert result.ret == 0, result.stderr.str()
    result.stdout.fnmatch_lines(
        [
            "MISSING [] ApiRouter SmallTest",
            "ERROR module 'pytest_test_categories' has no attribute 'NoSuchName'",
        ]
    )
