"""`costgate notify slack`: alert each team this PR pushes past a budget threshold, on its own channel."""

from __future__ import annotations

import os

import click

from costgate.cli.options import config_option, plan_options, priced_plans, pricer_for


@click.group()
def notify() -> None:
    """Send alerts about a plan's cost to the teams that own it."""


@notify.command()
@plan_options
@config_option
def slack(
    paths: tuple[str, ...],
    plans: tuple[str, ...],
    region: str | None,
    pricing_mode: str | None,
    usage_file: str | None,
    config_path: str | None,
) -> None:
    """Post to each affected team's Slack webhook (named by the team's slack_webhook_env).

    A failed alert is a warning: this command exits 0 whatever Slack answers, so it never fails the gate.
    """
    from costgate.deliver.github_event import pull_request_in_event
    from costgate.deliver.slack import notify_slack, teams_to_alert
    from costgate.gate.check import run_check
    from costgate.gate.config import load_config
    from costgate.report.inert import for_log

    config = load_config(config_path)
    pricer = pricer_for(pricing_mode, usage_file, config)
    result = run_check(priced_plans(paths + plans, region, pricer, config), config, pricer)
    webhooks: dict[str, str] = {}
    unset: set[str] = set()  # teams already warned about
    for budget in teams_to_alert(result):
        team = config.teams.get(budget.team)
        variable = team.slack_webhook_env if team is not None else None
        if variable and os.environ.get(variable):
            webhooks[budget.team] = os.environ[variable]
        elif variable:
            unset.add(budget.team)
            click.echo(
                f"costgate: warning: slack: team {for_log(budget.team)}: environment variable {for_log(variable)} is not set; no alert",
                err=True,
            )
    if not teams_to_alert(result):
        click.echo("costgate: slack: no team passes a budget threshold in this plan; nothing to send")
        return
    pull_request = pull_request_in_event(os.environ)
    for delivery in notify_slack(result, webhooks, pull_request=pull_request):
        if delivery.ok:
            click.echo(f"costgate: slack: alerted team {for_log(delivery.team)} ({delivery.detail})")
        elif delivery.team not in unset:
            click.echo(
                f"costgate: warning: slack: team {for_log(delivery.team)}: {for_log(delivery.detail)}",
                err=True,
            )
