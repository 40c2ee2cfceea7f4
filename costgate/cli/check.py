"""`costgate check`: the estimate plus budgets, policies and a verdict; exit 1 when blocked."""

from __future__ import annotations

import click

from costgate.cli.options import (
    config_option,
    emit,
    format_option,
    out_option,
    plan_options,
    priced_plans,
    pricer_for,
)


@click.command("check")
@plan_options
@config_option
@click.option("--approved", is_flag=True, help="The PR is approved for cost: blocking findings do not fail.")
@click.option(
    "--spend-file", type=click.Path(dir_okay=False), help="Current monthly spend per team (JSON or CSV)."
)
@click.option(
    "--spend-source",
    type=click.Choice(["config", "aws-cost-explorer"]),
    default="config",
    show_default=True,
    help="Where current spend comes from when no spend file is given.",
)
@format_option()
@out_option
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    region: str | None,
    pricing_mode: str | None,
    usage_file: str | None,
    config_path: str | None,
    approved: bool,
    spend_file: str | None,
    spend_source: str,
    output_format: str,
    out: str | None,
) -> None:
    """Price the plans, check budgets and policies, and give a verdict (exit 1 when blocked)."""
    from costgate.gate.budgets import cost_explorer_spend, read_spend_file
    from costgate.gate.check import exit_code, run_check
    from costgate.gate.config import load_config
    from costgate.gate.policies import load_policies
    from costgate.report.render import render

    config = load_config(config_path)
    policies = load_policies(config.policies)  # a bad policy file fails before any pricing
    spend = None
    if spend_file:
        spend = read_spend_file(spend_file)
    elif spend_source == "aws-cost-explorer":
        spend = cost_explorer_spend(config)
    pricer = pricer_for(pricing_mode, usage_file, config)
    estimate = priced_plans(paths + plans, region, pricer, config)
    result = run_check(estimate, config, pricer, approved=approved, policies=policies, spend=spend)
    emit(render(result, output_format), out)
    ctx.exit(exit_code(result))
