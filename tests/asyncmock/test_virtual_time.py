"""virtual_time: asyncio sleeps and timeouts complete at once, on looptime's virtual clock."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.medium

# A run that really waited would take at least this long; one on virtual time takes milliseconds.
REALLY_WAITED = 5


def test_an_hour_of_sleep_passes_at_once_and_the_clock_says_an_hour(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.asyncio
        async def test_sleeps_an_hour(virtual_time):
            assert virtual_time.now == 0
            await asyncio.sleep(3600)
            assert virtual_time.now == 3600

        @pytest.mark.asyncio
        @pytest.mark.virtual_time
        async def test_marker_form():
            loop = asyncio.get_running_loop()
            started = loop.time()
            await asyncio.gather(asyncio.sleep(1800), asyncio.sleep(3600))
            assert loop.time() - started == 3600
        """
    )
    started = time.perf_counter()
    result = run_asyncmock()
    assert time.perf_counter() - started < REALLY_WAITED
    result.assert_outcomes(passed=2)


def test_timeouts_fire_in_virtual_time(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.asyncio
        async def test_asyncio_timeout(virtual_time):
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(30):
                    await asyncio.sleep(3600)
            assert virtual_time.now == 30

        @pytest.mark.asyncio
        async def test_wait_for(virtual_time):
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(asyncio.Event().wait(), timeout=600)
            assert virtual_time.now == 600
            assert await asyncio.wait_for(asyncio.sleep(5, result="done"), timeout=10) == "done"
            assert virtual_time.now == 605

        @pytest.mark.asyncio
        async def test_call_later(virtual_time):
            loop = asyncio.get_running_loop()
            fired = loop.create_future()
            loop.call_later(90, fired.set_result, "fired")
            assert await fired == "fired"
            assert virtual_time.now == 90
        """
    )
    started = time.perf_counter()
    result = run_asyncmock()
    assert time.perf_counter() - started < REALLY_WAITED
    result.assert_outcomes(passed=3)


def test_a_small_test_on_virtual_time_is_not_stopped_by_the_time_limit(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.small
        @pytest.mark.asyncio
        async def test_waits_a_day_in_a_small_test(virtual_time):
            await asyncio.sleep(24 * 3600)
            assert virtual_time.now == 24 * 3600

        @pytest.mark.small
        @pytest.mark.asyncio
        async def test_real_time_is_still_limited():
            await asyncio.sleep(3600)
        """
    )
    started = time.perf_counter()
    result = run_asyncmock(
        "markers",
        "timing",
        args=["-o", "test_categories_time_limits=small=0.3 medium=300 large=900 xlarge=900"],
    )
    assert time.perf_counter() - started < REALLY_WAITED
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*TC006*test_real_time_is_still_limited*"], consecutive=False)


def test_virtual_time_ends_with_the_test_on_a_shared_loop(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        pytestmark = pytest.mark.asyncio(loop_scope="module")

        async def test_virtual(virtual_time):
            await asyncio.sleep(3600)
            assert asyncio.get_running_loop().looptime_on

        async def test_real_afterwards():
            assert not asyncio.get_running_loop().looptime_on
        """
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=2)


def test_now_outside_the_running_loop_says_where_to_read_it(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.asyncio
        async def test_repr(virtual_time):
            assert repr(virtual_time) == "<virtual_time now=0s>"

        def test_sync_reader():
            from pytest_test_categories_asyncmock import VirtualClock
            VirtualClock().now
        """
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["E*RuntimeError: virtual_time.now is read inside the async test, while its event loop runs"]
    )


def test_misuse_errors_that_test_and_says_why(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        def test_sync_test(virtual_time):
            pass

        @pytest.mark.asyncio
        @pytest.mark.virtual_time(start=0)
        async def test_marker_with_arguments():
            pass

        @pytest.mark.asyncio
        async def test_fine(virtual_time):
            await asyncio.sleep(60)
        """
    )
    result = run_asyncmock(args=["-rE"])
    result.assert_outcomes(passed=1, errors=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "*::test_sync_test: virtual_time works on the event loop pytest-asyncio runs a test in, and "
            "this test is a sync test: make it `async def` (an asyncio test)",
            "*::test_marker_with_arguments: @pytest.mark.virtual_time takes no arguments; got start=0",
        ],
        consecutive=False,
    )


def test_without_looptime_plugin_the_error_says_what_to_load(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.asyncio
        async def test_needs_looptime(virtual_time):
            await asyncio.sleep(3600)
        """
    )
    started = time.perf_counter()
    result = run_asyncmock(extra=["asyncio"])
    assert time.perf_counter() - started < REALLY_WAITED
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*::test_needs_looptime: virtual_time needs looptime's pytest plugin, which is not loaded in "
            "this run; with plugin autoload off, pass -p looptime_plugin (and -p asyncio)"
        ]
    )


