"""Pure logic: small, synchronous, instant."""

import pytest

from bookshop.pricing import basket_total, discounted

pytestmark = pytest.mark.small


def test_discount_rounds_half_cents_in_the_customers_favour():
    assert discounted(999, 10) == 899


def test_no_discount_keeps_the_price():
    assert discounted(1250, 0) == 1250


@pytest.mark.parametrize("percent", [-1, 101])
def test_impossible_discounts_are_refused(percent):
    with pytest.raises(ValueError, match="between 0 and 100 percent"):
        discounted(1000, percent)


def test_basket_total_applies_the_discount_to_each_book():
    assert basket_total([1000, 2000], percent=50) == 1500
