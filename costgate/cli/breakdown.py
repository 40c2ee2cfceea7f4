"""`costgate breakdown`: price every resource change of the plans."""

from __future__ import annotations

import click

from costgate.cli.options import emit, format_option, out_option, plan_options, priced_plans, pricer_for


@click.command()
@plan_options
@format_option()
@out_option
def breakdown(
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    output_format: str,
    out: str | None,
    region: str | None,
    pricing_mode: str | None,
    usage_file: str | None,
) -> None:
    """Price every resource change in terraform plan JSON files (terraform show -json plan.out)."""
    from costgate.report.render import render

    estimate = priced_plans(paths + plans, region, pricer_for(pricing_mode, usage_file))
    emit(render(estimate, output_format), out)
