"""``pytest-test-categories apply``: from the suggestion file to markers in the source."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pytest_test_categories_core import commands

from .conftest import RunSizing

pytestmark = pytest.mark.medium

SUITE = """
import time


def test_pure():
    assert sorted([3, 1]) == [1, 3]


def test_sleeps():
    time.sleep(0.01)
"""


@pytest.fixture
def observed(pytester: pytest.Pytester, run_sizing: RunSizing) -> Path:
    """A suite under tests/, observed; the suggestion file's path."""
    pytester.mkdir("tests")
    (pytester.path / "tests" / "test_shop.py").write_text(SUITE.lstrip("\n"))
    run_sizing(args=["--test-size-suggest"]).assert_outcomes(passed=2)
    return pytester.path / "test-size-suggestions.json"


def apply(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()  # what an inner pytest run printed before
    status = commands.main(["apply", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_dry_run_prints_a_unified_diff_and_writes_nothing(
    observed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    test_file = observed.parent / "tests" / "test_shop.py"
    status, out, _ = apply(capsys, "--dry-run", str(observed))
    assert status == 0
    assert out.splitlines()[:12] == [
        "--- a/tests/test_shop.py",
        "+++ b/tests/test_shop.py",
        "@@ -1,9 +1,13 @@",
        " import time",
        " ",
        "+import pytest",
        " ",
        "+",
        "+@pytest.mark.small",
        " def test_pure():",
        "     assert sorted([3, 1]) == [1, 3]",
        " ",
    ]
    assert "+@pytest.mark.medium\n def test_sleeps():" in out
    assert "would change 1 file(s)" in out
    assert test_file.read_text() == SUITE.lstrip("\n")


def test_apply_writes_the_markers_and_a_second_apply_changes_nothing(
    observed: Path, capsys: pytest.CaptureFixture[str], run_sizing: RunSizing
) -> None:
    status, out, _ = apply(capsys, str(observed))
    assert status == 0
    assert out.splitlines()[:3] == [
        "tests/test_shop.py: test_pure → @pytest.mark.small",
        "tests/test_shop.py: test_sleeps → @pytest.mark.medium",
        "changed 1 file(s)",
    ]
    strict = run_sizing(
        "isolation",
        "timing",
        args=[
            "--test-categories-isolation=strict",
            "--test-categories-timing=strict",
            "-o",
            "test_categories_unsized=error",
        ],
    )
    strict.assert_outcomes(passed=2)
    status, out, _ = apply(capsys, str(observed))
    assert status == 0
    assert out.splitlines()[0] == "nothing to change: every observed test has its suggested size"


def test_a_file_changed_since_the_observation_is_refused(
    observed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    test_file = observed.parent / "tests" / "test_shop.py"
    edited = SUITE.lstrip("\n") + "\n\ndef test_new():\n    pass\n"
    test_file.write_text(edited)
    status, out, err = apply(capsys, str(observed))
    assert out == ""
    assert status == 2
    assert err == (
        "pytest-test-categories: error: tests/test_shop.py changed since the observation; run pytest "
        "--test-size-suggest again before applying (nothing was written)\n"
    )
    assert test_file.read_text() == edited


def test_resize_changes_existing_markers_only_when_asked(
    pytester: pytest.Pytester, run_sizing: RunSizing, capsys: pytest.CaptureFixture[str]
) -> None:
    pytester.makepyfile(test_shop="import pytest\n\n\n@pytest.mark.large\ndef test_pure():\n    pass\n")
    run_sizing(args=["--test-size-suggest"]).assert_outcomes(passed=1)
    document = str(pytester.path / "test-size-suggestions.json")
    status, out, _ = apply(capsys, document)
    assert status == 0
    assert out.splitlines()[:2] == [
        "test_shop.py::test_pure: marked large, suggested small (--resize changes it)",
        "nothing to change: every observed test has its suggested size",
    ]
    status, _, _ = apply(capsys, "--resize", document)
    assert status == 0
    assert "@pytest.mark.small\ndef test_pure():" in (pytester.path / "test_shop.py").read_text()


def test_folders_that_agree_are_offered_as_path_rules(
    pytester: pytest.Pytester, run_sizing: RunSizing, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder, body in (("unit", "pass"), ("slow", "import time; time.sleep(0.01)")):
        pytester.mkdir(folder)
        (pytester.path / folder / f"test_{folder}.py").write_text(f"def test_{folder}():\n    {body}\n")
    run_sizing(args=["--test-size-suggest"]).assert_outcomes(passed=2)
    _, out, _ = apply(capsys, "--dry-run", str(pytester.path / "test-size-suggestions.json"))
    assert out.splitlines()[-4:] == [
        "Instead of decorators, a path rule gives every unmarked test below a folder its size "
        "(these folders agree on one size for every test observed in them):",
        "  test_categories_size_paths =",
        "      slow/* = medium",
        "      unit/* = small",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "{path}: no such file; give the file pytest --test-size-suggest wrote"),
        (
            "{not json",
            "{path} is not a suggestion file: not JSON (Expecting property name enclosed in double quotes at line 1)",
        ),
        (
            '{"report": "pytest-test-categories"}',
            "{path} is not a suggestion file written by pytest --test-size-suggest",
        ),
        (
            '{"document": "pytest-test-categories-size-suggestions", "schema_version": "2.0"}',
            "{path} has schema version 2.0; this apply reads version 1.x: observe again with this version",
        ),
        (
            '{"document": "pytest-test-categories-size-suggestions", "schema_version": "1.0", "rootdir": "."}',
            "{path} is not a valid suggestion file (bad or missing 'functions')",
        ),
    ],
)
def test_a_bad_suggestion_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "suggestions.json"
    if content is not None:
        path.write_text(content)
    status, out, err = apply(capsys, str(path))
    assert out == ""
    assert status == 2
    assert err == f"pytest-test-categories: error: {message.format(path=path)}\n"


def test_the_console_script_has_the_apply_command(tmp_path: Path) -> None:
    import subprocess

    script = Path(sys.executable).parent / "pytest-test-categories"
    done = subprocess.run([str(script), "apply", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "--dry-run" in done.stdout
    assert "--resize" in done.stdout


def test_the_suggestion_file_names_each_function_once_with_its_file_hash(observed: Path) -> None:
    document = json.loads(observed.read_text())
    assert [entry["function"] for entry in document["functions"]] == ["test_pure", "test_sleeps"]
    assert list(document["files"]) == ["tests/test_shop.py"]
