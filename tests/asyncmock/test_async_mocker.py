"""async_mocker: AsyncMock factory, autospec patching, async context managers and iterators."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium

SERVICE = """
async def fetch_user(user_id: str, *, fields: tuple = ()) -> dict:
    raise RuntimeError("the real fetch_user went to the network")


async def get_profile(user_id: str) -> dict:
    data = await fetch_user(user_id)
    return {"id": user_id, "name": data["name"], "active": True}


def sync_helper() -> int:
    return 1


class Client:
    async def send(self, message: str) -> str:
        raise RuntimeError("real send")


async def pages():
    yield 1


class Notifier:
    async def __call__(self, text: str) -> bool:
        raise RuntimeError("real notify")


notify = Notifier()
"""


def test_mock_returns_side_effects_and_raises(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.asyncio
        async def test_factory(async_mocker):
            retry = async_mocker.mock(side_effect=[{"status": "failed"}, {"status": "ok"}])
            assert (await retry())["status"] == "failed"
            assert (await retry("again"))["status"] == "ok"
            retry.assert_awaited_with("again")
            assert retry.await_count == 2

            broken = async_mocker.mock(side_effect=ValueError("Invalid input"))
            with pytest.raises(ValueError, match="Invalid input"):
                await broken()

            answer = async_mocker.mock(return_value=42)
            assert await answer() == 42
        """
    )
    run_asyncmock().assert_outcomes(passed=1)


def test_patch_autospecs_the_target_and_is_undone_after_the_test(pytester, run_asyncmock):
    pytester.makepyfile(service=SERVICE)
    pytester.makepyfile(
        """
        import pytest
        import service

        @pytest.mark.asyncio
        async def test_patched(async_mocker):
            fetch = async_mocker.patch("service.fetch_user", return_value={"name": "Alice"})
            profile = await service.get_profile("123")
            assert profile == {"id": "123", "name": "Alice", "active": True}
            fetch.assert_awaited_once_with("123")

        @pytest.mark.asyncio
        async def test_wrong_arguments_fail_like_the_real_function(async_mocker):
            async_mocker.patch("service.fetch_user", return_value={})
            with pytest.raises(TypeError):
                await service.fetch_user("1", "2")
            with pytest.raises(TypeError):
                await service.fetch_user(user="1")
            await service.fetch_user("1", fields=("name",))

        @pytest.mark.asyncio
        async def test_side_effect(async_mocker):
            async_mocker.patch("service.fetch_user", side_effect=ConnectionError("down"))
            with pytest.raises(ConnectionError, match="down"):
                await service.get_profile("1")

        @pytest.mark.asyncio
        async def test_method_of_a_class(async_mocker):
            send = async_mocker.patch("service.Client.send", return_value="sent")
            assert await service.Client().send("hi") == "sent"
            assert send.await_args.args[1:] == ("hi",)

        @pytest.mark.asyncio
        async def test_an_object_with_an_async_call(async_mocker):
            sent = async_mocker.patch("service.notify", return_value=True)
            assert await service.notify("hi") is True
            sent.assert_awaited_once_with("hi")
            with pytest.raises(TypeError):
                await service.notify("hi", "too many")

        @pytest.mark.asyncio
        async def test_without_autospec(async_mocker):
            fetch = async_mocker.patch("service.fetch_user", autospec=False, return_value={"name": "Bo"})
            assert await service.fetch_user("1", "extra", anything=True) == {"name": "Bo"}
            fetch.assert_awaited_once()

        @pytest.mark.asyncio
        async def test_the_real_function_is_back():
            with pytest.raises(RuntimeError, match="went to the network"):
                await service.fetch_user("1")
        """
    )
    run_asyncmock().assert_outcomes(passed=7)


def test_patch_of_a_wrong_target_says_what_is_wrong(pytester, run_asyncmock):
    pytester.makepyfile(service=SERVICE)
    pytester.makepyfile(
        """
        def test_sync_target(async_mocker):
            async_mocker.patch("service.sync_helper")

        def test_async_generator_target(async_mocker):
            async_mocker.patch("service.pages")

        def test_missing_target(async_mocker):
            async_mocker.patch("service.fetch_users")

        def test_not_a_path(async_mocker):
            async_mocker.patch("fetch_user")
        """
    )
    result = run_asyncmock()
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(
        [
            "E*TypeError: async_mocker.patch('service.sync_helper'): the target is not an async function "
            "(it is a sync function); patch it with mocker.patch",
            "E*TypeError: async_mocker.patch('service.pages'): the target is an async generator function "
            "(used with `async for`, not awaited); patch it with "
            "mocker.patch(..., return_value=async_mocker.iterator([[]...[]]))",
            "E*AttributeError: async_mocker.patch('service.fetch_users'): cannot find the target*",
            "E*TypeError: async_mocker.patch(target='fetch_user'): target must be a dotted path such as "
            "'myapp.client.fetch_user'",
        ],
        consecutive=False,
    )


