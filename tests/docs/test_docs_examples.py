"""Every Python example in docs/ runs, under the full bundle, with the outcome its page claims."""

from __future__ import annotations

import re

import pytest

from .examples import Example, collect_examples

pytestmark = pytest.mark.medium

EXAMPLES = collect_examples()
# Plugins our test environment has for the interoperability tests, not part of what a user of the
# bundle runs: hypothesis's plugin alone imports hypothesis (0.7 s) in every example's process.
NOT_THE_USERS = ("-p", "no:hypothesispytest", "-p", "no:syrupy", "-p", "no:rerunfailures")


def test_the_docs_have_examples() -> None:
    assert [example for example in EXAMPLES if example.kind == "test"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_example_behaves_as_documented(example: Example, pytester: pytest.Pytester) -> None:
    assert example.kind != "missing", (
        f"{example.id}: a python block without a '<!-- test: ... -->' directive; "
        "say what it does (see tests/docs/examples.py)"
    )
    compile(example.code, example.id, "exec")
    if example.kind != "test":
        return
    for name, code in example.context.items():
        pytester.makepyfile(**{name.removesuffix(".py"): code})
    module = "test_" + re.sub(r"\W", "_", example.id)
    pytester.makepyfile(**{module: example.code})
    if example.config:  # the configuration the page shows, as shown
        pytester.makepyprojecttoml(example.config)
    else:
        pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    # Examples on a page may rely on running in the order written: no random order plugin.
    result = pytester.runpytest_subprocess("-p", "no:randomly", *NOT_THE_USERS, *example.args)
    outcomes = {key: value for key, value in result.parseoutcomes().items() if value}
    outcomes = {("errors" if key == "error" else key): value for key, value in outcomes.items()}
    outcomes.pop("warnings", None)
    outcomes.pop("warning", None)
    assert outcomes == example.outcomes, result.stdout.str()
    if example.match:
        result.stdout.fnmatch_lines(example.match, consecutive=False)
