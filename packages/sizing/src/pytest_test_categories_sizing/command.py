"""``pytest-test-categories apply SUGGESTIONS``: write the suggested size markers into the tests.

Every file is checked before any is written: a file changed since the observation (its hash
differs) is refused when the markers would change it, since the line the suggestion is about may
no longer be the same test; a file the markers are already in is simply left alone.
"""

from __future__ import annotations

import argparse
import difflib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from pytest_test_categories_core import SIZES_BY_VALUE, CommandError
from pytest_test_categories_sizing.document import file_hash
from pytest_test_categories_sizing.folders import agreeing_folders, path_rules_text
from pytest_test_categories_sizing.rewrite import Outcome, Wanted, rewrite
from pytest_test_categories_sizing.schema import DOCUMENT_NAME

NAME = "apply"


def add(subparsers: Any) -> None:
    """Add ``apply`` to the family's console script."""
    parser = subparsers.add_parser(
        NAME,
        help="write the size markers pytest --test-size-suggest suggested",
        description="Write @pytest.mark.<size> markers (or a class decorator, or a module pytestmark where "
        "every test there agrees) into the test files, keeping their formatting and comments.",
    )
    parser.add_argument(
        "suggestions", metavar="SUGGESTIONS", help="the file pytest --test-size-suggest wrote"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the changes as a unified diff, write nothing"
    )
    parser.add_argument(
        "--resize",
        action="store_true",
        help="also change size markers that are there but wrong (off by default)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.suggestions)
    document = _read(path)
    root = Path(document["rootdir"])
    if not root.is_dir():
        root = path.resolve().parent
    wanted, sizes_by_file = _wanted_by_file(document, path)
    changes: list[tuple[Path, str, Outcome]] = []
    refused: list[str] = []
    missing: list[str] = []
    for file, wants in sorted(wanted.items()):
        target = root / file
        if not target.is_file():
            missing.append(file)
            continue
        source = target.read_text(encoding="utf-8")
        try:
            outcome = rewrite(source, wants, resize=args.resize)
        except Exception as error:  # libcst's parser errors have no common public base
            raise CommandError(
                f"{file} could not be parsed as Python ({type(error).__name__}); fix it and observe again"
            ) from None
        if outcome.source != source and document["files"].get(file) != file_hash(target):
            refused.append(file)
        changes.append((target, file, outcome))
    if refused:
        raise CommandError(
            f"{', '.join(refused)} changed since the observation; run pytest --test-size-suggest again "
            "before applying (nothing was written)"
        )
    written = 0
    for target, file, outcome in changes:
        original = target.read_text(encoding="utf-8")
        for line in outcome.left:
            print(f"{file}::{line}")
        for name in outcome.not_found:
            print(f"{file}::{name}: not found in the file any more; left alone")
        if outcome.source == original:
            continue
        written += 1
        if args.dry_run:
            diff = difflib.unified_diff(
                original.splitlines(keepends=True),
                outcome.source.splitlines(keepends=True),
                fromfile=f"a/{file}",
                tofile=f"b/{file}",
            )
            print("".join(diff), end="")
        else:
            target.write_text(outcome.source, encoding="utf-8")
            for line in outcome.added:
                print(f"{file}: {line}")
    for file in missing:
        print(f"{file}: no longer exists; left alone")
    verb = "would change" if args.dry_run else "changed"
    print(
        f"{verb} {written} file(s)"
        if written
        else "nothing to change: every observed test has its suggested size"
    )
    for line in path_rules_text(agreeing_folders(sizes_by_file)):
        print(line)
    return 0


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file; give the file pytest --test-size-suggest wrote") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path} is not a suggestion file: not JSON ({error.msg} at line {error.lineno})"
        ) from None
    if not isinstance(document, dict) or document.get("document") != DOCUMENT_NAME:
        raise CommandError(f"{path} is not a suggestion file written by pytest --test-size-suggest")
    version = str(document.get("schema_version", ""))
    if not version.startswith("1."):
        raise CommandError(
            f"{path} has schema version {version or 'none'}; this apply reads version 1.x: "
            "observe again with this version"
        )
    return document


def _wanted_by_file(
    document: dict[str, Any], path: Path
) -> tuple[dict[str, list[Wanted]], dict[str, list[Any]]]:
    wanted: dict[str, list[Wanted]] = defaultdict(list)
    sizes: dict[str, list[Any]] = defaultdict(list)
    try:
        for entry in document["functions"]:
            size = SIZES_BY_VALUE[entry["suggested"]]
            file = str(entry["file"])
            sizes[file].append(size)
            wanted[file].append(
                Wanted(
                    entry["class"], entry["function"], size, marked=SIZES_BY_VALUE.get(entry["marked"] or "")
                )
            )
        document["files"].get("")
    except (KeyError, TypeError, AttributeError) as error:
        raise CommandError(f"{path} is not a valid suggestion file (bad or missing {error})") from None
    return wanted, sizes
