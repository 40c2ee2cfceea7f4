"""Elastic IPs attached to nothing: charged by the hour for no use."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from costgate.gate.policies import Policy
from costgate.gate.policies.subject import Engine, Subject, removal
from costgate.model import Finding


def unattached_eip(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    if subject.resource.type != "aws_eip":
        return []
    if (
        subject.values.get("instance")
        or subject.values.get("network_interface")
        or subject.change.after_unknown.get("instance")
    ):
        return []
    if _referenced_elsewhere(subject):
        return []  # an aws_eip_association or a NAT gateway's allocation_id uses it
    return [removal(policy, subject, "Elastic IP attached to nothing (charged by the hour)")]


def _referenced_elsewhere(subject: Subject) -> bool:
    """Whether any expression in the configuration refers to this resource (aws_eip.this or aws_eip.this.id)."""
    name = subject.resource.address.split("[", 1)[0].removeprefix(f"{subject.resource.module}.")
    return any(ref == name or ref.startswith(name + ".") for ref in _references(subject.configuration))


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "references" and isinstance(value, list):
                yield from (ref for ref in value if isinstance(ref, str))
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)
