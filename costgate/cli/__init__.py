"""The costgate command line: the click group and every command, added in one place.

Exit codes mean one thing on every command and every way of running it: 0 pass or warn,
1 blocked, 2 bad input, bad configuration or an internal error (one line, never a traceback).
Commands live one per module in this package and never import this module; heavy modules
are imported inside the commands so `costgate --version` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from costgate import __version__
from costgate.cli.breakdown import breakdown
from costgate.cli.check import check
from costgate.cli.comment import comment
from costgate.cli.config import config_group
from costgate.cli.merge import merge
from costgate.cli.notify import notify
from costgate.cli.policies import policies_group
from costgate.cli.pricing import pricing
from costgate.cli.usage import usage
from costgate.errors import EXIT_BAD_INPUT, CostgateError

EXIT_INTERRUPTED = 130


class CostgateGroup(click.Group):
    """A group whose commands turn any unexpected exception into one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except RecursionError:
            raise CostgateError("internal error: the input is nested too deeply to read") from None
        except Exception as error:  # noqa: BLE001 - a bug must still end as one line and exit 2
            raise CostgateError(
                f"internal error ({type(error).__name__}: {error}); please report it"
            ) from None


@click.group(cls=CostgateGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="costgate")
def cli() -> None:
    """Cloud cost in the pull request: price a terraform plan, check budgets and policies."""


cli.add_command(breakdown)
cli.add_command(check)
cli.add_command(comment)
cli.add_command(config_group)
cli.add_command(merge)
cli.add_command(notify)
cli.add_command(policies_group)
cli.add_command(pricing)
cli.add_command(usage)


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
    sys.exit(run())
