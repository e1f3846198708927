"""Find the Python examples in ``docs/`` and what each one claims.

Every fenced ``python`` block in the docs must be preceded by a directive comment:

- ``<!-- test: passed=2 failed=1 -->``: the block is a test module; run under the full bundle
  (every installed plugin) it must give exactly these outcomes. Extra keys:
  ``args="-o asyncio_mode=auto"`` adds command-line arguments, ``match="TC006*1.0*"`` (may repeat
  with ``;``) are fnmatch patterns that must appear in the output.
- ``<!-- test: module=name -->``: the block is a helper module ``name.py`` for later blocks of
  the same page; ``<!-- test: conftest -->`` likewise for ``conftest.py``.
- ``<!-- test: compile -->``: a fragment that only has to be valid Python (use sparingly).
- ``<!-- test: config -->`` before a fenced ``toml`` block: the page's ``pyproject.toml``, used as
  written by the page's later test blocks (without one they get a default ini that sets
  pytest-asyncio's ``asyncio_default_fixture_loop_scope``).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
README = ROOT / "README.md"

_BLOCK = re.compile(
    r"(?:<!--\s*test:(?P<directive>[^>]*?)-->\s*\n)?```python[^\n]*\n(?P<code>.*?)^```",
    re.DOTALL | re.MULTILINE,
)
_CONFIG = re.compile(
    r"<!--\s*test:\s*config\s*-->\s*\n```toml[^\n]*\n(?P<code>.*?)^```", re.DOTALL | re.MULTILINE
)
_OUTCOMES = ("passed", "failed", "errors", "skipped", "xfailed", "xpassed", "deselected")


@dataclass
class Example:
    page: Path
    line: int
    code: str
    kind: str  # "test", "module", "conftest", "compile" or "missing"
    module: str = ""
    outcomes: dict[str, int] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    match: list[str] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)
    config: str = ""  # the page's pyproject.toml, if it shows one before this block

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"


def _parse_directive(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for token in shlex.split(text):
        key, _, value = token.partition("=")
        values[key] = value
    return values


def collect_examples(docs: Path = DOCS) -> list[Example]:
    """The examples of every page in ``docs`` and of the README."""
    examples: list[Example] = []
    for page in [README, *sorted(docs.rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        context: dict[str, str] = {}
        configs = [(found.start(), found.group("code")) for found in _CONFIG.finditer(text)]
        for found in _BLOCK.finditer(text):
            line = text.count("\n", 0, found.start("code"))
            code = found.group("code")
            directive = found.group("directive")
            if directive is None:
                examples.append(Example(page, line, code, "missing"))
                continue
            values = _parse_directive(directive)
            if "module" in values:
                context[values["module"] + ".py"] = code
                examples.append(Example(page, line, code, "module", module=values["module"]))
            elif "conftest" in values:
                context["conftest.py"] = code
                examples.append(Example(page, line, code, "conftest"))
            elif "compile" in values:
                examples.append(Example(page, line, code, "compile"))
            else:
                outcomes = {key: int(values[key]) for key in _OUTCOMES if key in values}
                examples.append(
                    Example(
                        page,
                        line,
                        code,
                        "test",
                        outcomes=outcomes,
                        args=shlex.split(values.get("args", "")),
                        match=[p for p in values.get("match", "").split(";") if p],
                        context=dict(context),
                        config=next((code for start, code in reversed(configs) if start < found.start()), ""),
                    )
                )
    return examples
