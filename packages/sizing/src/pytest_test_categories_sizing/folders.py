"""Path rules as the alternative to decorators: folders whose every observed test agrees on a size."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from pytest_test_categories_core import TestSize


def agreeing_folders(sizes_by_file: Mapping[str, Iterable[TestSize]]) -> list[tuple[str, TestSize]]:
    """The outermost folders in which every observed test function has the same suggested size."""
    by_folder: dict[str, set[TestSize]] = {}
    for file, sizes in sizes_by_file.items():
        found = set(sizes)
        for folder in PurePosixPath(file).parents:
            if str(folder) == ".":
                continue
            by_folder.setdefault(str(folder), set()).update(found)
    agreeing = {folder: next(iter(sizes)) for folder, sizes in by_folder.items() if len(sizes) == 1}
    return [
        (folder, size)
        for folder, size in sorted(agreeing.items())
        if not any(str(parent) in agreeing for parent in PurePosixPath(folder).parents if str(parent) != ".")
    ]


def path_rules_text(folders: list[tuple[str, TestSize]]) -> list[str]:
    """The lines to print: an ini entry a user can paste."""
    if not folders:
        return []
    lines = [
        "Instead of decorators, a path rule gives every unmarked test below a folder its size "
        "(these folders agree on one size for every test observed in them):",
        "  test_categories_size_paths =",
    ]
    lines += [f"      {folder}/* = {size.value}" for folder, size in folders]
    return lines
