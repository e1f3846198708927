"""TC002 filesystem: small tests read code, package data and the project's files, and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import RunIsolated, listed

pytestmark = pytest.mark.medium

FORBIDDEN = """
import os
import tempfile
import pytest

OUTSIDE = {outside!r}

def test_write_a_file(tmp_path):
    (tmp_path / "out.txt").write_text("data")

def test_read_outside_the_project():
    with open(os.path.join(OUTSIDE, "secret.txt")) as f:
        f.read()

def test_list_a_directory_outside_the_project():
    os.listdir(OUTSIDE)

def test_make_a_directory(tmp_path):
    os.mkdir(tmp_path / "made")

def test_remove_a_file():
    os.remove(os.path.join(OUTSIDE, "secret.txt"))

def test_rename_a_file():
    os.rename(os.path.join(OUTSIDE, "movable.txt"), os.path.join(OUTSIDE, "moved.txt"))

def test_touch_a_new_file(tmp_path):
    (tmp_path / "new.txt").touch()

def test_temporary_file():
    with tempfile.TemporaryFile() as f:
        f.write(b"x")

def test_import_of_a_module_that_writes_when_imported():
    import writes_when_imported
"""

WRITES_WHEN_IMPORTED = """
import os
with open(os.path.join({outside!r}, "written-at-import.txt"), "w") as f:
    f.write("x")
"""


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the inner project, with a file in it."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.txt").write_text("s3cret")
    (folder / "movable.txt").write_text("m")
    return folder


def _forbidden_suite(pytester: pytest.Pytester, outside: Path, size: str) -> None:
    pytester.makepyfile(
        test_fs=f"import pytest\npytestmark = pytest.mark.{size}\n" + FORBIDDEN.format(outside=str(outside)),
        writes_when_imported=WRITES_WHEN_IMPORTED.format(outside=str(outside)),
    )


def test_small_filesystem_access_fails_in_strict_mode(
    pytester: pytest.Pytester, run_isolated: RunIsolated, outside: Path
) -> None:
    _forbidden_suite(pytester, outside, "small")
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=9)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_write_a_file - *TC002 filesystem access: open */test_write_a_file0/out.txt for writing",
            f"FAILED *test_read_outside_the_project - *TC002 filesystem access: read {outside}/secret.txt",
            "FAILED *test_list_a_directory_outside_the_project - *TC002 filesystem access: "
            f"list the directory {outside}",
            "FAILED *test_make_a_directory - *TC002 filesystem access: create the directory */made",
            f"FAILED *test_remove_a_file - *TC002 filesystem access: remove {outside}/secret.txt",
            f"FAILED *test_rename_a_file - *TC002 filesystem access: rename {outside}/movable.txt to "
            f"{outside}/moved.txt",
            "FAILED *test_touch_a_new_file - *TC002 filesystem access: open */new.txt for writing",
            "FAILED *test_temporary_file - *TC002 filesystem access: create a temporary file in *",
            "FAILED *test_import_of_a_module_that_writes_when_imported - *TC002 filesystem access: "
            f"open {outside}/written-at-import.txt for writing",
        ]
    )
    result.stdout.fnmatch_lines(["*| How to fix: A small test reads only code and the project's own files*"])
    assert (outside / "secret.txt").read_text() == "s3cret"
    assert not (outside / "written-at-import.txt").exists()


def test_small_filesystem_access_happens_in_warn_mode_and_is_listed(
    pytester: pytest.Pytester, run_isolated: RunIsolated, outside: Path
) -> None:
    _forbidden_suite(pytester, outside, "small")
    result = run_isolated("warn")
    result.assert_outcomes(passed=9)
    tests = [line.split("::", 1)[1].split(":", 1)[0] for line in listed(result)]
    assert tests == [
        "test_write_a_file",
        "test_read_outside_the_project",
        "test_list_a_directory_outside_the_project",
        "test_make_a_directory",
        "test_remove_a_file",
        "test_rename_a_file",
        "test_touch_a_new_file",  # one touch, one violation (its failed os.utime changed nothing)
        "test_temporary_file",
        "test_import_of_a_module_that_writes_when_imported",
    ]
    assert (outside / "written-at-import.txt").exists()
    assert (outside / "moved.txt").exists()
    assert not (outside / "secret.txt").exists()


def test_medium_tests_may_use_the_filesystem(
    pytester: pytest.Pytester, run_isolated: RunIsolated, outside: Path
) -> None:
    _forbidden_suite(pytester, outside, "medium")
    result = run_isolated("strict")
    result.assert_outcomes(passed=9)
    result.stdout.no_fnmatch_line("*TC002*")
    assert (outside / "moved.txt").exists()


def test_what_python_and_pytest_need_stays_possible_in_small_tests(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        test_allowed="""
        import importlib.resources
        import os
        import sys
        import pytest

        pytestmark = pytest.mark.small

        def test_read_a_project_file():
            with open("data.json") as f:
                assert f.read() == '{"a": 1}'
            assert "data.json" in os.listdir(".")

        def test_read_package_data():
            import certifi
            with open(certifi.where()) as f:
                assert "BEGIN CERTIFICATE" in f.read()
            assert importlib.resources.files("certifi").joinpath("cacert.pem").read_bytes()

        def test_import_a_module_for_the_first_time(monkeypatch):
            monkeypatch.setattr(sys, "dont_write_bytecode", False)  # so the import writes its cache
            assert "lazy_module" not in sys.modules
            import lazy_module
            assert lazy_module.VALUE == 42

        def test_capsys(capsys):
            print("to capsys")
            assert capsys.readouterr().out == "to capsys\\n"

        def test_capfd(capfd):
            os.write(1, b"to capfd\\n")
            assert capfd.readouterr().out == "to capfd\\n"

        def test_tmp_path_is_created_for_the_test(tmp_path):
            assert tmp_path.is_dir()

        def test_devnull():
            with open(os.devnull, "w") as sink:
                sink.write("discarded")

        def test_failing_assert_is_still_explained():
            left = {"a": 1}
            assert left == {"a": 2}

        def test_httpx_client_loads_its_certificates():
            import httpx
            httpx.Client().close()
        """,
        lazy_module="VALUE = 42\n",
    )
    pytester.path.joinpath("data.json").write_text('{"a": 1}')
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(passed=8, failed=1)
    result.stdout.fnmatch_lines(["*test_failing_assert_is_still_explained*", "E * {'a': 1} == {'a': 2}*"])
    result.stdout.no_fnmatch_line("*TC00*")
    assert list(pytester.path.joinpath("__pycache__").glob("lazy_module.*.pyc"))


def test_files_the_test_asks_pytest_for_are_the_tests_doing(
    pytester: pytest.Pytester, run_isolated: RunIsolated, outside: Path
) -> None:
    pytester.makepyfile(
        f"""
        import os
        import py
        import pytest

        OUTSIDE = {str(outside)!r}
        pytestmark = pytest.mark.small

        def test_tmp_path_itself_is_fine(tmp_path, tmpdir):
            assert tmp_path.is_dir() and tmpdir.check(dir=True)

        def test_tmpdir_write(tmpdir):
            tmpdir.join("out.txt").write("x")

        def test_py_path_read():
            py.path.local(os.path.join(OUTSIDE, "secret.txt")).read()

        def test_mktemp(tmp_path_factory):
            tmp_path_factory.mktemp("mine")

        def test_cache_set(request):
            request.config.cache.set("myapp/state", {{"n": 1}})
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(passed=1, failed=4)
    result.stdout.fnmatch_lines(
        [
            "FAILED *test_tmpdir_write - *TC002 filesystem access: open */out.txt for writing",
            f"FAILED *test_py_path_read - *TC002 filesystem access: read {outside}/secret.txt",
            # the first thing pytest does for mktemp: create the folder (pytest 9), list the base (8.4)
            "FAILED *test_mktemp - *TC002 filesystem access: *",
            "FAILED *test_cache_set - *TC002 filesystem access: create the directory *",
        ],
        consecutive=False,
    )


