"""The release check, one command (``hatch run release:check``): are the seven packages fit to publish?

1. every package carries the family's one version and pins its siblings to it (tools/versions.py);
2. each package's sdist is built, and its wheel built from that sdist (``python -m build``);
3. ``twine check --strict`` validates every file's metadata (the README renders on PyPI);
4. each wheel holds its ``py.typed``, its entry points (and the reporting schema) and nothing
   stray, and each sdist holds only the package's sources, README and pyproject.toml;
5. each wheel, installed alone into a fresh virtual environment (its sibling dependencies from
   the wheels just built, third-party ones from the package index), imports and reports the
   family's version.

The files are left in ``dist/`` (or the folder given with ``--dist``). Exit status 0 means fit.
"""

from __future__ import annotations

import argparse
import configparser
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import versions  # noqa: E402  (the sibling script, importable once tools/ is on the path)


@dataclass(frozen=True)
class Package:
    folder: Path
    distribution: str
    module: str
    entry_points: dict[str, dict[str, str]]
    data_files: tuple[str, ...] = ()

    @property
    def file_stem(self) -> str:
        return self.distribution.replace("-", "_")


# What a wheel must hold besides its modules: data files the code reads at run time.
DATA_FILES = {"reporting": ("report.schema.json",)}


def packages() -> list[Package]:
    found = []
    for pyproject in versions.pyprojects():
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        [source] = (pyproject.parent / "src").iterdir()
        entry_points = dict(project.get("entry-points", {}))
        if "scripts" in project:
            entry_points["console_scripts"] = project["scripts"]
        found.append(
            Package(
                folder=pyproject.parent,
                distribution=project["name"],
                module=source.name,
                entry_points=entry_points,
                data_files=DATA_FILES.get(pyproject.parent.name, ()),
            )
        )
    return found


def run(*command: str | Path, cwd: Path = ROOT) -> str:
    """Run a command; on failure, show what it said and stop the check."""
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        shown = " ".join(str(part) for part in command)
        raise SystemExit(f"release check: `{shown}` failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def wheel_problems(package: Package, wheel: Path, version: str) -> list[str]:
    problems = []
    info = f"{package.file_stem}-{version}.dist-info/"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        required = [f"{package.module}/py.typed", f"{package.module}/__init__.py"]
        required += [f"{package.module}/{name}" for name in package.data_files]
        problems += [f"{wheel.name}: {name} is missing" for name in required if name not in names]
        for name in names:
            inside = name.startswith((f"{package.module}/", info))
            if not inside or "__pycache__" in name or name.endswith(".pyc"):
                problems.append(f"{wheel.name}: stray file {name}")
        declared = configparser.ConfigParser(delimiters=("=",))
        declared.optionxform = str  # type: ignore[assignment,method-assign]
        if f"{info}entry_points.txt" in names:
            declared.read_string(archive.read(f"{info}entry_points.txt").decode())
        found = {
            group: {name: value.replace(" ", "") for name, value in declared[group].items()}
            for group in declared.sections()
        }
        if found != package.entry_points:
            problems.append(f"{wheel.name}: entry points {found}, expected {package.entry_points}")
    return problems


def sdist_problems(package: Package, sdist: Path, version: str) -> list[str]:
    top = f"{package.file_stem}-{version}/"
    allowed = {"PKG-INFO", "pyproject.toml", "README.md", ".gitignore"}
    problems = []
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            if member.isdir():
                continue
            name = member.name.removeprefix(top)
            if name in allowed:
                continue
            if not name.startswith(f"src/{package.module}/") or "__pycache__" in name:
                problems.append(f"{sdist.name}: stray file {name}")
    return problems


def install_alone(
    package: Package, wheel: Path, dist: Path, version: str, work: Path, family: list[Package]
) -> list[str]:
    environment = work / package.folder.name
    run("uv", "venv", "--quiet", "--python", sys.executable, environment)
    python = environment / "bin" / "python"
    # The wheel by its path and the siblings from dist/ only: on the index, the bundle's name
    # belongs to the earlier 1.2.x plugin, and the parts are not published yet.
    # Our packages keep one version from build to build: uv's cache would hand out a wheel of an
    # earlier build under it (a sibling without this build's code), so theirs are read afresh.
    fresh = [arg for each in family for arg in ("--refresh-package", each.distribution)]
    run("uv", "pip", "install", "--quiet", "--python", python, *fresh, "--find-links", dist, wheel)
    probe = (
        "import importlib, importlib.metadata as m; "
        f"importlib.import_module({package.module!r}); "
        f"print(m.version({package.distribution!r}))"
    )
    shown = run(python, "-c", probe).strip()
    if shown != version:
        return [f"{wheel.name}: installed alone, it reports version {shown}, not {version}"]
    return []


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="release check", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where to leave the files (emptied first)"
    )
    args = parser.parse_args(argv)
    problems = versions.problems()
    if problems:
        for line in problems:
            print(f"release check: {line}", file=sys.stderr)
        return 1
    version = tomllib.loads((ROOT / "packages" / "core" / "pyproject.toml").read_text())["project"]["version"]
    dist: Path = args.dist.resolve()
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir(parents=True)
    family = packages()
    for package in family:
        print(f"build     {package.distribution} {version}", flush=True)
        run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, package.folder)
    files = sorted(dist.iterdir())
    print(f"twine     {len(files)} files", flush=True)
    run(sys.executable, "-m", "twine", "check", "--strict", *files)
    with tempfile.TemporaryDirectory(prefix="release-check-") as work:
        for package in family:
            [wheel] = dist.glob(f"{package.file_stem}-{version}-py3-none-any.whl")
            [sdist] = dist.glob(f"{package.file_stem}-{version}.tar.gz")
            problems += wheel_problems(package, wheel, version)
            problems += sdist_problems(package, sdist, version)
            print(f"install   {wheel.name} alone", flush=True)
            problems += install_alone(package, wheel, dist, version, Path(work), family)
    for line in problems:
        print(f"release check: {line}", file=sys.stderr)
    if problems:
        return 1
    print(f"release check: {len(family)} packages at {version}, {len(files)} files in {dist}: fit to publish")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
