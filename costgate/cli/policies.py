"""`costgate policies`: the policy packs costgate ships, to list in costgate.yml by name."""

from __future__ import annotations

import click


@click.group("policies")
def policies_group() -> None:
    """The shipped policy packs (use them as `policies: [finops-defaults]` in costgate.yml)."""


@policies_group.command("list")
def list_packs() -> None:
    """Each shipped pack: its name, how many policies it has, and what it is for."""
    from costgate.gate.policies import load_policies, shipped_packs
    from costgate.yaml_file import load_yaml_file

    for name, file in shipped_packs().items():
        description = load_yaml_file(file, "policy.schema.json").data.get("description", "")
        count = len(load_policies([name]))
        click.echo(f"{name}  ({count} policies)  {description}")


@policies_group.command("show")
@click.argument("name")
def show_pack(name: str) -> None:
    """Print a shipped pack's YAML (copy it to adapt it)."""
    from costgate.gate.policies import is_pack_name, pack_file

    if not is_pack_name(name):
        raise click.BadParameter("give a pack name such as finops-defaults", param_hint="NAME")
    click.echo(pack_file(name).read_text(encoding="utf-8"), nl=False)
