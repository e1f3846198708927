"""Checking a document against the shipped report schema, with no dependency but the standard library.

The package depends on pytest alone, so ``report merge`` cannot count on ``jsonschema``. This
checks the JSON Schema keywords the shipped schema uses (``KEYWORDS``); a test makes sure the
schema uses no other, and that the verdicts agree with ``jsonschema`` on broken documents.
The first problem found is returned as one line: where in the document, and what is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

# What the checker acts on, and the annotations it may ignore.
KEYWORDS = frozenset(
    {
        "type", "const", "enum", "required", "properties", "additionalProperties", "propertyNames",
        "pattern", "minimum", "maximum", "exclusiveMinimum", "minLength", "minItems", "maxItems",
        "items", "oneOf", "$ref",
    }
)  # fmt: skip
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description"})

Schema = Mapping[str, Any]

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
    "number": (int, float),
    "integer": (int,),
}


def first_problem(document: object, schema: Schema) -> str | None:
    """``tests[2].outcome: 'passd' is not one of ...``, or None when the document matches."""
    return _check(document, schema, schema, "")


def _check(value: object, schema: Schema, root: Schema, where: str) -> str | None:
    ref = schema.get("$ref")
    if ref is not None:
        return _check(value, _resolve(root, ref), root, where)
    for check in (_check_kind, _check_scalar, _check_object, _check_array, _check_one_of):
        problem = check(value, schema, root, where)
        if problem is not None:
            return problem
    return None


def _resolve(root: Schema, ref: str) -> Schema:
    target: Any = root
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    resolved: Schema = target
    return resolved


def _at(where: str) -> str:
    return where or "the document"


def _is(value: object, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("number", "integer"):
        return False
    if kind == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _TYPES[kind])


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if value is None:
        return "null"
    text = str(value).lower() if isinstance(value, bool) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_kind(value: object, schema: Schema, root: Schema, where: str) -> str | None:
    kinds = schema.get("type")
    if kinds is not None:
        wanted = [kinds] if isinstance(kinds, str) else list(kinds)
        if not any(_is(value, kind) for kind in wanted):
            return f"{_at(where)}: expected {' or '.join(wanted)}, got {_describe(value)}"
    if "const" in schema and value != schema["const"]:
        return f"{_at(where)}: expected {schema['const']!r}, got {_describe(value)}"
    choices = schema.get("enum")
    if choices is not None and not any(value == choice and type(value) is type(choice) for choice in choices):
        allowed = ", ".join("null" if choice is None else str(choice) for choice in schema["enum"])
        return f"{_at(where)}: {_describe(value)} is not one of {allowed}"
    return None


def _check_scalar(value: object, schema: Schema, root: Schema, where: str) -> str | None:
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            return f"{_at(where)}: an empty string"
        pattern = schema.get("pattern")
        if pattern is not None and re.search(pattern, value) is None:
            return f"{_at(where)}: {_describe(value)} does not have the form {pattern}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            return f"{_at(where)}: {value} is not a finite number"
        if "minimum" in schema and value < schema["minimum"]:
            return f"{_at(where)}: {value} is below the minimum {schema['minimum']}"
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            return f"{_at(where)}: {value} must be above {schema['exclusiveMinimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            return f"{_at(where)}: {value} is above the maximum {schema['maximum']}"
    return None


def _check_object(value: object, schema: Schema, root: Schema, where: str) -> str | None:
    if not isinstance(value, dict):
        return None
    missing = [name for name in schema.get("required", ()) if name not in value]
    if missing:
        return f"{_at(where)}: missing {', '.join(repr(name) for name in missing)}"
    properties: Schema = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    names = schema.get("propertyNames")
    for name, item in value.items():
        inner = f"{where}.{name}" if where else str(name)
        if names is not None:
            problem = _check(name, names, root, f"{inner} (the name)")
            if problem is not None:
                return problem
        if name in properties:
            problem = _check(item, properties[name], root, inner)
        elif extra is False:
            problem = f"{_at(where)}: unexpected field {name!r}"
        elif isinstance(extra, Mapping):
            problem = _check(item, extra, root, inner)
        else:
            problem = None
        if problem is not None:
            return problem
    return None


def _check_array(value: object, schema: Schema, root: Schema, where: str) -> str | None:
    if not isinstance(value, list):
        return None
    if "minItems" in schema and len(value) < schema["minItems"]:
        return f"{_at(where)}: {len(value)} items, at least {schema['minItems']} expected"
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        return f"{_at(where)}: {len(value)} items, at most {schema['maxItems']} expected"
    items = schema.get("items")
    if items is not None:
        for index, item in enumerate(value):
            problem = _check(item, items, root, f"{where}[{index}]")
            if problem is not None:
                return problem
    return None


def _check_one_of(value: object, schema: Schema, root: Schema, where: str) -> str | None:
    choices = schema.get("oneOf")
    if choices is None:
        return None
    problems = [_check(value, choice, root, where) for choice in choices]
    matched = problems.count(None)
    if matched == 1:
        return None
    if matched == 0:
        prefix = f"{_at(where)}: "
        details = "; ".join(problem.removeprefix(prefix) for problem in problems if problem is not None)
        return f"{prefix}{_describe(value)} is none of the allowed forms ({details})"
    return f"{_at(where)}: {_describe(value)} matches more than one of its allowed forms"
