"""The command line: help, version, the README, and `python -m pipeline`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline import __version__
from tests.cli import command_parsers, run_cli
from tests.conftest import ROOT


def all_commands() -> list[tuple[str, ...]]:
    return sorted(path for path in command_parsers() if path)


def test_version():
    result = run_cli(["--version"])
    assert result.output == f"pipeline, version {__version__}\n"


@pytest.mark.parametrize("path", all_commands(), ids=" ".join)
def test_every_command_has_help(path):
    result = run_cli([*path, "--help"])
    assert result.exit_code == 0
    assert f"usage: pipeline {' '.join(path)} " in result.output
    assert command_parsers()[path].description


@pytest.mark.parametrize("path", all_commands(), ids=" ".join)
def test_every_command_is_in_the_readme(path):
    readme = (ROOT / "README.md").read_text()
    assert f"pipeline {' '.join(path)}" in readme


def test_readme_starts_with_make_run_and_make_test():
    first_block = (ROOT / "README.md").read_text().split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True
    )
    assert "usage: pipeline" in result.stdout


def test_check_reports_and_strict_fails_on_warnings(content_tree):
    content_tree.add("a", "title: T\ndate: 2021-01-27\nreview:\n- 'date: confirm'")
    relaxed = run_cli(["check", "--content", str(content_tree.root)])
    assert relaxed.exit_code == 0
    assert "warning: review: date: confirm" in relaxed.stderr
    strict = run_cli(["check", "--strict", "--content", str(content_tree.root)])
    assert strict.exit_code == 1
    assert "--strict: 1 warning(s) must be resolved" in strict.stderr


def test_verbose_shows_a_traceback(content_tree):
    content_tree.add("a", "date: 2021-01-27")
    quiet = run_cli(["check", "--content", str(content_tree.root)])
    loud = run_cli(["--verbose", "check", "--content", str(content_tree.root)])
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr


HELP_IMPORTS = """
import sys
from pipeline.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
heavy = {"click", "pydantic", "yaml", "jinja2", "markdown_it", "orjson", "hashlib", "typing",
         "dataclasses", "pipeline.errors", "pipeline.build", "pipeline.publish.channel"}
print(sorted(heavy & set(sys.modules)))
"""


def test_help_imports_nothing_heavy():
    done = subprocess.run(
        [sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True, check=True
    )
    assert done.stdout.endswith("[]\n"), done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch"], "pipeline: error: argument COMMAND: invalid choice: 'nosuch'"),
        (["build", "--nosuch"], "pipeline build: error: unrecognized arguments: --nosuch"),
        (["ledger", "show", "--channel", "fax"], "argument --channel: invalid choice: 'fax'"),
        (["import"], "pipeline import: error: give either SOURCE or --from-config"),
        (["import", "x", "--timeout", "0"], "argument --timeout: 0.0 is not in the range"),
        (["import", "x", "--date", "2021-13-01"], "'2021-13-01' is not a date YYYY-MM-DD"),
        (["build", "--content", "README.md"], "directory 'README.md' is a file"),
        (["approval", "propose", "--branch", "b", "--summary", "nope.md"], "'nope.md' does not"),
        (["ledger", "resolve", "x", "a-slug"], "say what happened: --sent or --not-sent"),
    ],
)
def test_usage_errors_exit_2_with_the_usage(args, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli(args)
    assert result.exit_code == 2
    assert result.stderr.startswith("usage: pipeline")
    assert message in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args", [[], ["ledger"], ["approval"]])
def test_a_command_group_alone_shows_its_help_and_exits_2(args):
    result = run_cli(args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"usage: {' '.join(['pipeline', *args])} ")
    assert "commands:" in result.stderr


def test_each_command_is_added_by_the_module_the_cli_names():
    import argparse

    from pipeline.cli import MODULES, OWNER

    for module in MODULES:
        parser = argparse.ArgumentParser()
        module.add_commands(parser.add_subparsers())
        (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        assert sorted(action.choices) == sorted(n for n, m in OWNER.items() if m is module)


@pytest.mark.parametrize("command", ["build", "ledger", "approval"])
def test_a_run_parses_its_command_as_the_whole_parser_does(command):
    from pipeline.cli import make_parser

    whole, narrow = command_parsers(make_parser()), command_parsers(make_parser(command))
    assert (command,) in narrow
    for path, parser in narrow.items():
        if path:  # the commands of its module, each as the whole command line has it
            assert parser.format_help() == whole[path].format_help(), path
