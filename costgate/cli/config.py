"""`costgate config validate`: check costgate.yml (and the policy packs it lists) without a plan."""

from __future__ import annotations

import click


@click.group("config")
def config_group() -> None:
    """Work with costgate.yml."""


@config_group.command("validate")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="The config file (default ./costgate.yml).",
)
def validate(config_path: str | None) -> None:
    """Validate costgate.yml and every policy pack it lists; print every problem, exit 2 when there is one."""
    from costgate.errors import CostgateError
    from costgate.gate.config import DEFAULT_FILE, declared_environments, load_config
    from costgate.gate.policies import load_policies
    from costgate.gate.problems import Problems

    try:
        config = load_config(config_path)
        policies = load_policies(config.policies, declared_environments(config))
    except Problems as found:
        if len(found.problems) == 1:
            raise CostgateError(found.problems[0]) from None
        for problem in found.problems:  # every problem on stdout, one line each; the count is the error
            click.echo(problem)
        raise CostgateError(f"{len(found.problems)} problems found (listed above)") from None
    where = config.path or f"no {DEFAULT_FILE} (defaults)"
    click.echo(f"{where}: valid ({len(config.teams)} teams, {len(policies)} policies)")
