"""The README documents every command and opens with the two commands a new user runs."""

from __future__ import annotations

import re
from pathlib import Path

import click

import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group=cli.main, prefix="rumah"):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_every_command_is_in_the_readme():
    for command in commands():
        assert command in README, command


def test_readme_opens_with_install_and_test_commands():
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README, re.S)
    first = blocks[0]
    assert "pip install ." in first and "rumah " in first
    assert "pip install '.[test]'" in first and "pytest" in first
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    test_line = next(line for line in first.splitlines() if "pytest" in line)
    assert test_line.strip() in ci
