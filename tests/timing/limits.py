"""Small limits so that tests which wait for a limit stay fast."""

from __future__ import annotations

SMALL_LIMIT = 0.2
LIMITS = ["-o", f"test_categories_time_limits=small={SMALL_LIMIT} medium=300 large=900 xlarge=900"]
# A run that waited for a hung test to end would take at least this long; a stopped one far less.
HUNG_FOR = 30
# pytest-asyncio in auto mode, without its warning about an unset fixture loop scope.
AUTO = ["-o", "asyncio_mode=auto", "-o", "asyncio_default_fixture_loop_scope=function"]
STRICT = ["-o", "asyncio_mode=strict", "-o", "asyncio_default_fixture_loop_scope=function"]
