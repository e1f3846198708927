"""Importing the bundle's module re-exports every part's API without importing another library.

The asyncmock names come from httpx, respx and pytest-mock based code: they are looked up when a
user first names them, so ``import pytest_test_categories`` in a conftest stays free of side effects.
"""

from __future__ import annotations

import pytest

from ..fresh_python import assert_imports_nothing_foreign, run_python

pytestmark = pytest.mark.medium


def test_importing_the_bundle_imports_no_other_library(pytester: pytest.Pytester) -> None:
    assert_imports_nothing_foreign(pytester, "import pytest_test_categories")


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
    result = run_python(pytester, code)
    result.stdout.fnmatch_lines(
        [
            "MISSING [] ApiRouter SmallTest",
            "ERROR module 'pytest_test_categories' has no attribute 'NoSuchName'",
        ]
    )
