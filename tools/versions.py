"""The family's one version: every package carries it, and every pin on a sibling names it exactly.

    python tools/versions.py            # check: exit 1, naming each file that differs
    python tools/versions.py 2.0.1      # set: write the version and the sibling pins everywhere

The version lives in each ``packages/<part>/pyproject.toml`` (so each package builds on its own,
from its sdist too); this script is the one place that changes them, and the check (run by the
release check and by the tests) fails as soon as one package or one pin disagrees.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "packages"
FAMILY = "pytest-test-categories"
VERSION_FORMAT = re.compile(r"^\d+\.\d+\.\d+((a|b|rc)\d+)?$")
_VERSION_LINE = re.compile(r'^version = "[^"]*"$', re.MULTILINE)
_SIBLING_PIN = re.compile(rf'"({FAMILY}(?:-[a-z]+)?(?:\[[a-z,]+\])?)==[^"]*"')


def pyprojects(packages: Path = PACKAGES) -> list[Path]:
    return sorted(path for path in packages.glob("*/pyproject.toml"))


def _is_sibling(requirement: str) -> bool:
    name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
    return name == FAMILY or name.startswith(f"{FAMILY}-")


def problems(packages: Path = PACKAGES) -> list[str]:
    """Every disagreement, one line each; empty when the family is on one version."""
    found: list[str] = []
    versions: dict[Path, str] = {}
    for path in pyprojects(packages):
        project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
        versions[path] = project.get("version", "")
    expected = max(set(versions.values()), key=list(versions.values()).count) if versions else ""
    for path, version in versions.items():
        shown = path.relative_to(packages.parent)
        if version != expected:
            found.append(f"{shown}: version {version!r}, the other packages have {expected!r}")
        project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
        for requirement in project.get("dependencies", []):
            if _is_sibling(requirement) and not requirement.endswith(f"=={expected}"):
                found.append(f"{shown}: {requirement!r} must pin the family's version exactly (=={expected})")
    return found


def set_version(version: str, packages: Path = PACKAGES) -> None:
    for path in pyprojects(packages):
        text = path.read_text(encoding="utf-8")
        text = _VERSION_LINE.sub(f'version = "{version}"', text, count=1)
        text = _SIBLING_PIN.sub(rf'"\1=={version}"', text)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print("usage: python tools/versions.py [NEW_VERSION]", file=sys.stderr)
        return 2
    if argv:
        if not VERSION_FORMAT.match(argv[0]):
            print(f"versions: {argv[0]!r} is not a version; give one like 2.0.1 or 2.1.0rc1", file=sys.stderr)
            return 2
        set_version(argv[0])
    found = problems()
    for line in found:
        print(f"versions: {line}", file=sys.stderr)
    if found:
        return 1
    version = tomllib.loads((PACKAGES / "core" / "pyproject.toml").read_text(encoding="utf-8"))
    print(f"versions: all {len(pyprojects())} packages are {version['project']['version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
