"""Is somebody debugging? Then a test is not stopped, nor failed for its time."""

from __future__ import annotations

import bdb
import sys
from collections.abc import Callable
from typing import Any

_DEBUGGER_MODULES = ("pydevd", "_pydevd", "debugpy")


def debugger_active() -> bool:
    """True while pdb (or a subclass), pydevd/debugpy or a ``sys.monitoring`` debugger is in use.

    Coverage and profilers also install trace functions; only debuggers count.
    """
    tracer = sys.gettrace()
    if tracer is not None and is_debugger(tracer):
        return True
    if "pydevd" in sys.modules:
        return True
    monitoring: Any = getattr(sys, "monitoring", None)
    return monitoring is not None and monitoring.get_tool(monitoring.DEBUGGER_ID) is not None


def is_debugger(tracer: Callable[..., object]) -> bool:
    owner = getattr(tracer, "__self__", tracer)
    if isinstance(owner, bdb.Bdb):
        return True
    module = getattr(type(owner), "__module__", "") or ""
    return module.startswith(_DEBUGGER_MODULES)