def test_context_manager_enters_to_its_value_and_records_exit(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        async def first_row(pool):
            async with pool.acquire() as connection:
                return await connection.fetch("SELECT 1")

        @pytest.mark.asyncio
        async def test_async_with(async_mocker, mocker):
            connection = async_mocker.mock()
            connection.fetch.return_value = [1]
            acquired = async_mocker.context_manager(connection)
            pool = mocker.Mock()
            pool.acquire.return_value = acquired

            assert await first_row(pool) == [1]
            assert acquired.entered and acquired.exited
            assert (acquired.enter_count, acquired.exit_count) == (1, 1)
            assert acquired.exit_exception is None

        @pytest.mark.asyncio
        async def test_exception_in_the_block_is_recorded_and_not_swallowed(async_mocker):
            manager = async_mocker.context_manager("value")
            with pytest.raises(KeyError):
                async with manager:
                    raise KeyError("inside")
            assert isinstance(manager.exit_exception, KeyError)

        @pytest.mark.asyncio
        async def test_raises_on_enter(async_mocker):
            refused = async_mocker.context_manager(raises=ConnectionRefusedError("no database"))
            with pytest.raises(ConnectionRefusedError, match="no database"):
                async with refused:
                    pass
            assert refused.entered and not refused.exited

        def test_bad_raises(async_mocker):
            async_mocker.context_manager(raises="boom")
        """
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "E*TypeError: raises='boom': raises must be an exception instance or class (such as "
            "ConnectionError('refused')) or None, not str"
        ]
    )


def test_iterator_feeds_async_for_and_can_fail_midway(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        import pytest

        async def collect(stream, limit=None):
            seen = []
            async for message in stream:
                seen.append(message)
                if limit is not None and len(seen) == limit:
                    break
            return seen

        @pytest.mark.asyncio
        async def test_items(async_mocker):
            stream = async_mocker.iterator(["a", "b", "c"])
            assert await collect(stream) == ["a", "b", "c"]
            assert stream.consumed == 3
            assert await collect(stream) == []  # consumed once, like an async generator

        @pytest.mark.asyncio
        async def test_from_a_generator(async_mocker):
            stream = async_mocker.iterator(n * n for n in range(4))
            assert await collect(stream, limit=2) == [0, 1]
            assert stream.consumed == 2

        @pytest.mark.asyncio
        async def test_from_an_endless_generator_read_as_needed(async_mocker):
            import itertools
            pulled = []
            def numbers():
                for n in itertools.count():
                    pulled.append(n)
                    yield n
            stream = async_mocker.iterator(numbers())
            assert pulled == []  # nothing read ahead
            assert await collect(stream, limit=3) == [0, 1, 2]
            assert pulled == [0, 1, 2]
            assert repr(stream) == "<async iterator 3 consumed>"

        @pytest.mark.asyncio
        async def test_raises_after_the_items(async_mocker):
            stream = async_mocker.iterator([1, 2], raises=ConnectionResetError("peer went away"))
            seen = []
            with pytest.raises(ConnectionResetError):
                async for item in stream:
                    seen.append(item)
            assert seen == [1, 2]

        @pytest.mark.asyncio
        async def test_as_return_value_of_a_patched_call(async_mocker, mocker):
            client = mocker.Mock()
            client.stream.return_value = async_mocker.iterator([{"page": 1}, {"page": 2}])
            assert [page async for page in client.stream("/pages")] == [{"page": 1}, {"page": 2}]

        def test_not_iterable(async_mocker):
            async_mocker.iterator(42)

        def test_already_async(async_mocker):
            async def pages():
                yield 1
            async_mocker.iterator(pages())
        """
    )
    result = run_asyncmock()
    result.assert_outcomes(passed=5, failed=2)
    result.stdout.fnmatch_lines(
        [
            "E*TypeError: async_mocker.iterator(items=42): items must be an iterable such as a list, "
            "tuple or generator, not int",
            "E*TypeError: async_mocker.iterator(items=<async_generator object*>): items must be an "
            "iterable such as a list, tuple or generator, not async_generator (it is already "
            "async-iterable: use it as it is)",
        ],
        consecutive=False,
    )


def test_without_pytest_mock_the_error_says_what_to_load(pytester, run_asyncmock):
    pytester.makepyfile(
        """
        def test_needs_mocker(async_mocker):
            pass
        """
    )
    result = run_asyncmock(extra=["asyncio"])
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*::test_needs_mocker: async_mocker is built on pytest-mock's `mocker` fixture, which is not "
            "available: pytest-mock's plugin is not loaded (with plugin autoload off, pass -p pytest_mock)"
        ]
    )
