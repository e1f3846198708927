"""Faces: a package imports another only through that package's top module and its ``__all__``
(core's above all), and core names none of the packages that depend on it."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import pytest_test_categories_core

PACKAGES = Path(__file__).resolve().parents[2] / "packages"
CORE = "pytest_test_categories_core"
# The module of each package that depends on core (the bundle's is pytest_test_categories).
DEPENDENTS = sorted(
    module.name for module in PACKAGES.glob("*/src/*") if module.is_dir() and module.name != CORE
)


def imports_outside_the_face(source: str, face: set[str], package: str = CORE) -> list[str]:
    """Each import of ``package`` in ``source`` that goes past its face, as ``line: what``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: import {a.name}" for a in node.names if a.name.startswith(package + ".")
            ]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module.startswith(package + "."):
                found.append(f"{node.lineno}: from {node.module} import ...")
            elif node.module == package:
                found += [
                    f"{node.lineno}: {a.name} (not in __all__)" for a in node.names if a.name not in face
                ]
    return found


def part_sources() -> list[Path]:
    return sorted(p for p in PACKAGES.glob("*/src/**/*.py") if p.parts[len(PACKAGES.parts)] != "core")


@pytest.mark.small
def test_the_checker_finds_a_submodule_import_and_a_name_outside_all() -> None:
    source = "from pytest_test_categories_core.items import facts_of\nfrom pytest_test_categories_core import hidden, TestSize\n"

    assert imports_outside_the_face(source, {"TestSize"}) == [
        "1: from pytest_test_categories_core.items import ...",
        "2: hidden (not in __all__)",
    ]


@pytest.mark.medium
def test_no_part_imports_core_outside_its_face() -> None:
    face = set(pytest_test_categories_core.__all__)
    sources = part_sources()
    assert len(sources) > 50  # every part's modules were found

    found = {
        str(path.relative_to(PACKAGES)): problems
        for path in sources
        if (problems := imports_outside_the_face(path.read_text(encoding="utf-8"), face))
    }

    assert found == {}


@pytest.mark.medium
@pytest.mark.parametrize("package", [name for name in DEPENDENTS if name != "pytest_test_categories"])
def test_no_package_imports_a_sibling_part_outside_its_face(package: str) -> None:
    module = importlib.import_module(package)
    face = set(getattr(module, "__all__", ()))
    own = next(p for p in PACKAGES.glob("*/src/*") if p.name == package)
    sources = sorted(p for p in PACKAGES.glob("*/src/**/*.py") if own not in p.parents)

    found = {
        str(path.relative_to(PACKAGES)): problems
        for path in sources
        if (problems := imports_outside_the_face(path.read_text(encoding="utf-8"), face, package))
    }

    assert found == {}


@pytest.mark.medium
def test_every_name_of_the_face_exists() -> None:
    missing = [
        name for name in pytest_test_categories_core.__all__ if not hasattr(pytest_test_categories_core, name)
    ]

    assert missing == []


@pytest.mark.medium
def test_core_names_none_of_its_dependents() -> None:
    assert "pytest_test_categories_markers" in DEPENDENTS
    # (pytest_test_categories.commands is the console script's entry-point group, not a module.)
    named = re.compile(rf"\b({'|'.join(DEPENDENTS)})\b(?!\.commands\b)")
    found = {
        str(path.relative_to(PACKAGES)): named.findall(path.read_text(encoding="utf-8"))
        for path in sorted((PACKAGES / "core" / "src").glob("**/*.py"))
    }

    assert {path: names for path, names in found.items() if names} == {}
