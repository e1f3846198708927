"""Against a real HTTP server on localhost: that makes the test medium."""

import asyncio
import json

import httpx
import pytest

from bookshop.catalog import Book, CatalogClient

pytestmark = pytest.mark.medium


async def serve_one_book(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    body = json.dumps({"title": "Dune", "price_cents": 1299, "stock": 1}).encode()
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    writer.close()


async def test_talks_to_a_catalogue_on_localhost():
    server = await asyncio.start_server(serve_one_book, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server, httpx.AsyncClient() as client:
        book = await CatalogClient(f"http://127.0.0.1:{port}", client).book("978-0")
    assert book == Book("978-0", "Dune", 1299, 1)
