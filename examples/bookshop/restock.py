"""Waiting for a book to come back in stock: polls the catalogue, for up to an hour."""

from __future__ import annotations

import asyncio

from bookshop.catalog import Book, CatalogClient


async def wait_until_in_stock(
    catalog: CatalogClient, isbn: str, *, every: float = 60.0, give_up_after: float = 3600.0
) -> Book:
    async with asyncio.timeout(give_up_after):
        while True:
            book = await catalog.book(isbn)
            if book.stock > 0:
                return book
            await asyncio.sleep(every)


async def notify_all(isbns: list[str], catalog: CatalogClient, send) -> int:  # type: ignore[no-untyped-def]
    """Check every wished-for book concurrently and send one message per book in stock."""
    books = await asyncio.gather(*(catalog.book(isbn) for isbn in isbns))
    sent = 0
    async with send as channel:
        for book in books:
            if book.stock > 0:
                await channel.publish(f"{book.title} is back in stock")
                sent += 1
    return sent
