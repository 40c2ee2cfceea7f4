"""The one exception type for problems with the user's input, configuration or environment.

It is a click.ClickException with exit code 2, so every command shows it the same way
(`costgate: error: <one line>`) whichever way the command is run (console script,
`python -m costgate`, click's test runner). A bug raises anything else; the CLI turns that
into one line and exit code 2 as well, never a traceback.
"""

from __future__ import annotations

from typing import IO, Any

import click

EXIT_BAD_INPUT = 2


class CostgateError(click.ClickException):
    """A problem with the user's input or environment: shown as one line, exit code 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"costgate: error: {one_line(self.format_message())}", err=file is None, file=file)


def one_line(text: str) -> str:
    """Messages are shown on one line: a newline in a user's value must not start a fake log line."""
    return " ".join(str(text).split())
