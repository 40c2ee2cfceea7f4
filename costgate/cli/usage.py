"""`costgate usage keys` and `costgate usage template`: what the usage file can say, and a file to fill in."""

from __future__ import annotations

import click

from costgate.cli.options import emit, out_option, plan_options, priced_plans, pricer_for
from costgate.errors import CostgateError


@click.group()
def usage() -> None:
    """The usage file: estimates (requests, GB stored, GB processed) for costs the plan cannot know."""


@usage.command()
@click.argument("resource_type", required=False)
def keys(resource_type: str | None) -> None:
    """List the usage-file keys every cost model reads (or one resource type's)."""
    from costgate.resources.registry import USAGE_KEYS

    types = sorted(USAGE_KEYS)
    if resource_type is not None:
        if resource_type not in USAGE_KEYS:
            raise CostgateError(
                f"{resource_type} has no usage keys (types with usage keys: {', '.join(types)})"
            )
        types = [resource_type]
    rows = [("TYPE", "KEY", "UNIT", "DESCRIPTION")]
    rows += [(t, key.name, key.unit, key.description) for t in types for key in USAGE_KEYS[t]]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])


@usage.command()
@plan_options
@out_option
def template(
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    region: str | None,
    pricing_mode: str | None,
    usage_file: str | None,
    out: str | None,
) -> None:
    """Write a commented usage file for every usage-based resource in the plan, with each key's unit price.

    Values from --usage-file are filled in; every other key is commented out. The keys are
    every key the resource's cost model declares (its record is what the model may read).
    """
    from costgate.estimate.usage_template import usage_template

    pricer = pricer_for(pricing_mode, usage_file)
    emit(usage_template(priced_plans(paths + plans, region, pricer), pricer.usage), out)
