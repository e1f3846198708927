"""An async client for the catalogue service's HTTP API."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Book:
    isbn: str
    title: str
    price_cents: int
    stock: int


class CatalogError(Exception):
    """The catalogue could not answer."""


class CatalogClient:
    def __init__(self, base_url: str, client: httpx.AsyncClient) -> None:
        self._base_url = base_url.rstrip("/")
        self._client = client

    async def book(self, isbn: str) -> Book:
        try:
            response = await self._client.get(f"{self._base_url}/books/{isbn}")
        except httpx.TransportError as error:
            raise CatalogError(f"catalogue unreachable: {error}") from error
        if response.status_code == 404:
            raise LookupError(isbn)
        response.raise_for_status()
        data = response.json()
        return Book(isbn, data["title"], data["price_cents"], data["stock"])

    async def add_review(self, isbn: str, stars: int, text: str) -> int:
        response = await self._client.post(
            f"{self._base_url}/books/{isbn}/reviews", json={"stars": stars, "text": text}
        )
        response.raise_for_status()
        return int(response.json()["id"])
