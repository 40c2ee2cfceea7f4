"""What a cost model may ask about the rest of the plan: the resources an attribute refers to.

An autoscaling group's instance type lives in the launch template it references; a
node pool's zones in its cluster. After apply the ids are unknown, so references are
followed through the plan's `configuration` expressions, within the same module instance.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from costgate.model import ResourceChange
from costgate.plan.addresses import config_module_path, resource_part

if TYPE_CHECKING:
    from costgate.resources.base import Side


class PlanContext:
    def __init__(
        self, changes: tuple[ResourceChange, ...], configuration: Mapping[str, Any], usage: Any = None
    ):
        self._by_module_and_name: dict[tuple[str, str], list[ResourceChange]] = {}
        for change in changes:
            if change.mode == "managed" and not change.deposed:
                key = (change.module, resource_part(change.address))
                self._by_module_and_name.setdefault(key, []).append(change)
        self._config_resources = config_resources(configuration.get("root_module") or {})
        self._usage = usage

    def config_expressions(self, change: ResourceChange) -> Mapping[str, Any]:
        """The configuration expressions written for this resource (empty when the plan has none)."""
        resource = self._config_resources.get(
            (config_module_path(change.module), resource_part(change.address))
        )
        return (resource or {}).get("expressions") or {}

    def referenced(self, side: Side, attribute: str, resource_type: str | None = None) -> list[Side]:
        from costgate.resources.base import Side

        found: list[Side] = []
        seen: set[str] = set()
        for reference in _references(self.config_expressions(side.change), attribute.split(".")):
            parts = reference.split(".")
            if len(parts) < 2 or parts[0] in (
                "var",
                "local",
                "module",
                "data",
                "each",
                "count",
                "path",
                "self",
            ):
                continue
            name = f"{parts[0]}.{parts[1]}"
            if resource_type and parts[0] != resource_type:
                continue
            for target in self._by_module_and_name.get((side.change.module, name), []):
                if target.address in seen:
                    continue
                seen.add(target.address)
                values = (target.after if side.is_after else target.before) or target.after or target.before
                if values is None:
                    continue
                unknown = target.after_unknown if side.is_after and target.after is not None else {}
                found.append(
                    Side(target, values, unknown, target.region or side.region, self, is_after=side.is_after)
                )
        return found

    def sides_of_type(self, side: Side, resource_type: str) -> list[Side]:
        """The same side of every resource of `resource_type` in the plan (for resources that point at this one,
        like an aws_appautoscaling_target at its table)."""
        from costgate.resources.base import Side

        found = []
        for changes in self._by_module_and_name.values():
            for target in changes:
                values = (target.after if side.is_after else target.before) or None
                if target.type != resource_type or values is None:
                    continue
                unknown = target.after_unknown if side.is_after else {}
                found.append(
                    Side(target, values, unknown, target.region or side.region, self, is_after=side.is_after)
                )
        return found

    def referring(self, side: Side, resource_type: str, attribute: str) -> list[Side]:
        """The sides of the `resource_type` resources in the same module whose `attribute` refers to this resource.

        The reverse of `referenced`: an autoscaler names the instance group it scales, an
        aws_appautoscaling_target the ECS service. References in the configuration carry no
        count/for_each index, so the name is compared without it.
        """
        from costgate.resources.base import Side

        own = resource_part(side.change.address).split("[", 1)[0]
        found: list[Side] = []
        for (module, _name), changes in self._by_module_and_name.items():
            if module != side.change.module:
                continue
            for change in changes:
                if change.type != resource_type:
                    continue
                references = _references(self.config_expressions(change), attribute.split("."))
                if not any(ref == own or ref.startswith(own + ".") for ref in references):
                    continue
                values = (change.after if side.is_after else change.before) or change.after or change.before
                if values is None:
                    continue
                unknown = change.after_unknown if side.is_after and change.after is not None else {}
                found.append(
                    Side(change, values, unknown, change.region or side.region, self, is_after=side.is_after)
                )
        return found

    def usage(self, change: ResourceChange, key: str) -> Decimal | None:
        if self._usage is None:
            return None
        return self._usage.quantity(change, key)


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

    def walk(module: Mapping[str, Any], path: str) -> None:
        for resource in module.get("resources") or []:
            if "address" in resource:
                found[(path, resource["address"])] = resource
        for call_name, call in (module.get("module_calls") or {}).items():
            walk(call.get("module") or {}, f"{path}.module.{call_name}" if path else f"module.{call_name}")

    walk(root, "")
    return found
