"""The core plugin: the shared time-limit setting, the hook, and loading with autoload off."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium


def test_time_limits_that_shrink_with_size_are_a_usage_error(pytester, run_with):
    pytester.makepyfile("def test_x(): pass")
    result = run_with("core", args=["-o", "test_categories_time_limits=small=10 medium=5"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: ini option test_categories_time_limits: limits must not shrink as sizes grow "
            "(small <= medium <= large <= xlarge); in force would be "
            "small=10 medium=5 large=900 xlarge=900"
        ]
    )
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


def test_bad_time_limit_value_names_the_option_and_the_value(pytester, run_with):
    pytester.makepyfile("def test_x(): pass")
    result = run_with("core", args=["-o", "test_categories_time_limits=small=soon"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: ini option test_categories_time_limits: 'soon' for small is not a number"]
    )


def test_limits_in_force_merge_given_sizes_over_defaults(pytester, run_with):
    pytester.makepyfile(
        """
        from pytest_test_categories_core import TestSize, time_limits

        def test_limits(request):
            limits = time_limits(request.config)
            assert dict(limits) == {
                TestSize.SMALL: 0.5, TestSize.MEDIUM: 300.0, TestSize.LARGE: 900.0, TestSize.XLARGE: 900.0
            }
        """
    )
    result = run_with("core", args=["-o", "test_categories_time_limits=small=0.5"])
    result.assert_outcomes(passed=1)


def test_violations_reach_hook_listeners_and_the_report(pytester, run_with):
    pytester.makeconftest(
        """
        import pytest
        from pytest_test_categories_core import TestSize, Violation, report_violation

        seen = []

        def pytest_test_categories_violation(item, violation):
            seen.append((item.name, violation.code))

        @pytest.hookimpl(wrapper=True)
        def pytest_runtest_call(item):
            report_violation(item, Violation("TC005", item.nodeid, TestSize.SMALL, "slept 1 s", "don't"))
            return (yield)

        def pytest_runtest_logreport(report):
            if report.when == "call":
                print("PROPS", report.user_properties)

        def pytest_sessionfinish():
            print("SEEN", seen)
        """
    )
    pytester.makepyfile("def test_one(): pass")
    result = run_with("core", args=["-s"])
    result.assert_outcomes(passed=1)
    output = result.stdout.str()
    assert "PROPS [('test_categories_violation', 'TC005 sleep: slept 1 s')]" in output
    assert "SEEN [('test_one', 'TC005')]" in output


def test_a_dependent_plugin_loads_the_core_with_autoload_off(pytester, run_with):
    pytester.makepyfile(
        """
        def test_hook_is_registered(request):
            assert request.config.pluginmanager.has_plugin("test_categories_core")
            assert hasattr(request.config.hook, "pytest_test_categories_violation")
        """
    )
    result = run_with("markers", args=["-o", "test_categories_unsized=ignore"])
    result.assert_outcomes(passed=1)


def test_parts_load_by_their_names_with_autoload_off_and_bring_the_core(pytester, run_with):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small
        def test_plugins(request):
            manager = request.config.pluginmanager
            assert manager.has_plugin("test_categories_core")
            assert manager.has_plugin("test_categories_timing")
            assert not manager.has_plugin("test_categories_isolation")
        """
    )
    result = run_with(extra=["test_categories_markers", "test_categories_timing"])
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["test sizes: small 1, *"])


def test_blocking_a_plugin_others_need_is_a_usage_error_naming_both(pytester, run_with):
    pytester.makepyfile("def test_x(): pass")
    result = run_with("markers", "timing", args=["-p", "no:test_categories_core"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: test_categories_core is blocked (-p no:test_categories_core), but "
            "test_categories_markers, test_categories_timing need it: unblock it, or block those "
            "plugins too (-p no:test_categories_markers -p no:test_categories_timing)."
        ]
    )
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


@pytest.mark.parametrize("part", ["timing", "isolation", "reporting"])
def test_parts_that_read_sizes_bring_the_markers_plugin_and_need_it(pytester, run_with, part):
    # Sizes and budgets are resolved and checked by the markers plugin: without it, reporting would
    # count every test unsized and the markers would be unregistered. Each such part loads it,
    # and will not run without it.
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small(timeout=5)
        def test_budget_over_the_limit():
            pass

        @pytest.mark.medium
        def test_medium():
            pass
        """
    )
    loaded = run_with(part, args=["-vv", "--strict-markers"])
    loaded.assert_outcomes(errors=1, passed=1)
    loaded.stdout.fnmatch_lines(["*timeout=5*small limit*"])
    loaded.stdout.fnmatch_lines(["test sizes: small 1, medium 1, large 0, xlarge 0, unsized 0"])
    blocked = run_with(part, args=["-p", "no:test_categories_markers"])
    assert blocked.ret == pytest.ExitCode.USAGE_ERROR
    blocked.stderr.fnmatch_lines(
        [
            "ERROR: test_categories_markers is blocked (-p no:test_categories_markers), but "
            f"test_categories_{part} needs it: unblock it, or block that plugin too "
            f"(-p no:test_categories_{part})."
        ]
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[tool.pytest.ini_options]\ntest_categories_time_limits = ["small=1", "medium=300"]\n',
            "ERROR: ini option test_categories_time_limits: expected one string, for example "
            "'small=1 medium=300', got a list: [[]'small=1', 'medium=300'[]]",
        ),
        (
            '[tool.pytest.ini_options]\ntest_categories_timing = ["warn"]\n',
            "ERROR: ini option test_categories_timing: expected one string, for example 'strict', "
            "got a list: [[]'warn'[]]",
        ),
        (
            '[tool.pytest.ini_options]\ntest_categories_default_size = ["small"]\n',
            "ERROR: ini option test_categories_default_size: expected one string, for example 'small', "
            "got a list: [[]'small'[]]",
        ),
        (
            "[tool.pytest.ini_options]\ntest_categories_timing = true\n",
            "ERROR: ini option test_categories_timing: expected one string, for example 'strict', "
            "got a TOML boolean: True",
        ),
        (
            "[tool.pytest.ini_options]\ntest_categories_time_limits = {small = 1}\n",
            "ERROR: ini option test_categories_time_limits: expected one string, for example "
            "'small=1 medium=300', got a TOML table: {'small': 1}",
        ),
    ],
    ids=["limits", "mode", "default-size", "boolean", "table"],
)
def test_a_toml_list_where_one_string_is_expected_is_a_clear_usage_error(pytester, run_with, toml, message):
    pytester.makepyfile("def test_x(): pass")
    pytester.makepyprojecttoml(toml)
    result = run_with("markers", "timing")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])
    assert "Warning" not in result.stdout.str() + result.stderr.str()


def test_the_earlier_plugins_name_blocked_is_a_usage_error_naming_the_parts(pytester, run_with):
    # `-p no:test_categories` switched the earlier plugin off; silently ignored, it would leave
    # every part of this family on.
    pytester.makepyfile("def test_x(): pass")
    result = run_with("markers", "timing", args=["-p", "no:test_categories"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: -p no:test_categories is the earlier plugin's name and switches nothing off here: each "
            "part has its own name. Block the parts you want off, or all of them (-p no:test_categories_timing "
            "-p no:test_categories_isolation *), or set a part's mode to off (for example "
            "--test-categories-timing=off)."
        ]
    )
