from stock import count_lines_with_wc, reindex


def test_counts_lines_with_an_external_tool():
    assert count_lines_with_wc("a\nb\nc\n") == 3


def test_reindexing_everything():
    assert reindex({"pen": (1, 1.0), "ink": (2, 3.0)}) == ["ink", "pen"]  # takes 2 s
