"""The family's console script: core dispatches, the parts bring the subcommands."""

from __future__ import annotations

import argparse

import pytest

from pytest_test_categories_core import commands

pytestmark = pytest.mark.small


def _add_echo(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("echo", help="print a word")
    parser.add_argument("word")

    def run(args: argparse.Namespace) -> int:
        if args.word == "bad":
            raise commands.CommandError("'bad' is not a word this command takes; give any other")
        print(args.word)
        return 0

    parser.set_defaults(run=run)


class _Entry:
    name = "echo"

    @staticmethod
    def load() -> object:
        return _add_echo


@pytest.fixture
def with_echo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        commands, "entry_points", lambda group: [_Entry()] if group == commands.COMMANDS_GROUP else []
    )


@pytest.mark.usefixtures("with_echo")
def test_a_part_s_subcommand_runs_and_returns_its_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert commands.main(["echo", "hello"]) == 0
    assert capsys.readouterr().out == "hello\n"


@pytest.mark.usefixtures("with_echo")
def test_bad_input_is_one_line_on_stderr_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert commands.main(["echo", "bad"]) == 2
    assert capsys.readouterr().err == (
        "pytest-test-categories: error: 'bad' is not a word this command takes; give any other\n"
    )


@pytest.mark.usefixtures("with_echo")
def test_no_subcommand_prints_the_commands_and_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert commands.main([]) == 2
    err = capsys.readouterr().err
    assert "usage: pytest-test-categories" in err
    assert "echo" in err
