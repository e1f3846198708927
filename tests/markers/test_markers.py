"""Size markers: registration, base classes, closest marker wins, and per-test errors for misuse."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium


def test_markers_are_registered_with_help(pytester, run_with):
    result = run_with("markers", args=["--markers"])
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.small(timeout=None): small test: one process, no network*under 1 s by default*",
            "@pytest.mark.medium(timeout=None): medium test: one machine, network to localhost only*",
            "@pytest.mark.large(timeout=None): large test*",
            "@pytest.mark.xlarge(timeout=None): xlarge test*",
        ]
    )


def test_markers_work_under_strict_markers(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small
        def test_a(): pass
        """
    )
    run_with("markers", args=["--strict-markers"]).assert_outcomes(passed=1)


def test_closest_marker_wins_and_base_classes_size_their_methods(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest
        from pytest_test_categories_markers import SmallTest, MediumTest, size_of, TestSize

        pytestmark = pytest.mark.large

        def test_module_level(request):
            assert size_of(request.node) is TestSize.LARGE

        class TestSmall(SmallTest):
            def test_inherits(self, request):
                assert size_of(request.node) is TestSize.SMALL

            @pytest.mark.medium
            def test_method_overrides_class(self, request):
                assert size_of(request.node) is TestSize.MEDIUM

        @pytest.mark.xlarge
        class TestMarkedClass:
            def test_class_overrides_module(self, request):
                assert size_of(request.node) is TestSize.XLARGE

        class TestSubclass(MediumTest):
            def test_medium(self, request):
                assert size_of(request.node) is TestSize.MEDIUM
        """
    )
    run_with("markers").assert_outcomes(passed=5)


def test_header_counts_tests_per_size(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small
        def test_a(): pass

        @pytest.mark.small
        def test_b(): pass

        @pytest.mark.medium
        def test_c(): pass

        def test_d(): pass
        """
    )
    result = run_with("markers", args=["-o", "test_categories_unsized=ignore"])
    result.stdout.fnmatch_lines(
        ["collected 4 items", "test sizes: small 2, medium 1, large 0, xlarge 0, unsized 1"]
    )


MISUSE = """
import pytest

@pytest.mark.small
@pytest.mark.medium
def test_two_sizes(): pass

@pytest.mark.small("fast")
def test_positional(): pass

@pytest.mark.medium(timout=3)
def test_typo(): pass

@pytest.mark.medium(allow_external_systems=True)
def test_earlier_plugins_argument(): pass

@pytest.mark.small(timeout=0)
def test_zero_budget(): pass

@pytest.mark.small(timeout="soon")
def test_text_budget(): pass

@pytest.mark.small(timeout=float("nan"))
def test_nan_budget(): pass

@pytest.mark.small(timeout=2)
def test_budget_over_limit(): pass

@pytest.mark.small(timeout=0.5)
def test_good_budget(): pass

@pytest.mark.small
def test_fine(): pass
"""


def test_misused_markers_error_that_test_only_with_the_fix(pytester, run_with):
    pytester.makepyfile(MISUSE)
    result = run_with("markers", args=["-rE"])
    result.assert_outcomes(passed=2, errors=8)
    output = result.stdout.str()
    assert "INTERNALERROR" not in output
    expected = [
        "test_two_sizes: @pytest.mark.small and @pytest.mark.medium are both set on the test itself; "
        "a test has one size.",
        "test_positional: @pytest.mark.small got positional argument(s) 'fast'; @pytest.mark.small takes "
        "only an optional budget: @pytest.mark.small(timeout=<seconds>).",
        "test_typo: @pytest.mark.medium got unknown argument(s) timout; @pytest.mark.medium takes only "
        "an optional budget: @pytest.mark.medium(timeout=<seconds>).",
        "test_earlier_plugins_argument: @pytest.mark.medium got unknown argument(s) allow_external_systems "
        "(an argument of the earlier plugin: delete it); @pytest.mark.medium takes only an optional budget",
        "test_zero_budget: @pytest.mark.small(timeout=0): the budget must be a positive, finite number "
        "of seconds, for example timeout=0.5.",
        "test_text_budget: @pytest.mark.small(timeout='soon'): the budget must be a positive",
        "test_nan_budget: @pytest.mark.small(timeout=nan): the budget must be a positive",
        "test_budget_over_limit: @pytest.mark.small(timeout=2): the budget exceeds the small limit of 1 s.",
    ]
    for text in expected:
        assert text in output, text


