"""The usage file `costgate usage template` writes: every declared key of every usage-based resource.

The keys come from each resource's CostModel (what its function may read), so the template
cannot miss one; values already in a usage file are filled in, every other key is commented out.
"""

from __future__ import annotations

import json

from costgate.estimate.usage import UsageFile
from costgate.model import Estimate
from costgate.report.money import plain
from costgate.resources.registry import cost_model

HEADER = [
    "# costgate usage file (infracost-usage.yml format): estimates for costs the plan cannot know.",
    "# Uncomment a key and set a monthly figure; `costgate usage keys` documents every key.",
    "version: 0.1",
]


def usage_template(estimate: Estimate, existing: UsageFile | None) -> str:
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
        return "\n".join([*HEADER, "resource_usage: {}  # no usage-based resources in this plan"]) + "\n"
    lines = [*HEADER, "resource_usage:"]
    for resource in resources:
        prices = {c.usage_key: c for c in resource.components if c.usage_key}
        lines.append(f"  {_yaml_key(resource.address)}:")
        nested: dict[str, list[str]] = {}
        model = cost_model(resource.type)
        for key in model.usage_keys if model is not None else ():
            value = (
                existing.value(resource.address, resource.type, key.name) if existing is not None else None
            )
            group, _, leaf = key.name.rpartition(".")
            component = prices.get(key.name)
            price = ""
            if component is not None and component.unit_price is not None:
                price = f"; {component.name}: ${plain(component.unit_price)} per {component.unit}"
            text = (
                f"{leaf}: {plain(value) if value is not None else 0}  # {key.unit}: {key.description}{price}"
            )
            nested.setdefault(group, []).append(text if value is not None else "# " + text)
        for group, entries in nested.items():
            indent = "    "
            if group:
                lines.append(f"    {group}:")
                indent = "      "
            lines.extend(indent + entry for entry in entries)
    return "\n".join(lines) + "\n"


def _yaml_key(address: str) -> str:
    # Addresses hold brackets and quotes (module.a.x["eu"]); a JSON string is a valid YAML key.
    return json.dumps(address) if any(ch in address for ch in "[]\"' :#") else address
