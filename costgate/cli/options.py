"""What the commands share: the plan options, pricing plans through one Pricer, writing output."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import click

from costgate.pricing.setup import PRICING_MODES
from costgate.report.render import FORMATS

if TYPE_CHECKING:
    from costgate.estimate.pricer import Pricer
    from costgate.gate.config import Config
    from costgate.model import Estimate

Command = TypeVar("Command", bound=Callable[..., Any])

__all__ = ["FORMATS", "config_option", "emit", "format_option", "out_option", "plan_options", "priced_plans"]


def plan_options(command: Command) -> Command:
    """The options every command that prices plans shares (breakdown, check, comment, ...)."""
    decorators = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option(
            "--plan",
            "plans",
            multiple=True,
            type=click.Path(),
            help="A plan JSON (repeatable); a directory reads every *.json in it.",
        ),
        click.option("--region", help="Region for resources whose provider configuration does not say."),
        click.option(
            "--pricing",
            "pricing_mode",
            type=click.Choice(PRICING_MODES),
            default=None,
            help="Where prices come from: the embedded catalog, the providers' APIs (falling back to the catalog), "
            "or the APIs whose credentials are found.  [default: the config's pricing.mode, else embedded]",
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


def config_option(command: Command) -> Command:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="costgate.yml (default: ./costgate.yml when present).",
    )(command)


def format_option(default: str = "table", formats: tuple[str, ...] = FORMATS) -> Callable[[Command], Command]:
    return click.option(
        "--format", "output_format", type=click.Choice(formats), default=default, show_default=True
    )


def out_option(command: Command) -> Command:
    return click.option(
        "--out",
        type=click.Path(dir_okay=False),
        help="Write the report to this file (atomically) instead of stdout.",
    )(command)


def pricer_for(
    pricing_mode: str | None, usage_file: str | None = None, config: Config | None = None
) -> Pricer:
    """The one Pricer of a run: the price chain of the pricing mode, the usage file and the config's discounts.

    --pricing beats the config's pricing.mode (else embedded); --usage-file beats the config's
    usage_file; the config's pricing.cache_ttl_days sets how long live answers are cached and
    pricing.live_timeout_seconds how long each live source may take in a run.
    """
    from costgate.estimate.pricer import Pricer
    from costgate.pricing.setup import price_chain

    mode = pricing_mode or (config.pricing_mode if config is not None else None) or "embedded"
    ttl_days = config.cache_ttl_days if config is not None else None
    live_timeout = config.live_timeout_seconds if config is not None else None
    usage_file = usage_file or (config.usage_file if config is not None else None)
    usage = None
    if usage_file:
        from costgate.estimate.usage import load_usage_file

        usage = load_usage_file(usage_file)
    discounts = config.discounts if config is not None else ()
    return Pricer(price_chain(mode, ttl_days, live_timeout_seconds=live_timeout), usage, discounts)


def priced_plans(
    paths: tuple[str, ...],
    region: str | None,
    pricer: Pricer,
    config: Config | None = None,
    documents: Mapping[str, Any] | None = None,
) -> Estimate:
    """Read the plans and price them: the Estimate every command starts from.

    A plan that names no region is priced at the provider's default region unless the config's
    pricing.assume_default_region is false. `documents`: plans already parsed, by path.
    """
    from costgate.plan.files import load_projects
    from costgate.resources.registry import REGION_HOOKS

    assume = config.assume_default_region if config is not None else True
    return pricer.estimate(load_projects(paths, region, REGION_HOOKS, assume, documents))


def emit(text: str, out: str | None) -> None:
    """The command's result: to `out` atomically, else to stdout; a failed write is a one-line error."""
    from costgate.deliver.output import write_atomic, write_stdout

    if out:
        write_atomic(out, text)
    else:
        write_stdout(text)
