"""Every hang shape in one suite, as the issue's "done means" puts it: the run ends on its own.

Fixtures hung in set-up and teardown (async and sync), a module fixture past the fixture limit, a
test that swallows cancellation, one that catches everything, a thread left running, and one
passing test after them: each hang fails or errors with TC006, the passing test passes, and the
whole run takes seconds, serially and under pytest-xdist (``timeout=`` fails this test instead of
hanging it, had a shape held the run).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

SHAPES = """
        import asyncio
        import time

        import pytest
        import pytest_asyncio


        @pytest_asyncio.fixture
        async def hangs_in_setup():
            await asyncio.Event().wait()
            yield


        @pytest_asyncio.fixture
        async def hangs_in_teardown():
            yield
            await asyncio.Event().wait()


        @pytest.fixture
        def busy_setup():
            while True:
                pass
            yield


        @pytest.fixture
        def busy_teardown():
            yield
            while True:
                pass


        @pytest.fixture(scope="module")
        def module_hang():
            while True:
                time.sleep(0.01)
            yield


        @pytest.mark.small
        async def test_async_setup(hangs_in_setup):
            pass


        @pytest.mark.small
        async def test_async_teardown(hangs_in_teardown):
            pass


        @pytest.mark.small
        def test_sync_setup(busy_setup):
            pass


        @pytest.mark.small
        def test_sync_teardown(busy_teardown):
            pass


        @pytest.mark.small
        async def test_swallows_cancellation():
            while True:
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    pass


        @pytest.mark.small
        async def test_to_thread():
            await asyncio.to_thread(time.sleep, 120)


        @pytest.mark.small
        def test_catches_everything():
            while True:
                try:
                    time.sleep(0.01)
                except BaseException:
                    pass


        @pytest.mark.medium
        def test_module_fixture(module_hang):
            pass


        @pytest.mark.small
        def test_passes_after():
            assert True
"""

INI = """
[pytest]
asyncio_default_fixture_loop_scope = function
asyncio_mode = auto
test_categories_fixture_limit = 2
"""

HUNG = (
    "test_async_setup",
    "test_async_teardown",
    "test_sync_setup",
    "test_sync_teardown",
    "test_swallows_cancellation",
    "test_to_thread",
    "test_catches_everything",
    "test_module_fixture",
)


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_every_hang_shape_ends_and_the_run_goes_on(pytester, run_with, workers):
    pytester.makepyfile(test_shapes=SHAPES)
    pytester.makeini(INI)
    extra = ["asyncio", "xdist"] if workers else ["asyncio"]
    result = run_with(
        "markers",
        "timing",
        extra=extra,
        args=[*workers, "-p", "no:randomly", "-rfEp", "--tb=short"],
        subprocess=True,
        timeout=120,
    )
    # two teardown errors come on top of their tests' passes
    result.assert_outcomes(failed=3, errors=5, passed=3)
    summary = result.stdout.str().split("short test summary info", 1)[1]
    for name in HUNG:
        assert any(name in line and "TC006" in line for line in summary.splitlines()), (name, summary)
    result.stdout.fnmatch_lines(["PASSED test_shapes.py::test_passes_after"])
    result.stdout.fnmatch_lines(["*module-scoped fixture 'module_hang' at the fixture limit of 2 s*"])
    if not workers:  # under xdist the thread lives, and is left, in a worker
        result.stdout.fnmatch_lines(["*threads left running by stopped tests*"])
