"""The HTTP client, tested small: every request is answered by mock_api, no socket is opened."""

import json

import httpx
import pytest

from bookshop.catalog import Book, CatalogClient, CatalogError

pytestmark = pytest.mark.small

BASE = "https://catalog.example.com/v1"


@pytest.fixture
async def catalog():
    async with httpx.AsyncClient() as client:
        yield CatalogClient(BASE, client)


async def test_fetches_a_book(mock_api, catalog):
    mock_api.get(f"{BASE}/books/978-0").respond(json={"title": "Dune", "price_cents": 1299, "stock": 3})
    assert await catalog.book("978-0") == Book("978-0", "Dune", 1299, 3)


async def test_unknown_book_is_a_lookup_error(mock_api, catalog):
    mock_api.get(f"{BASE}/books/missing").respond(status_code=404)
    with pytest.raises(LookupError):
        await catalog.book("missing")


async def test_network_failure_becomes_a_catalog_error(mock_api, catalog):
    mock_api.get(f"{BASE}/books/978-0").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(CatalogError, match="catalogue unreachable"):
        await catalog.book("978-0")


async def test_posts_the_review_as_json(mock_api, catalog):
    route = mock_api.post(f"{BASE}/books/978-0/reviews").respond(status_code=201, json={"id": 7})
    assert await catalog.add_review("978-0", 5, "Spice!") == 7
    assert route.call_count == 1
    assert json.loads(route.calls.last.request.content) == {"stars": 5, "text": "Spice!"}
