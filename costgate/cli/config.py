"""`costgate config validate`: check costgate.yml (and the policy files it includes) without a plan."""

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
    """Validate costgate.yml and every policy file it lists; exit 2 with the first error."""
    from costgate.gate.config import DEFAULT_FILE, load_config
    from costgate.gate.policies import load_policies

    config = load_config(config_path)
    policies = load_policies(config.policies)
    where = config.path or f"no {DEFAULT_FILE} (defaults)"
    click.echo(f"{where}: valid ({len(config.teams)} teams, {len(policies)} policies)")
