"""Every private name of pytest the isolation plugin relies on, in one place, with a guard test
(tests/isolation/test_compat.py).

Checked against pytest 8.4 to 9.2.

- Modules of ``_pytest`` that touch files because the test asked them to: pytester, py.path
  (``tmpdir``) and the cache (``config.cache.set``) act for the test, so what they do is judged
  as the test's; ``tmp_path``'s helpers act for pytest or for the test, and the caller decides.
  Found by module name in the stack of an operation (no public way to ask whose doing it is).
  When pytest renames one, the guard test names it; until then that module's operations count
  as pytest's own (allowed).
"""

from __future__ import annotations

ACTING_FOR_THE_TEST = frozenset(
    {
        "_pytest.pytester",
        "_pytest.legacypath",
        "_pytest._py.path",
        "_pytest._py.error",
        "_pytest.cacheprovider",
    }
)
CALLER_DECIDES = frozenset({"_pytest.tmpdir", "_pytest.pathlib"})

__all__ = ["ACTING_FOR_THE_TEST", "CALLER_DECIDES"]
