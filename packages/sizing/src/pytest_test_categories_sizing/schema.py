"""The suggestion file's schema version, and the JSON Schema shipped beside this module.

Bump ``SCHEMA_VERSION``'s major number for any change a reader could trip over (a field removed,
renamed or retyped); adding an optional field bumps the minor number. Kept apart from the code
that writes the file so that importing the package (every run loads the plugin) stays cheap.
"""

from __future__ import annotations

from typing import Any

DOCUMENT_NAME = "pytest-test-categories-size-suggestions"
SCHEMA_VERSION = "1.0"
SCHEMA_FILE = "suggestions.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every suggestion file validates against."""
    import json
    from importlib import resources

    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
