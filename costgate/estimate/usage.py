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
Keys are validated against what the cost models declare (registry.USAGE_KEYS): an
unknown key or a value that is not a number is an error naming the file, line and the
valid keys. Types costgate does not model, and addresses the plan does not hold, are
warnings (an Infracost file lists many such types). A resource's own entry beats the
default for its type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError
from costgate.model import ResourceChange
from costgate.plan.addresses import resource_part
from costgate.resources.base import UsageKey

SUPPORTED_VERSIONS = ("0.1",)


@dataclass
class UsageFile:
    """Usage estimates by resource address and by resource type."""

    path: str
    by_address: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    by_type: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def quantity(self, change: ResourceChange, key: str) -> Decimal | None:
        own = self.by_address.get(change.address)
        if own is not None and key in own:
            return own[key]
        return self.by_type.get(change.type, {}).get(key)

    def unmatched(self, addresses: Iterable[str]) -> list[str]:
        """Warnings for resource_usage addresses that are not in the plans."""
        known = set(addresses)
        return [
            f"{self.path}: resource_usage names {address}, which is not in the plan (ignored)"
            for address in self.by_address
            if address not in known
        ]


def load_usage_file(path: str, usage_keys: Mapping[str, tuple[UsageKey, ...]] | None = None) -> UsageFile:
    import yaml

    if usage_keys is None:
        from costgate.resources.registry import USAGE_KEYS as usage_keys
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CostgateError(f"{path}: cannot read the usage file ({error.strerror or error})") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise CostgateError(f"{where}: not valid YAML: {problem}") from None
    usage = UsageFile(path)
    if root is None:
        return usage
    top = _mapping(root, path, "the usage file")
    version = top.get("version")
    if version is None or str(getattr(version[1], "value", "")) not in SUPPORTED_VERSIONS:
        line = version[0].start_mark.line + 1 if version else 1
        raise CostgateError(f"{path}:{line} version: expected 0.1")
    for name, (key_node, _) in top.items():
        if name not in ("version", "resource_type_default_usage", "resource_usage"):
            raise CostgateError(
                f"{path}:{key_node.start_mark.line + 1} {name}: unknown section "
                "(valid: version, resource_type_default_usage, resource_usage)"
            )
    if "resource_type_default_usage" in top:
        section = _mapping(top["resource_type_default_usage"][1], path, "resource_type_default_usage")
        for resource_type, (key_node, node) in section.items():
            values = _values(
                node, path, f"resource_type_default_usage.{resource_type}", resource_type, usage_keys, usage
            )
            if values is not None:
                usage.by_type[resource_type] = values
    if "resource_usage" in top:
        section = _mapping(top["resource_usage"][1], path, "resource_usage")
        for address, (key_node, node) in section.items():
            resource_type = resource_part(address).split(".")[0]
            values = _values(node, path, f"resource_usage.{address}", resource_type, usage_keys, usage)
            if values is not None:
                usage.by_address[address] = values
    return usage


def _mapping(node: Any, path: str, where: str) -> dict[str, tuple[Any, Any]]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise CostgateError(f"{path}:{node.start_mark.line + 1} {where}: expected a map")
    return {str(key.value): (key, value) for key, value in node.value}


def _values(
    node: Any,
    path: str,
    where: str,
    resource_type: str,
    usage_keys: Mapping[str, tuple[UsageKey, ...]],
    usage: UsageFile,
) -> dict[str, Decimal] | None:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return {}  # an entry whose keys are all commented out (as `costgate usage template` writes them)
    entries = _mapping(node, path, where)
    declared = usage_keys.get(resource_type)
    if declared is None:
        usage.warnings.append(
            f"{path}:{node.start_mark.line + 1} {where}: costgate has no usage keys for {resource_type} (ignored)"
        )
        return None
    valid = {key.name for key in declared}
    values: dict[str, Decimal] = {}

    def walk(entries: dict[str, tuple[Any, Any]], prefix: str) -> None:
        for name, (key_node, value_node) in entries.items():
            key = prefix + name
            line = key_node.start_mark.line + 1
            if any(v.startswith(key + ".") for v in valid):
                if isinstance(value_node, yaml.ScalarNode) and value_node.tag == "tag:yaml.org,2002:null":
                    continue  # a group whose keys are all commented out
                walk(_mapping(value_node, path, f"{where}.{key}"), key + ".")
                continue
            if key not in valid:
                raise CostgateError(
                    f"{path}:{line} {where}: unknown usage key {key} for {resource_type} (valid: {', '.join(sorted(valid))})"
                )
            values[key] = _number(value_node, f"{path}:{line} {where}.{key}")

    walk(entries, "")
    return values


def _number(node: Any, where: str) -> Decimal:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        try:
            value = Decimal(str(node.value).replace("_", ""))
        except InvalidOperation:
            value = None
        if value is not None and value.is_finite() and value >= 0:
            return value
    shown = node.value if isinstance(node, yaml.ScalarNode) else "a " + node.id
    raise CostgateError(f"{where}: expected a number of 0 or more, got {shown!r}"[:300])
