"""Size an existing suite: observe what each test does, suggest its size, write the markers."""

from pytest_test_categories_sizing.schema import SCHEMA_VERSION, load_schema
from pytest_test_categories_sizing.settings import DEFAULT_FILE, DEFAULT_MARGIN

__all__ = ["DEFAULT_FILE", "DEFAULT_MARGIN", "SCHEMA_VERSION", "load_schema"]