def test_two_sizes_on_one_class_name_the_class(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small
        @pytest.mark.large
        class TestBoth:
            def test_x(self): pass
        """
    )
    result = run_with("markers")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*@pytest.mark.small and @pytest.mark.large are both set on class TestBoth*"]
    )


def test_the_closest_level_wins_among_those_pytest_merges(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest
        from pytest_test_categories_markers import SmallTest, MediumTest, TestSize, budget_of, size_of

        @pytest.mark.medium
        class TestMarkedOverBase(SmallTest):
            def test_own_marker_beats_the_base_class(self, request):
                assert size_of(request.node) is TestSize.MEDIUM

        @pytest.mark.small
        class Base:
            pass

        @pytest.mark.medium
        class TestChild(Base):
            def test_subclass_resizes_its_parent(self, request):
                assert size_of(request.node) is TestSize.MEDIUM

        class TestGrandChild(TestChild):
            def test_nearest_ancestor_wins(self, request):
                assert size_of(request.node) is TestSize.MEDIUM

        @pytest.mark.small(timeout=0.5)
        class TestBudgetOverBase(SmallTest):
            def test_budget_of_the_class_itself(self, request):
                assert budget_of(request.node) == 0.5

        @pytest.mark.small
        @pytest.mark.parametrize("n", [1, pytest.param(2, marks=pytest.mark.medium)])
        def test_a_parameter_resizes_its_case(n, request):
            assert size_of(request.node) is (TestSize.SMALL if n == 1 else TestSize.MEDIUM)

        @pytest.mark.small(timeout=0.1)
        @pytest.mark.small
        def test_budget_of_a_repeated_marker_is_kept(request):
            assert budget_of(request.node) == 0.1

        class TestTwoBases(SmallTest, MediumTest):
            def test_x(self):
                pass

        @pytest.mark.small(timeout="soon")
        @pytest.mark.small
        def test_bad_argument_of_a_repeated_marker():
            pass

        @pytest.mark.small(timeout=0.1)
        @pytest.mark.small(timeout=0.2)
        def test_two_budgets():
            pass
        """
    )
    result = run_with("markers", args=["-rE", "-vv"])
    result.assert_outcomes(passed=8, errors=3)
    result.stdout.fnmatch_lines_random(
        [
            "*::TestTwoBases::test_x: @pytest.mark.small and @pytest.mark.medium are both inherited by "
            "class TestTwoBases from SmallTest and MediumTest; a test has one size. Mark the class with "
            "the one that is true (its own marker overrides its base classes').",
            "*::test_bad_argument_of_a_repeated_marker: @pytest.mark.small(timeout='soon'): the budget "
            "must be a positive, finite number of seconds, for example timeout=0.5.",
            "*::test_two_budgets: @pytest.mark.small is set on the test itself twice, with timeout=0.1 "
            "and timeout=0.2; a test has one budget. Keep one @pytest.mark.small(timeout=<seconds>).",
        ]
    )


def test_budget_is_checked_against_configured_limits(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest
        from pytest_test_categories_markers import budget_of

        @pytest.mark.small(timeout=2)
        def test_budget(request):
            assert budget_of(request.node) == 2.0
        """
    )
    run_with("markers", args=["-o", "test_categories_time_limits=small=3"]).assert_outcomes(passed=1)
