"""Writing markers into source: the smallest change that gives every test its size, formatting kept."""

from __future__ import annotations

import textwrap

import pytest

from pytest_test_categories_core import TestSize
from pytest_test_categories_sizing.rewrite import Wanted, rewrite

pytestmark = pytest.mark.small

SMALL, MEDIUM, LARGE = TestSize.SMALL, TestSize.MEDIUM, TestSize.LARGE


def source(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_a_module_whose_tests_all_agree_gets_one_pytestmark_after_its_imports() -> None:
    before = source(
        '''
        """Prices."""
        from __future__ import annotations

        import math  # for pi


        def test_a():
            assert math.pi > 3


        def test_b():  # keep this comment
            pass
        '''
    )
    outcome = rewrite(before, [Wanted(None, "test_a", SMALL), Wanted(None, "test_b", SMALL)], resize=False)
    assert outcome.source == source(
        '''
        """Prices."""
        from __future__ import annotations

        import math  # for pi

        import pytest

        pytestmark = pytest.mark.small


        def test_a():
            assert math.pi > 3


        def test_b():  # keep this comment
            pass
        '''
    )
    assert outcome.added == ["module → pytestmark = pytest.mark.small"]


def test_a_class_whose_tests_agree_gets_a_decorator_and_the_others_their_own() -> None:
    before = source(
        """
        import pytest


        class TestShop:
            def test_a(self):
                pass

            @pytest.mark.parametrize("n", [1, 2])
            def test_b(self, n):
                pass


        async def test_c():
            pass
        """
    )
    wanted = [
        Wanted("TestShop", "test_a", MEDIUM),
        Wanted("TestShop", "test_b", MEDIUM),
        Wanted(None, "test_c", SMALL),
    ]
    assert rewrite(before, wanted, resize=False).source == source(
        """
        import pytest


        @pytest.mark.medium
        class TestShop:
            def test_a(self):
                pass

            @pytest.mark.parametrize("n", [1, 2])
            def test_b(self, n):
                pass


        @pytest.mark.small
        async def test_c():
            pass
        """
    )


def test_tests_of_one_class_that_disagree_are_marked_one_by_one() -> None:
    before = source(
        """
        class TestShop:
            def test_a(self):
                pass

            def test_b(self):
                pass
        """
    )
    after = rewrite(
        before, [Wanted("TestShop", "test_a", SMALL), Wanted("TestShop", "test_b", LARGE)], resize=False
    )
    assert after.source == source(
        """
        import pytest


        class TestShop:
            @pytest.mark.small
            def test_a(self):
                pass

            @pytest.mark.large
            def test_b(self):
                pass
        """
    )


def test_a_test_the_observation_did_not_see_keeps_the_module_from_one_pytestmark() -> None:
    before = "def test_seen():\n    pass\n\n\ndef test_deselected():\n    pass\n"
    after = rewrite(before, [Wanted(None, "test_seen", SMALL)], resize=False).source
    assert "pytestmark" not in after
    assert "@pytest.mark.small\ndef test_seen():" in after
    assert "\n\n\ndef test_deselected():" in after


def test_applying_twice_changes_nothing_the_second_time() -> None:
    before = "class TestA:\n    def test_a(self):\n        pass\n\n\ndef test_b():\n    pass\n"
    wanted = [Wanted("TestA", "test_a", MEDIUM), Wanted(None, "test_b", SMALL)]
    once = rewrite(before, wanted, resize=False)
    assert once.source != before
    twice = rewrite(once.source, wanted, resize=False)
    assert twice.source == once.source
    assert twice.added == []


def test_a_wrong_marker_is_left_alone_unless_resizing() -> None:
    before = "import pytest\n\n\n@pytest.mark.small(timeout=0.5)\ndef test_a():\n    pass\n"
    kept = rewrite(before, [Wanted(None, "test_a", MEDIUM, marked=SMALL)], resize=False)
    assert kept.source == before
    assert kept.left == ["test_a: marked small, suggested medium (--resize changes it)"]
    grown = rewrite(before, [Wanted(None, "test_a", MEDIUM, marked=SMALL)], resize=True)
    assert grown.source == before.replace("pytest.mark.small(timeout=0.5)", "pytest.mark.medium(timeout=0.5)")


def test_resizing_down_drops_a_budget_the_smaller_size_may_not_allow() -> None:
    before = "import pytest\n\n\n@pytest.mark.large(timeout=600)\ndef test_a():\n    pass\n"
    after = rewrite(before, [Wanted(None, "test_a", SMALL, marked=LARGE)], resize=True)
    assert after.source == before.replace("pytest.mark.large(timeout=600)", "pytest.mark.small")


def test_resizing_a_test_sized_by_its_class_overrides_it_on_the_function() -> None:
    before = "import pytest\n\n\n@pytest.mark.small\nclass TestA:\n    def test_a(self):\n        pass\n"
    after = rewrite(before, [Wanted("TestA", "test_a", MEDIUM, marked=SMALL)], resize=True).source
    assert after == (
        "import pytest\n\n\n@pytest.mark.small\nclass TestA:\n    @pytest.mark.medium\n    def test_a(self):\n        pass\n"
    )


def test_a_function_no_longer_in_the_file_is_reported_not_invented() -> None:
    outcome = rewrite("def test_other():\n    pass\n", [Wanted("TestGone", "test_a", SMALL)], resize=False)
    assert outcome.not_found == ["TestGone::test_a"]
    assert outcome.source == "def test_other():\n    pass\n"


def test_a_module_with_its_own_pytestmark_gets_decorators_instead() -> None:
    before = "import pytest\n\npytestmark = pytest.mark.asyncio\n\n\nasync def test_a():\n    pass\n"
    after = rewrite(before, [Wanted(None, "test_a", SMALL)], resize=False).source
    assert after == before.replace("async def test_a", "@pytest.mark.small\nasync def test_a")


def test_a_size_inherited_from_a_base_class_elsewhere_counts_as_a_marker() -> None:
    before = "from pytest_test_categories import SmallTest\n\n\nclass TestA(SmallTest):\n    def test_a(self):\n        pass\n"
    right = rewrite(before, [Wanted("TestA", "test_a", SMALL, marked=SMALL)], resize=False)
    assert (right.source, right.left) == (before, [])
    wrong = rewrite(before, [Wanted("TestA", "test_a", MEDIUM, marked=SMALL)], resize=False)
    assert (wrong.source, wrong.left) == (
        before,
        ["TestA::test_a: marked small, suggested medium (--resize changes it)"],
    )
    resized = rewrite(before, [Wanted("TestA", "test_a", MEDIUM, marked=SMALL)], resize=True).source
    assert "class TestA(SmallTest):\n    @pytest.mark.medium\n    def test_a(self):" in resized
