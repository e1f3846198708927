"""Without pytest-asyncio installed (it is the optional ``asyncio`` extra): mock_api and
async_mocker work in sync tests and under anyio, and virtual_time says what to install.

"Not installed" is simulated in a fresh interpreter: a ``sitecustomize`` makes ``pytest_asyncio``
unimportable and hides its distribution from the entry points pytest loads plugins from, so the
run sees what a virtual environment without it shows (no ``asyncio`` plugin, no import). Plugin
autoload stays on, as in a user's project.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

NOT_INSTALLED = """
import importlib.abc
import importlib.metadata
import re
import sys


class _PytestAsyncioNotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "pytest_asyncio":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _PytestAsyncioNotInstalled())
_all_distributions = importlib.metadata.distributions


def _distributions(**kwargs):
    for distribution in _all_distributions(**kwargs):
        if re.sub(r"[-_.]+", "-", distribution.metadata["Name"] or "").lower() != "pytest-asyncio":
            yield distribution


importlib.metadata.distributions = _distributions
"""

# Plugins our test environment has for other tests, not what this user's project would have
# (looptime's, for timing's tests, needs pytest-asyncio's plugin).
NOT_THE_USERS = (
    *("-p", "no:hypothesispytest", "-p", "no:syrupy", "-p", "no:rerunfailures", "-p", "no:randomly"),
    *("-p", "no:looptime_plugin", "-p", "no:looptime_chronometers", "-p", "no:looptime_timeproxies"),
)


def run_without_pytest_asyncio(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makepyfile(sitecustomize=NOT_INSTALLED)  # pytester's subprocess has its folder on sys.path
    pytester.makeini("[pytest]\nfilterwarnings = error\n")  # and no pytest-asyncio setting
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *NOT_THE_USERS, *args)


@pytest.fixture(autouse=True)
def _autoload_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)


def test_virtual_time_names_what_to_install(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_clock="""
        import asyncio
        import sys

        import pytest

        def test_pytest_asyncio_is_absent():
            with pytest.raises(ModuleNotFoundError):
                import pytest_asyncio  # noqa: F401
            assert not any(name.startswith("pytest_asyncio") for name in sys.modules)

        @pytest.mark.small
        async def test_waits_an_hour(virtual_time):
            await asyncio.sleep(3600)
        """
    )
    result = run_without_pytest_asyncio(pytester, "-rE")
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    [plugins] = [line for line in result.stdout.lines if line.startswith("plugins:")]
    assert "asyncio-" not in plugins.replace("test-categories-asyncmock", "")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "test_clock.py::test_waits_an_hour: virtual_time works on the event loop "
            "pytest-asyncio runs a test in, and pytest-asyncio is not installed: "
            'pip install "pytest-test-categories[asyncio]" '
            '(or "pytest-test-categories-asyncmock[asyncio]", or pytest-asyncio itself)'
        ]
    )


def test_mock_api_and_async_mocker_work_in_sync_and_anyio_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_mocks="""
        import httpx
        import pytest

        class Store:
            async def load(self, key: str) -> str: ...

        @pytest.mark.small
        def test_sync_client(mock_api, async_mocker):
            mock_api.get("https://api.example.com/ping").respond(text="pong")
            assert httpx.get("https://api.example.com/ping").text == "pong"
            assert isinstance(async_mocker.mock(spec=Store), object)

        @pytest.fixture
        def anyio_backend():
            return "asyncio"

        @pytest.mark.small
        @pytest.mark.anyio
        async def test_async_client_under_anyio(mock_api, async_mocker):
            route = mock_api.post("https://api.example.com/users").respond(201, json={"id": 7})
            store = async_mocker.mock(spec=Store)
            store.load.return_value = "kept"
            async with httpx.AsyncClient() as client:
                response = await client.post("https://api.example.com/users", json={"name": "Bob"})
            assert response.json() == {"id": 7}
            assert route.called
            assert await store.load("k") == "kept"
            store.load.assert_awaited_once_with("k")
        """
    )
    result = run_without_pytest_asyncio(pytester, "-W", "error")
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.OK
