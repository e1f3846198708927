import pytest
from stock import total_value


def test_empty_stock_is_worth_nothing():
    assert total_value({}) == 0


@pytest.mark.parametrize(("quantity", "price", "worth"), [(1, 2.5, 2.5), (3, 0.1, 0.3), (0, 9.0, 0)])
def test_value_is_quantity_times_price(quantity, price, worth):
    assert total_value({"pen": (quantity, price)}) == worth
