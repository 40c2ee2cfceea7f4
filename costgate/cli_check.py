"""`costgate check`: the estimate plus budgets, policies and a verdict; exit 1 when blocked."""

from __future__ import annotations

import sys

import click

from costgate.cli import FORMATS, emit, plan_options, priced_plans_with_prices


@click.command("check")
@plan_options
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="costgate.yml (default ./costgate.yml).")
@click.option("--approved", is_flag=True, help="The PR is approved for cost: blocking findings do not fail.")
@click.option("--spend-file", type=click.Path(dir_okay=False), help="Current monthly spend per team (JSON or CSV).")
@click.option(
    "--spend-source", type=click.Choice(["config", "aws-cost-explorer"]), default="config", show_default=True,
    help="Where current spend comes from when no spend file is given.",
)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write the report to this file (atomically) instead of stdout.")
def check(
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    region: str | None,
    pricing_mode: str,
    usage_file: str | None,
    config_path: str | None,
    approved: bool,
    spend_file: str | None,
    spend_source: str,
    output_format: str,
    out: str | None,
) -> None:
    """Price the plans, check budgets and policies, and give a verdict (exit 1 when blocked)."""
    from costgate.budgets import cost_explorer_spend, read_spend_file
    from costgate.check import exit_code, run_check
    from costgate.config import load_config
    from costgate.policies import load_policies

    config = load_config(config_path)
    policies = load_policies(config.policies)  # a bad policy file fails before any pricing
    spend = None
    if spend_file:
        spend = read_spend_file(spend_file)
    elif spend_source == "aws-cost-explorer":
        spend = cost_explorer_spend(config)
    estimate, prices = priced_plans_with_prices(paths, plans, region, pricing_mode, usage_file, config)
    result = run_check(estimate, config, approved=approved, policies=policies, spend=spend, prices=prices)
    emit(render_check(result, output_format), out)
    if exit_code(result):
        sys.exit(1)


def render_check(result, output_format: str) -> str:
    if output_format == "json":
        from costgate.report.json_report import render_check_json

        return render_check_json(result)
    if output_format == "markdown":
        from costgate.report.markdown import render_markdown

        return render_markdown(result)
    from costgate.report.table import render_check_table

    return render_check_table(result)