def test_no_looptime_option_is_named_in_the_error(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.asyncio
        async def test_vt(virtual_time):
            pass
        """
    )
    result = run_asyncmock(args=["--no-looptime"])
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*::test_vt: virtual_time cannot work with --no-looptime, which keeps every test on real time"]
    )


def test_looptime_without_pytest_asyncio_no_longer_breaks_every_fixture(pytester, run_asyncmock):
    """looptime's plugin alone fails the set-up of every fixture when pytest-asyncio is absent; with
    ours loaded it is switched off for that run and virtual_time explains what is missing."""
    pytester.makepyfile(
        """
        import pytest

        @pytest.fixture
        def answer():
            return 42

        def test_uses_fixtures(answer, tmp_path):
            assert answer == 42

        async def test_async_without_pytest_asyncio(virtual_time):
            pass
        """
    )
    result = run_asyncmock(extra=["pytest_mock", "looptime_plugin"])
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*::test_async_without_pytest_asyncio: virtual_time works on the event loop*"]
    )
    result.stdout.no_fnmatch_line("*AttributeError*")


def test_looptime_alone_without_pytest_asyncio_is_what_we_guard_against(pytester, run_with):
    """The failure the previous test guards against, shown without our plugin."""
    pytester.makepyfile(
        """
        import pytest

        @pytest.fixture
        def answer():
            return 42

        def test_uses_fixtures(answer):
            assert answer == 42
        """
    )
    # In a fresh interpreter: in this one, our own run's plugin has already made looptime's check safe.
    result = run_with(extra=["looptime_plugin"], subprocess=True)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*AttributeError*"])


def test_looptime_gets_the_same_answers_from_our_cached_fixture_check(pytester, run_asyncmock):
    """looptime's per-fixture check is answered from a set computed once; the answers must not change."""
    pytester.makeconftest(
        """
        import sys
        import pytest

        checked = []

        @pytest.hookimpl(wrapper=True)
        def pytest_fixture_setup(fixturedef, request):
            plugin = sys.modules["looptime._internal.plugin"]
            cached = plugin._should_patch
            original = cached.__wrapped__
            checked.append((fixturedef.argname, cached(fixturedef, request), original(fixturedef, request)))
            return (yield)

        def pytest_sessionfinish():
            differ = [entry for entry in checked if entry[1] != entry[2]]
            patched = sorted({name for name, cached, _ in checked if cached})
            print(f"CHECKED {len(checked)} DIFFER {differ} PATCHED {patched}")
        """
    )
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.fixture
        def plain():
            return 1

        @pytest.mark.asyncio
        async def test_async(virtual_time, plain):
            await asyncio.sleep(60)
            assert virtual_time.now == 60

        def test_sync(plain):
            assert plain == 1
        """
    )
    result = run_asyncmock(args=["-s"])
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*CHECKED * DIFFER [[][]] PATCHED [[]*_function_scoped_runner*"])
    result.stdout.no_fnmatch_line("*CHECKED 0 *")


def test_looptime_check_is_restored_after_the_run(pytester, run_asyncmock):
    import sys

    plugin = sys.modules["looptime._internal.plugin"]
    before = plugin._should_patch
    pytester.makepyfile("def test_nothing():\n    pass\n")
    run_asyncmock().assert_outcomes(passed=1)
    assert plugin._should_patch is before


def test_asked_for_too_late_or_marked_from_afar_on_a_sync_test(pytester, run_asyncmock):
    pytester.makepyfile(
        test_module_mark="""
        import asyncio
        import pytest

        pytestmark = pytest.mark.virtual_time  # like pytest-asyncio's own mark: sync tests pass it by

        def test_sync_helper_in_the_module():
            assert 1 + 1 == 2

        @pytest.mark.asyncio
        async def test_module_mark_applies():
            await asyncio.sleep(3600)
        """,
        test_too_late="""
        import pytest

        @pytest.mark.asyncio
        async def test_asks_in_the_body(request):
            request.getfixturevalue("virtual_time")
        """,
    )
    result = run_asyncmock(args=["-rE"])
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*::test_asks_in_the_body: virtual_time was requested while the test was already running "
            "(request.getfixturevalue): its event loop already runs on real time. Ask for virtual_time "
            "as an argument, or mark the test @pytest.mark.virtual_time"
        ]
    )


def test_why_pytest_asyncio_does_not_run_the_test_is_named(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest

        async def test_unmarked(virtual_time):
            pass

        @pytest.fixture
        def anyio_backend():
            return "asyncio"

        @pytest.mark.anyio
        async def test_on_anyio(virtual_time):
            pass
        """
    )
    plugins = ["pytest_mock", "looptime_plugin", "anyio"]
    marked = run_with(
        "markers",
        "asyncmock",
        args=["-rE", "-o", "asyncio_mode=strict", "-o", "asyncio_default_fixture_loop_scope=function"],
        extra=["asyncio", *plugins],
    )
    marked.assert_outcomes(errors=2, passed=0)
    marked.stdout.fnmatch_lines(
        [
            "*::test_unmarked: *this test is not marked for it: mark it @pytest.mark.asyncio "
            "(or set asyncio_mode = auto)",
            "*::test_on_anyio*: *this test is run by anyio's plugin: mark it @pytest.mark.asyncio instead of anyio",
        ],
        consecutive=False,
    )
    unloaded = run_with("markers", "asyncmock", args=["-rE", "-k", "unmarked"], extra=plugins)
    unloaded.stdout.fnmatch_lines(
        [
            "*::test_unmarked: *pytest-asyncio's plugin is not loaded in this run (-p no:asyncio, or plugin "
            "autoload off without -p asyncio)"
        ]
    )


def test_a_marker_added_while_the_test_is_set_up_is_not_seen(pytester, run_asyncmock):
    # What the docs say of request.applymarker in a fixture: too late, the test runs on real time.
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.fixture
        def late(request):
            request.applymarker(pytest.mark.virtual_time)

        @pytest.mark.asyncio
        async def test_marked_late(late):
            loop = asyncio.get_running_loop()
            assert not getattr(loop, "looptime_on", False)

        @pytest.mark.asyncio
        async def test_asks_properly(virtual_time):
            assert asyncio.get_running_loop().looptime_on
        """
    )
    run_asyncmock().assert_outcomes(passed=2)
