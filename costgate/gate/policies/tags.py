"""Tags and ownership: required tags (labels on GCP), and a team for every changed resource."""

from __future__ import annotations

from costgate.gate.attribution import resource_tags
from costgate.gate.policies import Policy
from costgate.gate.policies.subject import Engine, Subject, finding
from costgate.model import Finding


def required_tags(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    values = subject.values
    if "tags" not in values and "labels" not in values:
        return []  # not a taggable resource
    tags = resource_tags(subject.change)
    missing = [tag for tag in policy.params.get("tags", ()) if not tags.get(tag)]
    if not missing:
        return []
    kind = "labels" if "labels" in values else "tags"
    return [finding(policy, subject, f"missing required {kind}: {', '.join(missing)}")]


def require_owner(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    if subject.team:
        return []
    return [
        finding(
            policy,
            subject,
            "no team owns this resource (no owner tag, module, path or CODEOWNERS rule matches)",
        )
    ]
