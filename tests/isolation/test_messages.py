"""A violation's message says whose doing it was and what fits as a fix; its traceback shows the
user's code (or the fixture's), never a frame of this plugin."""

from __future__ import annotations

import re

import pytest

from .conftest import RunIsolated

pytestmark = pytest.mark.medium

OUR_FRAME = re.compile(r"pytest_test_categories\w*[/\\][\w/\\]*\.py:\d+")


def assert_no_frame_of_ours(result: pytest.RunResult) -> None:
    output = result.stdout.str()
    assert not OUR_FRAME.findall(output), output
    assert "IsolationRunner" not in output, output


@pytest.mark.parametrize(
    ("fixture", "culprit"), [("pytester", "'pytester'"), ("testdir", "'pytester', which testdir uses")]
)
def test_a_small_test_using_pytester_names_it_and_is_told_to_be_medium(
    pytester: pytest.Pytester, run_isolated: RunIsolated, fixture: str, culprit: str
) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.small
        def test_my_plugin({fixture}):
            {fixture}.makepyfile("def test_inner(): pass")
        """
    )
    result = run_isolated("strict", "-p", "pytester", "--tb=long")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            # pytester's first step on disk: create its folder (3.11, 3.12), look at the base (3.13)
            f"E * TC002 filesystem access: * (setting up the fixture {culprit})",
            "E * | How to fix: The pytester fixture writes the files a test makes with it * so a test "
            "that uses it is not small: mark it @pytest.mark.medium *",
        ]
    )
    result.stdout.no_fnmatch_line("*io.StringIO*")
    assert_no_frame_of_ours(result)


def test_a_fixture_writing_into_tmp_path_is_named_and_shown(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture
        def report_folder(tmp_path):
            (tmp_path / "report.csv").write_text("name,total\\n")
            return tmp_path
        """
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small
        def test_report(report_folder):
            pass
        """
    )
    result = run_isolated("strict", "--tb=long")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "    def report_folder(tmp_path):",
            '>       (tmp_path / "report.csv").write_text("name,total\\n")',
            "E * TC002 filesystem access: open *report.csv for writing (setting up the fixture 'report_folder')",
            "E * | How to fix: tmp_path gives the test a folder, but writing into it is still file I/O, "
            "which a small test may not do. Keep the data in memory (io.StringIO / io.BytesIO or an "
            "in-memory fake), or mark the test @pytest.mark.medium: a medium test may use tmp_path freely.",
        ]
    )
    assert_no_frame_of_ours(result)


def test_the_test_writing_into_tmp_path_gets_advice_about_tmp_path(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.small
        def test_writes(tmpdir):
            tmpdir.join("out.txt").write("x")

        @pytest.mark.small
        def test_writes_without_a_folder_fixture():
            open("out.txt", "w")
        """
    )
    result = run_isolated("strict", "--tb=long")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "E * TC002 filesystem access: open *out.txt for writing",
            "E * | How to fix: tmpdir gives the test a folder, but writing into it is still file I/O*",
        ]
    )
    result.stdout.fnmatch_lines(["E * | How to fix: A small test reads only code * Use io.StringIO*"])
    result.stdout.no_fnmatch_line("*setting up the fixture*")
    assert_no_frame_of_ours(result)
