"""The costgate command line: parse options, call the stages, map errors to exit codes.

Exit codes: 0 done, 1 a blocking policy finding (check), 2 bad input or configuration.
Heavy modules are imported inside the commands so `costgate --version` stays fast.
"""

from __future__ import annotations

import sys

import click

from costgate import __version__
from costgate.model import CostgateError
from costgate.pricing.setup import PRICING_MODES

FORMATS = ("table", "json", "markdown")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="costgate")
def cli() -> None:
    """Cloud cost in the pull request: price a terraform plan, check budgets and policies."""


def plan_options(command):
    """The options every command that prices plans shares (breakdown, check, comment, ...)."""
    decorators = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--plan", "plans", multiple=True, type=click.Path(), help="A plan JSON (repeatable); a directory reads every *.json in it."),
        click.option("--region", help="Region for resources whose provider configuration does not say."),
        click.option(
            "--pricing",
            "pricing_mode",
            type=click.Choice(PRICING_MODES),
            default="embedded",
            show_default=True,
            help="Where prices come from: the embedded catalog, the providers' APIs (falling back to the catalog), "
            "or the APIs whose credentials are found.",
        ),
        click.option(
            "--usage-file",
            type=click.Path(dir_okay=False),
            help="Usage estimates (infracost-usage.yml format) for costs the plan cannot know.",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def priced_plans(
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    region: str | None,
    pricing_mode: str,
    usage_file: str | None = None,
    config=None,
):
    """Read the plans and price them: the Estimate every command starts from.

    The config (costgate.yml) adds its negotiated discounts and, when --usage-file is not given, its usage_file.
    """
    return priced_plans_with_prices(paths, plans, region, pricing_mode, usage_file, config)[0]


def priced_plans_with_prices(
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    region: str | None,
    pricing_mode: str,
    usage_file: str | None = None,
    config=None,
):
    """priced_plans, and the price chain it used: the check re-prices alternatives through the same
    sources and answers (never the embedded catalog behind a live estimate's back)."""
    from costgate.estimate import estimate
    from costgate.inputs import load_projects
    from costgate.pricing.setup import price_chain

    discounts = config.discounts if config is not None else ()
    usage_file = usage_file or (config.usage_file if config is not None else None)
    usage = None
    if usage_file:
        from costgate.usage import load_usage_file

        usage = load_usage_file(usage_file)
    projects = load_projects(paths + plans, region)
    prices = price_chain(pricing_mode)
    return estimate(projects, prices, usage, discounts=discounts), prices


@cli.command()
@plan_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write the report to this file (atomically) instead of stdout.")
def breakdown(
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    output_format: str,
    out: str | None,
    region: str | None,
    pricing_mode: str,
    usage_file: str | None,
) -> None:
    """Price every resource change in terraform plan JSON files (terraform show -json plan.out)."""
    emit(render(priced_plans(paths, plans, region, pricing_mode, usage_file), output_format), out)


def render(result, output_format: str) -> str:
    if output_format == "json":
        from costgate.report.json_report import render_json

        return render_json(result)
    if output_format == "markdown":
        from costgate.report.markdown import render_markdown

        return render_markdown(result)
    from costgate.report.table import render_table

    return render_table(result)


def emit(text: str, out: str | None) -> None:
    if out:
        from costgate.output import write_atomic

        write_atomic(out, text)
    else:
        click.echo(text, nl=False)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except CostgateError as error:
        click.echo(f"costgate: error: {error}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("costgate: aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)


if __name__ == "__main__":
    # `python -m costgate.cli` runs this file as __main__; the cli_<area> modules import costgate.cli,
    # so run that imported module (with every command registered) rather than this copy.
    from costgate.cli import main as _imported_main

    _imported_main()
    sys.exit(0)

# Commands of other areas live in their own modules (costgate/cli_<area>.py) and are registered here.
from costgate.cli_check import check
from costgate.cli_config import config_group
from costgate.cli_github import comment
from costgate.cli_merge import merge
from costgate.cli_notify import notify
from costgate.cli_pricing import pricing
from costgate.cli_usage import usage

cli.add_command(check)
cli.add_command(config_group)
cli.add_command(comment)
cli.add_command(merge)
cli.add_command(notify)
cli.add_command(pricing)
cli.add_command(usage)
