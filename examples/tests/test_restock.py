"""Waiting an hour, in milliseconds: virtual time and async mocks keep these tests small."""

import asyncio

import pytest

from bookshop.catalog import Book, CatalogClient
from bookshop.restock import notify_all, wait_until_in_stock

pytestmark = pytest.mark.small

OUT = Book("978-0", "Dune", 1299, 0)
BACK = Book("978-0", "Dune", 1299, 4)


async def test_polls_every_minute_until_the_book_is_back(async_mocker, virtual_time):
    catalog = async_mocker.mock(spec=CatalogClient)
    catalog.book.side_effect = [OUT, OUT, OUT, BACK]

    book = await wait_until_in_stock(catalog, "978-0", every=60)

    assert book.stock == 4
    assert catalog.book.await_count == 4
    assert virtual_time.now == pytest.approx(180)


async def test_gives_up_after_an_hour(async_mocker, virtual_time):
    catalog = async_mocker.mock(spec=CatalogClient)
    catalog.book.return_value = OUT

    with pytest.raises(TimeoutError):
        await wait_until_in_stock(catalog, "978-0", every=60, give_up_after=3600)

    assert virtual_time.now == pytest.approx(3600)


async def test_notifies_once_per_book_in_stock(async_mocker):
    catalog = async_mocker.mock(spec=CatalogClient)
    catalog.book.side_effect = [BACK, OUT, BACK]
    channel = async_mocker.mock()
    sender = async_mocker.context_manager(channel)

    sent = await notify_all(["a", "b", "c"], catalog, sender)

    assert sent == 2
    assert channel.publish.await_count == 2
    assert sender.entered and sender.exited


async def test_checks_run_concurrently():
    async def slow_lookup():
        await asyncio.sleep(0.2)

    await asyncio.gather(*(slow_lookup() for _ in range(3)))  # 0.2 s in all, not 0.6 s
