"""The usage file: estimates of what the plan cannot know (requests, GB stored, GB processed).

Same idea and shape as Infracost's `infracost-usage.yml`, so teams can reuse theirs:

    version: 0.1
    resource_type_default_usage:
      aws_lambda_function: {monthly_requests: 1000000, request_duration_ms: 250}
    resource_usage:
      aws_nat_gateway.main: {monthly_data_processed_gb: 500}
      module.api.aws_lambda_function.handler["eu"]: {monthly_requests: 20000000}
      module.api.aws_lambda_function.handler[*]: {request_duration_ms: 100}
      aws_s3_bucket.assets: {standard: {storage_gb: 1000}}

Nested maps are read as dotted keys (`standard.storage_gb`), as Infracost writes them.
The file is read by the one YAML loader (costgate/yaml_file.py) against
costgate/schemas/usage.schema.json: the version, the two sections and the shape of every
value. What the schema cannot know is checked here, against what the cost models declare
(registry.USAGE_KEYS). A declared key needs a number (an error otherwise). Anything else an
Infracost file holds is a warning naming the key, the resource and the line, never an error:
a key costgate knowingly does not use says why, a key close to a declared one says "did you
mean", and types costgate does not model and addresses the plan does not hold are warnings
too. A resource's own entry beats a `[*]` wildcard entry, which beats the default for its
type (Infracost's order). An entry or group left empty (all its keys commented out) reads as
no values.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError
from costgate.model import ResourceChange
from costgate.plan.addresses import resource_part
from costgate.resources.base import UsageKey
from costgate.yaml_file import YamlFile, decimal, load_yaml_file, printable

WILDCARD = "[*]"

# Infracost keys costgate reads under no name of its own, and why (the warning says it).
NOT_USED = {
    "monthly_hrs": "costgate prices a running resource for all 730 hours of a month",
    "operating_system": "costgate reads the operating system from the plan",
    "reserved_instance_type": "costgate prices on-demand rates (set discounts in the costgate config)",
    "reserved_instance_term": "costgate prices on-demand rates (set discounts in the costgate config)",
    "reserved_instance_payment_option": "costgate prices on-demand rates (set discounts in the costgate config)",
    "new_connections": "costgate prices load balancer capacity from monthly_lcu_hours",
    "active_connections": "costgate prices load balancer capacity from monthly_lcu_hours",
    "processed_bytes_gb": "costgate prices load balancer capacity from monthly_lcu_hours",
    "rule_evaluations": "costgate prices load balancer capacity from monthly_lcu_hours",
}
# Infracost's burst estimate is hours per vCPU; costgate's monthly_cpu_credit_hrs is vCPU-hours.
CPU_CREDIT_HRS = "monthly_cpu_credit_hrs"
MISSPELLING_EDITS = 2
VCPU_COUNT = "vcpu_count"


@dataclass
class UsageFile:
    """Usage estimates by resource address, by wildcard address and by resource type."""

    path: str
    by_address: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    by_type: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    by_wildcard: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def quantity(self, change: ResourceChange, key: str) -> Decimal | None:
        return self.value(change.address, change.type, key)

    def value(self, address: str, resource_type: str, key: str) -> Decimal | None:
        """The resource's own entry for `key`, else its first matching wildcard entry's, else its type's default."""
        own = self.by_address.get(address)
        if own is not None and key in own:
            return own[key]
        wildcard = self._wildcard_entry(address)
        if wildcard is not None and key in wildcard:
            return wildcard[key]
        return self.by_type.get(resource_type, {}).get(key)

    def unmatched(self, addresses: Iterable[str]) -> list[str]:
        """Warnings for resource_usage addresses (or wildcards) that match nothing in the plans."""
        known = set(addresses)
        return [
            f"{self.path}: resource_usage names {printable(address)}, which is not in the plan (ignored)"
            for address in (*self.by_address, *self.by_wildcard)
            if address not in known
            and not (WILDCARD in address and any(_wildcard_pattern(address).fullmatch(a) for a in known))
        ]

    def _wildcard_entry(self, address: str) -> dict[str, Decimal] | None:
        # The most specific wildcard first (fewest [*]), as Infracost matches them.
        for pattern in sorted(self.by_wildcard, key=lambda p: (p.count(WILDCARD), -len(p))):
            if _wildcard_pattern(pattern).fullmatch(address):
                return self.by_wildcard[pattern]
        return None


