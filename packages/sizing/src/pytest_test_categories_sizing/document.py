"""The suggestion file: a plain, versioned JSON document described by the schema (``schema.py``).

The file records a hash of each test file as it was observed, so ``apply`` can refuse to rewrite
a file changed since.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pytest_test_categories_core import TestSize, write_atomically
from pytest_test_categories_sizing.model import Observation
from pytest_test_categories_sizing.schema import DOCUMENT_NAME, SCHEMA_VERSION
from pytest_test_categories_sizing.suggest import Change, Suggestion, top_reasons


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def to_document(
    suggestions: list[Suggestion],
    observations: Iterable[Observation],
    *,
    root: Path,
    limits: Mapping[TestSize, float],
    margin: float,
    partial: bool,
) -> dict[str, Any]:
    observed = list(observations)
    files: dict[str, str] = {}
    for suggestion in suggestions:
        path = root / suggestion.file
        if suggestion.file not in files and path.is_file():
            files[suggestion.file] = file_hash(path)
    sizes = Counter(size.value for suggestion in suggestions for _, size in suggestion.cases)
    function_sizes = Counter(suggestion.size.value for suggestion in suggestions)
    changes = Counter(suggestion.change.value for suggestion in suggestions)
    return {
        "document": DOCUMENT_NAME,
        "schema_version": SCHEMA_VERSION,
        "created": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "rootdir": str(root),
        "partial": partial,
        "margin": margin,
        "time_limits": {size.value: limits[size] for size in TestSize},
        "files": files,
        "summary": {
            "tests": sum(sizes.values()),
            "functions": len(suggestions),
            "not_observed": sum(1 for o in observed if not o.ran or o.function is None),
            "tests_by_size": {size.value: sizes.get(size.value, 0) for size in TestSize},
            "functions_by_size": {size.value: function_sizes.get(size.value, 0) for size in TestSize},
            "changes": {change.value: changes.get(change.value, 0) for change in Change},
            "top_reasons": [{"kind": kind, "functions": count} for kind, count in top_reasons(suggestions)],
        },
        "functions": [_function(suggestion) for suggestion in suggestions],
        "not_observed": [o.nodeid for o in observed if not o.ran or o.function is None],
    }


def _function(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "file": suggestion.file,
        "class": suggestion.cls,
        "function": suggestion.function,
        "marked": None if suggestion.marked is None else suggestion.marked.value,
        "current": None if suggestion.current is None else suggestion.current.value,
        "suggested": suggestion.size.value,
        "change": suggestion.change.value,
        "verdict": suggestion.verdict(),
        "reasons": [{"kind": r.kind, "text": r.text, "size": r.size.value} for r in suggestion.reasons],
        "tests": [
            {
                "nodeid": observation.nodeid,
                "needs": size.value,
                "duration": round(observation.duration, 6),
                "evidence": [evidence.to_dict() for evidence in observation.evidence],
            }
            for observation, size in suggestion.cases
        ],
    }


def write_document(path: Path, document: Mapping[str, Any]) -> None:
    """The suggestions file, replaced whole: a reader never sees half a file."""
    write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
