"""The one place where a test's own code is wrapped: the layers the parts register, in one order.

pytest's call phase runs ``item.runtest()``. For a test function that calls ``item.obj``; for
other items (unittest's, doctests, a plugin's own) ``runtest`` is the test. A part that has to
run around the test's own code (timing's stop through the event loop, asyncmock's virtual clock,
isolation's gate, sizing's observer) registers a *layer* with ``add_layer`` and never swaps
anything itself. Once per test, before any plugin's ``pytest_runtest_call`` runs, the pipeline
passes the test's function through every registered layer, swaps the result in once, and puts
the original back in a ``finally``.

The order is fixed by ``LAYER_ORDER``, outermost first: timing's watch is outside everything
(its stop must reach the test wherever it is, and its own work is not the test's), asyncmock's
virtual clock comes next (installed before the gate, so its set-up is not judged as the test's),
then isolation's gate and sizing's observer, closest to the test. A layer that has nothing to do
for a test gives the function back unchanged; a test no layer touches is not swapped at all.

No layer, no cost: the pipeline registers itself with pytest only when the first layer is added.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import pytest

from pytest_test_categories_core.compat import UNITTEST_ITEM

Layer = Callable[[pytest.Item, Any], Any]
"""Given the test and the function its call phase would run, that function wrapped (or itself)."""

LAYER_ORDER = ("timing", "virtual_time", "isolation", "sizing")
"""The layers' names, outermost first."""

PIPELINE_NAME = "test_categories_pipeline"


class Pipeline:
    """The per-session plugin that runs a test's call phase through the registered layers."""

    __slots__ = ("_chain", "_layers")

    def __init__(self) -> None:
        self._layers: dict[str, Layer] = {}
        self._chain: tuple[Layer, ...] = ()  # innermost first: the order they are applied in

    def add(self, name: str, layer: Layer) -> None:
        if name not in LAYER_ORDER:
            allowed = ", ".join(LAYER_ORDER)
            raise ValueError(f"unknown pipeline layer {name!r}; the layers are, outermost first: {allowed}")
        self._layers[name] = layer
        self._chain = tuple(self._layers[n] for n in reversed(LAYER_ORDER) if n in self._layers)

    def remove(self, name: str) -> None:
        self._layers.pop(name, None)
        self._chain = tuple(self._layers[n] for n in reversed(LAYER_ORDER) if n in self._layers)

    @property
    def names(self) -> tuple[str, ...]:
        """The registered layers, outermost first."""
        return tuple(n for n in LAYER_ORDER if n in self._layers)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        __tracebackhide__ = True
        chain = self._chain
        if not chain:
            return (yield)
        # A test function runs item.obj: swapping it reuses an attribute every test function has
        # (a new attribute on the item would unshare its __dict__ keys: 650 bytes a test). Other
        # items (unittest's, doctests, a plugin's own) get their runtest swapped.
        swaps_obj = isinstance(item, pytest.Function) and not isinstance(item, UNITTEST_ITEM)
        test: Any = item
        original = test.obj if swaps_obj else test.runtest
        function = original
        for layer in chain:
            function = layer(item, function)
        if function is original:
            return (yield)
        if swaps_obj:
            test.obj = function
        else:
            test.runtest = function
        try:
            return (yield)
        finally:
            if swaps_obj:
                test.obj = original  # also undoes a plugin's swap of it (pytest-trio's runner)
            else:
                item.__dict__.pop("runtest", None)  # back to the class's method


def add_layer(config: pytest.Config, name: str, layer: Layer) -> None:
    """Run ``layer`` around every test's own code, at its place in ``LAYER_ORDER``."""
    pluginmanager = config.pluginmanager
    pipeline = pluginmanager.get_plugin(PIPELINE_NAME)
    if pipeline is None:
        pipeline = Pipeline()
        pluginmanager.register(pipeline, PIPELINE_NAME)
    pipeline.add(name, layer)


def remove_layer(config: pytest.Config, name: str) -> None:
    pipeline = config.pluginmanager.get_plugin(PIPELINE_NAME)
    if pipeline is not None:
        pipeline.remove(name)


def wrapped_like(wrapper: Any, function: Any) -> Any:
    """``wrapper``, looking like ``function`` to pytest and plugins: its attributes (Hypothesis'
    ``hypothesis`` among them) and ``__wrapped__``, which leads tracebacks to the test's own code.

    Built for every wrapped test, so by hand: ``functools.wraps`` copies more than anyone reads.
    """
    attributes = getattr(function, "__dict__", None)
    if attributes:
        wrapper.__dict__.update(attributes)
    wrapper.__wrapped__ = function
    return wrapper
