"""The configuration reference's complete example is a configuration pytest accepts as written."""

from __future__ import annotations

import re

import pytest

from .examples import DOCS

pytestmark = pytest.mark.medium


def complete_example() -> str:
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    found = re.search(r"## A complete example\s+```toml\n(.*?)```", page, re.DOTALL)
    assert found, "configuration.md lost its complete example"
    return found.group(1)


def test_the_complete_example_configures_a_working_run(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", pyproject=complete_example())
    pytester.mkdir("tests")
    pytester.mkdir("tests/unit")
    pytester.path.joinpath("tests/unit/test_fast.py").write_text("async def test_fast():\n    pass\n")
    pytester.mkdir("tests/integration")
    pytester.path.joinpath("tests/integration/test_db.py").write_text("def test_db():\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["test sizes: small 1, medium 1, large 0, xlarge 0, unsized 0"])
    assert "ERROR" not in result.stderr.str()
