"""What a cost model may ask about the rest of the plan: the resources an attribute refers to.

An autoscaling group's instance type lives in the launch template it references; a
node pool's zones in its cluster. After apply the ids are unknown, so references are
followed through the plan's `configuration` expressions, within the same module instance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from costgate.model import ResourceChange
from costgate.plan.addresses import config_module_path, resource_part

_INSTANCE_KEY = re.compile(r"\[[^\]]*\]$")


@dataclass(frozen=True)
class Target:
    """One side of a resource another resource's cost depends on (a cost model reads it as a Side)."""

    change: ResourceChange
    values: Mapping[str, Any]
    unknown: Mapping[str, Any]
    region: str | None


class PlanContext:
    def __init__(
        self, changes: tuple[ResourceChange, ...], configuration: Mapping[str, Any], usage: Any = None
    ):
        self._by_module_and_name: dict[tuple[str, str], list[ResourceChange]] = {}
        for change in changes:
            if change.mode == "managed" and not change.deposed:
                key = (change.module, resource_part(change.address))
                self._by_module_and_name.setdefault(key, []).append(change)
        # Indexes built once, so that no cost model scans every resource of the plan.
        self._by_type: dict[str, list[ResourceChange]] = {}
        self._by_module_and_type: dict[tuple[str, str], list[ResourceChange]] = {}
        for same_name in self._by_module_and_name.values():
            for change in same_name:
                self._by_type.setdefault(change.type, []).append(change)
                self._by_module_and_type.setdefault((change.module, change.type), []).append(change)
        self._by_value: dict[tuple[str, str, bool], dict[str, list[Target]]] = {}
        self._config_resources = config_resources(configuration.get("root_module") or {})
        self._usage = usage

    def config_expressions(self, change: ResourceChange) -> Mapping[str, Any]:
        """The configuration expressions written for this resource (empty when the plan has none)."""
        resource = self._config_resources.get(
            (config_module_path(change.module), resource_part(change.address))
        )
        return (resource or {}).get("expressions") or {}

    def referenced(
        self, change: ResourceChange, attribute: str, resource_type: str, is_after: bool
    ) -> list[Target]:
        """The `resource_type` resources that `attribute` of `change` refers to (same module, same side)."""
        found: list[Target] = []
        seen: set[str] = set()
        references = _references(self.config_expressions(change), attribute.split("."))
        for reference in references:
            parts = reference.split(".")
            if len(parts) < 2 or parts[0] != resource_type:  # var., local., data., module. are not resources
                continue
            targets = self._by_module_and_name.get((change.module, f"{parts[0]}.{parts[1]}"), [])
            for target in _same_instance(change, targets, references):
                if target.address in seen:
                    continue
                seen.add(target.address)
                found.extend(_target(target, is_after))
        return found

    def of_type(self, resource_type: str, is_after: bool) -> list[Target]:
        """The same side of every resource of `resource_type` in the plan (for resources that name another
        by value, like an aws_appautoscaling_target its table)."""
        found = []
        for target in self._by_type.get(resource_type, ()):
            values = (target.after if is_after else target.before) or None
            if values is None:
                continue
            unknown = target.after_unknown if is_after else {}
            found.append(Target(target, values, unknown, target.region))
        return found

    def of_type_with(self, resource_type: str, attribute: str, value: str, is_after: bool) -> list[Target]:
        """`of_type`, only those whose top-level `attribute` is the text `value` (indexed on first use)."""
        key = (resource_type, attribute, is_after)
        index = self._by_value.get(key)
        if index is None:
            index = self._by_value[key] = {}
            for target in self.of_type(resource_type, is_after):
                found = target.values.get(attribute)
                if isinstance(found, str):
                    index.setdefault(found, []).append(target)
        return list(index.get(value, ()))

    def referring(
        self, change: ResourceChange, resource_type: str, attribute: str, is_after: bool
    ) -> list[Target]:
        """The `resource_type` resources in the same module whose `attribute` refers to `change`.

        The reverse of `referenced`: an autoscaler names the instance group it scales, an
        aws_appautoscaling_target the ECS service. References in the configuration carry no
        count/for_each index, so the name is compared without it.
        """
        own = resource_part(change.address).split("[", 1)[0]
        found: list[Target] = []
        for other in self._by_module_and_type.get((change.module, resource_type), ()):
            references = _references(self.config_expressions(other), attribute.split("."))
            if any(ref == own or ref.startswith(own + ".") for ref in references):
                found.extend(_target(other, is_after))
        return found

    def usage(self, change: ResourceChange, key: str) -> Decimal | None:
        if self._usage is None:
            return None
        return self._usage.quantity(change, key)


def _same_instance(
    change: ResourceChange, targets: list[ResourceChange], references: list[str]
) -> list[ResourceChange]:
    """`aws_ebs_volume.data[count.index]` names the target with the referrer's own index.

    The configuration keeps the reference without its index (`aws_ebs_volume.data` and
    `count.index`), so a referrer that indexes by its own count or for_each key gets the
    target instance with the same key when there is one; otherwise every instance.
    """
    if not any(ref in ("count.index", "each.key", "each.value") for ref in references):
        return targets
    key = instance_key(change.address)
    same = [target for target in targets if key and instance_key(target.address) == key]
    return same or targets


def instance_key(address: str) -> str:
    """The trailing instance key of an address (`[0]`, `["a"]`), or "" for a single instance."""
    found = _INSTANCE_KEY.search(address.split(" ", 1)[0])
    return found.group(0) if found else ""


def _target(change: ResourceChange, is_after: bool) -> list[Target]:
    """The side of a referenced resource matching the reader's side, else whichever side it has."""
    values = (change.after if is_after else change.before) or change.after or change.before
    if values is None:
        return []
    unknown = change.after_unknown if is_after and change.after is not None else {}
    return [Target(change, values, unknown, change.region)]


def _references(expressions: Any, path: list[str]) -> list[str]:
    """Every reference under an attribute path; blocks are lists of expression maps."""
    if not path:
        return _all_references(expressions)
    if isinstance(expressions, list):
        return [ref for item in expressions for ref in _references(item, path)]
    if not isinstance(expressions, Mapping):
        return []
    head, rest = path[0], path[1:]
    if head.isdigit():
        return _references(expressions, rest)
    return _references(expressions.get(head), rest)


def _all_references(expression: Any) -> list[str]:
    if isinstance(expression, list):
        return [ref for item in expression for ref in _all_references(item)]
    if not isinstance(expression, Mapping):
        return []
    refs = list(expression.get("references") or [])
    for key, value in expression.items():
        if key not in ("references", "constant_value") and isinstance(value, (dict, list)):
            refs.extend(_all_references(value))
    return refs


def config_resources(root: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    found: dict[tuple[str, str], Mapping[str, Any]] = {}

    def walk(module: Any, path: str) -> None:
        # The configuration is read, never trusted: a non-map module, call or resource is skipped.
        if not isinstance(module, Mapping):
            return
        resources = module.get("resources")
        for resource in resources if isinstance(resources, list) else ():
            if isinstance(resource, Mapping) and isinstance(resource.get("address"), str):
                found[(path, resource["address"])] = resource
        calls = module.get("module_calls")
        for call_name, call in calls.items() if isinstance(calls, Mapping) else ():
            if isinstance(call, Mapping):
                walk(call.get("module"), f"{path}.module.{call_name}" if path else f"module.{call_name}")

    walk(root, "")
    return found