def test_finalizers_of_an_earlier_tests_objects_are_not_the_running_tests_doing(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    pytester.makepyfile(
        """
        import gc
        import tempfile
        import weakref
        import pytest

        class Holder:
            def __init__(self):
                self.file = tempfile.NamedTemporaryFile()
                self.folder = tempfile.TemporaryDirectory()
                self.me = self  # a cycle: only the garbage collector frees it

        @pytest.mark.medium
        def test_medium_leaves_garbage_behind():
            Holder()

        @pytest.mark.small
        def test_small_runs_while_the_collector_cleans_up():
            assert gc.collect() > 0
        """
    )
    result = run_isolated("strict", "-p", "no:randomly")
    result.assert_outcomes(passed=2)


def test_changing_folder_does_not_make_it_readable(
    pytester: pytest.Pytester, run_isolated: RunIsolated, outside: Path
) -> None:
    # "" on sys.path (pytest.main() started from `python -c`) means the current folder: the one
    # the session started in, not wherever a test moved to.
    pytester.makeconftest(
        """
        import sys
        sys.path.insert(0, "")
        """
    )
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.small
        def test_read_after_chdir(monkeypatch):
            monkeypatch.chdir({str(outside)!r})
            open("secret.txt").read()
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [f"FAILED *test_read_after_chdir - *TC002 filesystem access: read {outside}/secret.txt"]
    )


def test_the_temporary_folder_can_be_named_with_output_capture_off(
    pytester: pytest.Pytester, run_isolated: RunIsolated
) -> None:
    # The first tempfile.gettempdir() of a process writes a probe file; it must not be a test's.
    pytester.makepyfile(
        """
        import os
        import tempfile
        import pytest

        @pytest.mark.small
        def test_cache_path_is_computed():
            assert os.path.join(tempfile.gettempdir(), "x").endswith("x")
        """
    )
    result = run_isolated("strict", "-s", subprocess=True)
    result.assert_outcomes(passed=1)


def test_package_data_of_a_package_found_by_an_import_hook_is_readable(
    pytester: pytest.Pytester, run_isolated: RunIsolated, outside: Path
) -> None:
    # setuptools' editable installs of a flat layout: a finder maps the package to its folder,
    # and no folder goes on sys.path. Its code imports; its data must be readable too.
    package = outside / "shopcommon"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from importlib.resources import files\n"
        "def currencies():\n"
        "    return files(__name__).joinpath('currencies.txt').read_text()\n"
    )
    (package / "currencies.txt").write_text("USD EUR")
    pytester.makeconftest(
        f"""
        import importlib.machinery, importlib.util, sys

        class EditableFinder:
            @classmethod
            def find_spec(cls, name, path=None, target=None):
                if name != "shopcommon":
                    return None
                return importlib.util.spec_from_file_location(
                    name, {str(package / "__init__.py")!r}, submodule_search_locations=[{str(package)!r}]
                )

        sys.meta_path.append(EditableFinder)
        """
    )
    pytester.makepyfile(
        f"""
        import pytest
        import shopcommon

        @pytest.mark.small
        def test_package_data():
            assert shopcommon.currencies() == "USD EUR"

        @pytest.mark.small
        def test_other_files_beside_it_are_still_judged():
            open({str(outside / "secret.txt")!r}).read()
        """
    )
    result = run_isolated("strict", "-vv")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [f"FAILED *test_other_files_beside_it* - *TC002 filesystem access: read {outside}/secret.txt"]
    )