@functools.cache
def _wildcard_pattern(address: str) -> re.Pattern[str]:
    """`module.a[*].aws_instance.x[*]`: each [*] stands for any one instance key."""
    return re.compile(r"\[[^\]]*\]".join(re.escape(part) for part in address.split(WILDCARD)))


def load_usage_file(path: str, usage_keys: Mapping[str, tuple[UsageKey, ...]] | None = None) -> UsageFile:
    if usage_keys is None:
        from costgate.resources.registry import USAGE_KEYS as usage_keys
    if not Path(path).is_file():
        raise CostgateError(f"{path}: cannot read the usage file (not found)")
    document = load_yaml_file(Path(path), "usage.schema.json", name=path)
    usage = UsageFile(path)
    for resource_type, entry in (document.data.get("resource_type_default_usage") or {}).items():
        where = ("resource_type_default_usage", resource_type)
        values = _values(document, where, entry, resource_type, usage_keys, usage)
        if values is not None:
            usage.by_type[resource_type] = values
    for address, entry in (document.data.get("resource_usage") or {}).items():
        resource_type = resource_part(address.replace(WILDCARD, "")).split(".")[0]
        values = _values(document, ("resource_usage", address), entry, resource_type, usage_keys, usage)
        if values is not None:
            (usage.by_wildcard if WILDCARD in address else usage.by_address)[address] = values
    return usage


def _values(
    document: YamlFile,
    where: tuple[str, str],
    entry: Mapping[str, Any] | None,
    resource_type: str,
    usage_keys: Mapping[str, tuple[UsageKey, ...]],
    usage: UsageFile,
) -> dict[str, Decimal] | None:
    """One entry's values by dotted key; None (and a warning) for a type costgate has no usage keys for."""
    if entry is None:
        return {}  # an entry whose keys are all commented out (as `costgate usage template` writes them)
    declared = usage_keys.get(resource_type)
    if declared is None:
        usage.warnings.append(
            document.describe(where, f"costgate has no usage keys for {printable(resource_type)} (ignored)")
        )
        return None
    valid = {key.name for key in declared}
    values: dict[str, Decimal] = {}
    vcpu_count: Decimal | None = None

    def ignore(key_path: tuple[str, ...], key: str, value: Any) -> None:
        nonlocal vcpu_count
        if key == VCPU_COUNT and CPU_CREDIT_HRS in valid and _is_number(value):
            vcpu_count = decimal(value)
            return
        # a misspelling is a character or two off; anything further is another Infracost key
        close = [v for v in sorted(valid) if _edit_distance(key, v) <= MISSPELLING_EDITS]
        why = NOT_USED.get(key.rpartition(".")[2]) or ("" if close else _other_group_member(key, valid))
        hint = f": {why}" if why else (f"; did you mean {close[0]}?" if close else "")
        usage.warnings.append(
            document.describe(
                where,
                f"usage key {printable(key)} is not used for {printable(resource_type)} (ignored){hint}",
                line=document.line(key_path, of_key=True),
            )
        )

    def walk(entries: Mapping[str, Any], steps: tuple[str, ...]) -> None:
        for name, value in entries.items():
            key_path = (*where, *steps, name)
            key = ".".join((*steps, str(name)))
            if any(v.startswith(key + ".") for v in valid):
                if isinstance(value, Mapping):
                    walk(value, (*steps, name))
                elif value is not None:  # None: a group whose keys are all commented out
                    raise document.error(key_path, "expected a mapping of usage keys")
            elif key not in valid:
                if isinstance(value, Mapping):
                    walk(value, (*steps, name))
                elif value is not None:
                    ignore(key_path, key, value)
            elif not _is_number(value):
                raise document.error(key_path, "expected a number")
            else:
                values[key] = decimal(value)  # the schema and the loader made a number finite and >= 0

    walk(entry, ())
    if vcpu_count is not None and CPU_CREDIT_HRS in values:
        values[CPU_CREDIT_HRS] *= vcpu_count
    return values


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _other_group_member(key: str, valid: set[str]) -> str:
    """Why `group.other` is unused when costgate reads only some members of its group (CloudFront's regions)."""
    group = key.rpartition(".")[0]
    members = sorted(v for v in valid if v.rpartition(".")[0] == group and group)
    return f"costgate reads only {', '.join(members)} of {printable(group)}" if members else ""


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions); keys are short."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]
