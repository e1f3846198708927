"""Each way of loading the fixtures works: plugin, ``pytest_plugins``, import into a conftest,
alone with only the companions a fixture needs, beside our other plugins, and in the full bundle."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

ALL_THREE = """
import asyncio
import httpx
import pytest


@pytest.mark.asyncio
async def test_mock_api(mock_api):
    mock_api.get("https://api.example.com/ping").respond(json={"pong": True})
    async with httpx.AsyncClient() as client:
        assert (await client.get("https://api.example.com/ping")).json() == {"pong": True}


def test_mock_api_uncalled_route_is_caught(mock_api):
    mock_api.get("https://api.example.com/never")


@pytest.mark.asyncio
async def test_async_mocker(async_mocker):
    fetch = async_mocker.mock(return_value=7)
    async with async_mocker.context_manager(fetch) as got:
        assert await got() == 7
    assert [n async for n in async_mocker.iterator([1, 2])] == [1, 2]


@pytest.mark.asyncio
async def test_virtual_time(virtual_time):
    await asyncio.sleep(3600)
    assert virtual_time.now == 3600
"""

OUTCOME = {"passed": 3, "failed": 1}
UNCALLED = "*1 route was registered but never called*"


def test_imported_into_a_conftest_with_autoload_off(pytester, run_with):
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makeconftest(
        "from pytest_test_categories_asyncmock import mock_api, async_mocker, virtual_time  # noqa: F401\n"
    )
    pytester.makepyfile(ALL_THREE)
    result = run_with(extra=["asyncio", "pytest_mock"])
    result.assert_outcomes(**OUTCOME)
    result.stdout.fnmatch_lines([UNCALLED])


def test_pytest_plugins_in_a_conftest_with_autoload_off(pytester, run_with):
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makeconftest('pytest_plugins = ["pytest_test_categories_asyncmock"]\n')
    pytester.makepyfile(
        ALL_THREE
        + """

@pytest.mark.asyncio
@pytest.mark.virtual_time
async def test_marker_is_registered_and_works():
    await asyncio.sleep(60)
    assert asyncio.get_running_loop().time() == 60
"""
    )
    result = run_with(extra=["asyncio", "pytest_mock"], args=["--strict-markers"])
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines([UNCALLED])


@pytest.mark.parametrize("also_loaded", [[], ["asyncmock"]], ids=["conftest only", "and -p"])
def test_the_plugin_is_registered_once(pytester, run_with, also_loaded):
    pytester.makeconftest('pytest_plugins = ["pytest_test_categories_asyncmock"]\n')
    pytester.makepyfile(
        """
        from pytest_test_categories_asyncmock import plugin

        def test_registered(request):
            manager = request.config.pluginmanager
            assert manager.is_registered(plugin)
            assert manager.has_plugin("test_categories_core")
            markers = request.config.getini("markers")
            assert sum(line.startswith("mock_api(") for line in markers) == 1
        """
    )
    run_with(*also_loaded).assert_outcomes(passed=1)


def test_mock_api_alone_needs_no_companion(pytester, run_with):
    pytester.makepyfile(
        """
        import httpx
        import pytest

        @pytest.mark.mock_api(base_url="https://api.example.com")
        def test_sync_client(mock_api):
            mock_api.get("/ping").respond(text="pong")
            assert httpx.get("https://api.example.com/ping").text == "pong"
        """
    )
    run_with("asyncmock", args=["--strict-markers"]).assert_outcomes(passed=1)


def test_async_mocker_alone_with_pytest_mock_and_pytest_asyncio(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.asyncio
        async def test_factory(async_mocker):
            assert await async_mocker.mock(return_value="ok")() == "ok"
        """
    )
    run_asyncmock(extra=["asyncio", "pytest_mock"]).assert_outcomes(passed=1)


