"""The usage file: estimates of what the plan cannot know (requests, GB stored, GB processed).

Same idea and shape as Infracost's `infracost-usage.yml`, so teams can reuse theirs:

    version: 0.1
    resource_type_default_usage:
      aws_lambda_function: {monthly_requests: 1000000, request_duration_ms: 250}
    resource_usage:
      aws_nat_gateway.main: {monthly_data_processed_gb: 500}
      module.api.aws_lambda_function.handler["eu"]: {monthly_requests: 20000000}
      aws_s3_bucket.assets: {standard: {storage_gb: 1000}}

Nested maps are read as dotted keys (`standard.storage_gb`), as Infracost writes them.
The file is read by the one YAML loader (costgate/yaml_file.py) against
costgate/schemas/usage.schema.json: the version, the two sections and that every value is a
number of 0 or more. What the schema cannot know is checked here, against what the cost
models declare (registry.USAGE_KEYS): an unknown key is an error naming the file, line and the
valid keys. Types costgate does not model, and addresses the plan does not hold, are warnings
(an Infracost file lists many such types). A resource's own entry beats the default for its
type. An entry or group left empty (all its keys commented out) reads as no values.
"""

from __future__ import annotations

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


@dataclass
class UsageFile:
    """Usage estimates by resource address and by resource type."""

    path: str
    by_address: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    by_type: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def quantity(self, change: ResourceChange, key: str) -> Decimal | None:
        return self.value(change.address, change.type, key)

    def value(self, address: str, resource_type: str, key: str) -> Decimal | None:
        """The resource's own entry for `key`, else its type's default, else None."""
        own = self.by_address.get(address)
        if own is not None and key in own:
            return own[key]
        return self.by_type.get(resource_type, {}).get(key)

    def unmatched(self, addresses: Iterable[str]) -> list[str]:
        """Warnings for resource_usage addresses that are not in the plans."""
        known = set(addresses)
        return [
            f"{self.path}: resource_usage names {printable(address)}, which is not in the plan (ignored)"
            for address in self.by_address
            if address not in known
        ]


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
        resource_type = resource_part(address).split(".")[0]
        values = _values(document, ("resource_usage", address), entry, resource_type, usage_keys, usage)
        if values is not None:
            usage.by_address[address] = values
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

    def walk(entries: Mapping[str, Any], steps: tuple[str, ...]) -> None:
        for name, value in entries.items():
            key_path = (*where, *steps, name)
            key = ".".join((*steps, name))
            if any(v.startswith(key + ".") for v in valid):
                if isinstance(value, Mapping):
                    walk(value, (*steps, name))
                elif value is not None:  # None: a group whose keys are all commented out
                    raise document.error(key_path, "expected a mapping of usage keys")
            elif key not in valid:
                raise document.error(
                    where,
                    f"unknown usage key {printable(key)} for {printable(resource_type)} "
                    f"(valid: {', '.join(sorted(valid))})",
                    line=document.line(key_path, of_key=True),
                )
            elif isinstance(value, Mapping) or value is None:
                raise document.error(key_path, "expected a number")
            else:
                values[key] = decimal(value)  # the schema and the loader made it a finite number >= 0

    walk(entry, ())
    return values
