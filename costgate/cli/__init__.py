"""The costgate command line: the click group and every command, added in one place.

Exit codes mean one thing on every command and every way of running it: 0 pass or warn,
1 blocked, 2 bad input, bad configuration or an internal error (one line, never a traceback).
Commands live one per module in this package and never import this module; a command's
module is imported only when that command runs (or help lists it), so `costgate --version`
imports click and nothing else of costgate's.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from costgate import __version__
from costgate.errors import EXIT_BAD_INPUT, CostgateError

EXIT_INTERRUPTED = 130

# Command name -> "module:attribute" of its click command, imported on first use.
COMMANDS = {
    "breakdown": "costgate.cli.breakdown:breakdown",
    "check": "costgate.cli.check:check",
    "comment": "costgate.cli.comment:comment",
    "config": "costgate.cli.config:config_group",
    "merge": "costgate.cli.merge:merge",
    "notify": "costgate.cli.notify:notify",
    "policies": "costgate.cli.policies:policies_group",
    "pricing": "costgate.cli.pricing:pricing",
    "usage": "costgate.cli.usage:usage",
}


class CostgateGroup(click.Group):
    """A group whose commands load lazily and turn any unexpected exception into one line and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except RecursionError:
            raise CostgateError("internal error: the input is nested too deeply to read") from None
        except OSError as error:  # a message on a full device or a closed pipe, a file that vanished
            from costgate.deliver.output import drop_pending_output

            if error.filename is None:  # a failed write to stdout: do not fail again on it at exit
                drop_pending_output()
            where = f"{error.filename}: " if error.filename else ""
            raise CostgateError(f"{where}cannot read or write: {error.strerror or error}") from None
        except Exception as error:  # noqa: BLE001 - a bug must still end as one line and exit 2
            raise CostgateError(
                f"internal error ({type(error).__name__}: {error}); please report it"
            ) from None


@click.group(cls=CostgateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="costgate")
def cli() -> None:
    """Cloud cost in the pull request: price a terraform plan, check budgets and policies."""


def run(args: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (what `main` exits with)."""
    try:
        code = cli.main(
            args=list(args) if args is not None else None, prog_name="costgate", standalone_mode=False
        )
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("costgate: aborted", err=True)
        return EXIT_INTERRUPTED
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    return code if isinstance(code, int) else 0


def main() -> None:
    """The console script: run, flush what the run wrote, and end without tearing down the interpreter.

    Everything a run keeps (a plan of 10k changes is about a million objects) would be freed one
    object at a time at exit; the operating system frees it at once. Nothing is lost: outputs are
    written atomically or flushed here, and the price cache commits every write. When a flush
    fails (a closed pipe, a full device), the interpreter's own exit reports it as before.
    """
    code = run()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)