def test_virtual_time_alone_with_pytest_asyncio(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.asyncio
        async def test_hour(virtual_time):
            await asyncio.sleep(3600)
            assert virtual_time.now == 3600
        """
    )
    run_asyncmock(extra=["asyncio"]).assert_outcomes(passed=1)


def test_beside_markers_and_timing(pytester, run_asyncmock):
    pytester.makepyfile(
        "import pytest\npytestmark = pytest.mark.small\n" + ALL_THREE,
    )
    result = run_asyncmock("markers", "timing")
    result.assert_outcomes(**OUTCOME)
    result.stdout.fnmatch_lines(["test sizes: small 4, medium 0, large 0, xlarge 0, unsized 0", UNCALLED])


def test_small_tests_stay_hermetic_under_strict_isolation(pytester, run_asyncmock):
    """respx answers inside httpx: no socket, so isolation has nothing to report; a real
    connection attempt in the same run is still caught."""
    pytester.makepyfile(
        "import pytest\npytestmark = pytest.mark.small\n"
        + ALL_THREE
        + """

def test_a_real_connection_is_still_refused():
    import socket
    socket.create_connection(("127.0.0.1", 9))
"""
    )
    result = run_asyncmock("markers", "timing", "isolation", args=["--test-categories-isolation=strict"])
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(
        [UNCALLED, "E*TC001 network access: connect to 127.0.0.1:9*"], consecutive=False
    )
    boxed = [line for line in result.outlines if "| Test:" in line]
    assert boxed, "the real connection must be reported"
    assert all("::test_a_real_connection_is_still_refused [small]" in line for line in boxed), boxed


def test_in_the_full_bundle_with_plugin_autoload(pytester):
    """Every installed plugin, the way users run it: autoload on, a fresh interpreter."""
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile("import pytest\npytestmark = pytest.mark.small\n" + ALL_THREE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(**OUTCOME)
    result.stdout.fnmatch_lines(["*test-categories-asyncmock*", UNCALLED], consecutive=False)


@pytest.mark.parametrize("name", ["test_categories_asyncmock", "pytest_test_categories_asyncmock"])
def test_by_name_on_the_command_line(pytester, run_with, name):
    pytester.makepyfile(
        """
        import httpx
        import pytest

        @pytest.mark.mock_api
        def test_marked(mock_api):
            mock_api.get("https://api.example.com/").respond(text="hi")
            assert httpx.get("https://api.example.com/").text == "hi"
        """
    )
    run_with(extra=[name], args=["--strict-markers"]).assert_outcomes(passed=1)


def test_under_xdist_workers_report_the_same(pytester, run_asyncmock):
    pytester.makepyfile(ALL_THREE)
    result = run_asyncmock(extra=["asyncio", "pytest_mock", "xdist"], args=["-n", "2"], subprocess=True)
    result.assert_outcomes(**OUTCOME)
    result.stdout.fnmatch_lines([UNCALLED])


def test_a_fixture_used_the_wrong_way_is_no_expected_failure(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.xfail(reason="known bug")
        @pytest.mark.mock_api(bse_url="https://api.example.com")
        def test_typo_in_marker(mock_api):
            assert False

        @pytest.mark.xfail(reason="known bug")
        def test_virtual_time_on_a_sync_test(virtual_time):
            assert False

        @pytest.mark.xfail(reason="known bug")
        @pytest.mark.asyncio
        async def test_virtual_time_asked_for_too_late(request):
            request.getfixturevalue("virtual_time")

        @pytest.mark.xfail(reason="known bug")
        def test_expected_failure_with_mock_api(mock_api):
            assert False
        """
    )
    result = run_asyncmock(args=["-rfExX", "-vv"], subprocess=True)
    result.assert_outcomes(errors=2, failed=1, xfailed=1)
    result.stdout.fnmatch_lines_random(
        [
            "ERROR *::test_typo_in_marker - Failed: *@pytest.mark.mock_api got unknown argument bse_url*",
            "ERROR *::test_virtual_time_on_a_sync_test - Failed: *virtual_time*",
            "FAILED *::test_virtual_time_asked_for_too_late - Failed: *already running (request.getfixturevalue)*",
            "XFAIL *::test_expected_failure_with_mock_api - known bug",
        ]
    )

    without_pytest_mock = pytester.makepyfile(
        test_mocker="""
        import pytest

        @pytest.mark.xfail(reason="known bug")
        def test_needs_mocker(async_mocker):
            assert False
        """
    )
    result = run_asyncmock(args=[str(without_pytest_mock), "-rE"], extra=["asyncio"])
    result.assert_outcomes(errors=1)
