from stock import load, save


def test_saved_stock_loads_back(tmp_path):
    path = tmp_path / "stock.json"
    save({"pen": (3, 1.5)}, path)
    assert load(path) == {"pen": (3, 1.5)}
