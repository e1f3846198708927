"""Prices in cents, so no float ever rounds a customer's bill."""

from __future__ import annotations


def discounted(price_cents: int, percent: int) -> int:
    if not 0 <= percent <= 100:
        raise ValueError(f"discount must be between 0 and 100 percent, not {percent}")
    return price_cents - (price_cents * percent + 50) // 100


def basket_total(prices_cents: list[int], percent: int = 0) -> int:
    return sum(discounted(price, percent) for price in prices_cents)
