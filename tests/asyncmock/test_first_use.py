"""The first test to use a fixture does not pay for importing its libraries under isolation.

The fixtures import httpx, respx and pytest-mock when a run uses them; an import may do what a
small test may not (httpx imports trio where it is installed, and trio runs ``ldconfig``). The
plugin imports them after collection, before any test, so strict isolation sees only the test.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

# httpx is imported inside the test: at the top of the file, collection would import it first.
SUITE = """
import pytest


@pytest.mark.small
def test_first_user_of_mock_api(mock_api):
    import httpx

    mock_api.get("https://api.example.com/").respond(text="hi")
    assert httpx.get("https://api.example.com/").text == "hi"


@pytest.mark.small
def test_first_user_of_async_mocker(async_mocker):
    assert async_mocker.mock(return_value=1) is not None
"""


def test_a_small_test_using_the_fixtures_first_passes_strict_isolation(pytester, run_with):
    # not respx's plugin, which would import httpx at start-up; pytest-mock's, which async_mocker needs
    pytester.makepyfile(test_first=SUITE)
    result = run_with(
        "markers",
        "isolation",
        "asyncmock",
        extra=["pytest_mock"],
        args=["--test-categories-isolation=strict", "-p", "no:randomly"],
        subprocess=True,
    )
    result.assert_outcomes(passed=2)
