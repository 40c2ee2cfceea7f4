"""`costgate usage keys` and `costgate usage template`: what the usage file can say, and a file to fill in."""

from __future__ import annotations

import json
from decimal import Decimal

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
    from costgate.resources.registry import cost_model

    pricer = pricer_for(pricing_mode, usage_file)
    estimate = priced_plans(paths + plans, region, pricer)
    existing = pricer.usage
    lines = [
        "# costgate usage file (infracost-usage.yml format): estimates for costs the plan cannot know.",
        "# Uncomment a key and set a monthly figure; `costgate usage keys` documents every key.",
        "version: 0.1",
        "resource_usage:",
    ]
    resources = sorted(
        # only resources whose model produced a usage-dependent component (an m5.large has no CPU credits)
        (
            r
            for r in estimate.resources
            if any(c.usage_key for c in r.components) and r.action not in ("delete", "forget")
        ),
        key=lambda r: r.address,
    )
    if not resources:
        lines[-1] = "resource_usage: {}  # no usage-based resources in this plan"
    for resource in resources:
        prices = {c.usage_key: c for c in resource.components if c.usage_key}
        lines.append(f"  {_yaml_key(resource.address)}:")
        nested: dict[str, list[str]] = {}
        model = cost_model(resource.type)
        for key in model.usage_keys if model is not None else ():
            value = None
            if existing is not None:
                value = existing.by_address.get(resource.address, {}).get(key.name)
                if value is None:
                    value = existing.by_type.get(resource.type, {}).get(key.name)
            group, _, leaf = key.name.rpartition(".")
            component = prices.get(key.name)
            price = ""
            if component is not None and component.unit_price is not None:
                price = f"; {component.name}: ${_plain(component.unit_price)} per {component.unit}"
            text = (
                f"{leaf}: {_plain(value) if value is not None else 0}  # {key.unit}: {key.description}{price}"
            )
            nested.setdefault(group, []).append(text if value is not None else "# " + text)
        for group, entries in nested.items():
            indent = "    "
            if group:
                lines.append(f"    {group}:")
                indent = "      "
            lines.extend(indent + entry for entry in entries)
    emit("\n".join(lines) + "\n", out)


def _yaml_key(address: str) -> str:
    # Addresses hold brackets and quotes (module.a.x["eu"]); a JSON string is a valid YAML key.
    return json.dumps(address) if any(ch in address for ch in "[]\"' :#") else address


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
