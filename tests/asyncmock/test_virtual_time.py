"""virtual_time: asyncio sleeps and timeouts complete at once, on the virtual clock of the test's loop."""

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
        import time
        import pytest
        from pytest_test_categories_asyncmock import VirtualClock

        pytestmark = pytest.mark.asyncio(loop_scope="module")

        async def test_virtual(virtual_time):
            await asyncio.sleep(3600)
            assert virtual_time.now == 3600

        async def test_real_afterwards():
            loop = asyncio.get_running_loop()
            assert abs(loop.time() - time.monotonic()) < 1
            with pytest.raises(RuntimeError, match="not on virtual time"):
                VirtualClock().now
            started = time.monotonic()
            await asyncio.sleep(0.05)
            assert time.monotonic() - started >= 0.05

        async def test_virtual_again_never_goes_back(virtual_time):
            assert virtual_time.now >= 3600
            await asyncio.sleep(60)
            assert virtual_time.now >= 3660
        """
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=3)


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


def test_without_pytest_asyncio_other_fixtures_work_and_virtual_time_says_why(pytester, run_asyncmock):
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
    result = run_asyncmock(extra=["pytest_mock"])
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*::test_async_without_pytest_asyncio: virtual_time works on the event loop*not loaded*"]
    )


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
    plugins = ["pytest_mock", "anyio"]
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
            "autoload off without -p pytest_asyncio.plugin)"
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
            from pytest_test_categories_asyncmock import VirtualClock

            with pytest.raises(RuntimeError, match="not on virtual time"):
                VirtualClock().now

        @pytest.mark.asyncio
        async def test_asks_properly(virtual_time):
            await asyncio.sleep(600)
            assert virtual_time.now == 600
        """
    )
    run_asyncmock().assert_outcomes(passed=2)


def test_work_in_threads_is_waited_for_on_the_real_clock(pytester, run_asyncmock):
    """A timeout around work in a thread does not fire early: the clock waits for the thread."""
    pytester.makepyfile(
        """
        import asyncio
        import time
        import pytest

        @pytest.mark.asyncio
        async def test_to_thread(virtual_time):
            done = await asyncio.wait_for(asyncio.to_thread(time.sleep, 0.2), timeout=30)
            assert done is None
            assert 0.2 <= virtual_time.now < 30

        @pytest.mark.asyncio
        async def test_run_in_executor_then_a_virtual_hour(virtual_time):
            loop = asyncio.get_running_loop()
            assert await asyncio.wait_for(loop.run_in_executor(None, sum, [1, 2]), timeout=5) == 3
            before = virtual_time.now
            await asyncio.sleep(3600)
            assert virtual_time.now == pytest.approx(before + 3600)
        """
    )
    run_asyncmock().assert_outcomes(passed=2)


def test_tiny_and_fractional_sleeps_add_up_exactly(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.asyncio
        async def test_fractions(virtual_time):
            for _ in range(3):
                await asyncio.sleep(0.1)
            assert virtual_time.now == 0.3
            await asyncio.sleep(1e-7)  # less than the clock's microsecond: still comes due
            assert 0.3 < virtual_time.now <= 0.300001
        """
    )
    run_asyncmock().assert_outcomes(passed=1)


def test_a_test_stuck_on_virtual_time_is_still_stopped_at_its_limit(pytester, run_asyncmock):
    """Nothing scheduled and nothing to wake the loop: it waits for real, and timing stops it."""
    pytester.makepyfile(
        """
        import asyncio
        import pytest

        @pytest.mark.small
        @pytest.mark.asyncio
        async def test_waits_for_nothing(virtual_time):
            await asyncio.Event().wait()
        """
    )
    started = time.perf_counter()
    result = run_asyncmock(
        "markers",
        "timing",
        args=["-o", "test_categories_time_limits=small=0.3 medium=300 large=900 xlarge=900"],
    )
    assert time.perf_counter() - started < REALLY_WAITED
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*TC006*test_waits_for_nothing*"], consecutive=False)


def test_a_loop_that_waits_in_no_selector_is_named(pytester, run_asyncmock):
    pytester.makepyfile(
        '''
        import asyncio
        import pytest


        class NotASelector:
            """Delegates to a real selector without being one, as another loop's poller would."""

            def __init__(self, real):
                self._real = real

            def __getattr__(self, name):
                return getattr(self._real, name)


        class OtherLoop(asyncio.SelectorEventLoop):
            def __init__(self):
                super().__init__()
                self._selector = NotASelector(self._selector)


        class OtherPolicy(asyncio.DefaultEventLoopPolicy):
            def new_event_loop(self):
                return OtherLoop()


        @pytest.fixture(scope="session")
        def event_loop_policy():
            return OtherPolicy()


        @pytest.mark.asyncio
        async def test_on_another_loop(virtual_time):
            pass


        @pytest.mark.asyncio
        async def test_without_virtual_time_it_runs():
            await asyncio.sleep(0)
        '''
    )
    result = run_asyncmock(args=["-W", "ignore::DeprecationWarning"])
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*virtual_time works on asyncio's own event loop (a selector event loop), and this test runs "
            "on test_a_loop_that_waits_in_no_selector_is_named.OtherLoop: run it on the default loop, "
            "or without virtual_time"
        ]
    )
