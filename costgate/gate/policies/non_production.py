"""Production-grade redundancy outside production: Multi-AZ databases, large node pools, a NAT per AZ."""

from __future__ import annotations

from costgate.gate.policies import Policy
from costgate.gate.policies.sizing import node_counts
from costgate.gate.policies.subject import Engine, Subject, non_production, removal
from costgate.model import Finding


def multi_az_non_production(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    if subject.values.get("multi_az") is not True or not non_production(subject, engine.config):
        return []
    return [
        engine.saving(
            subject, policy, {"multi_az": False}, f"Multi-AZ database in {subject.environment}", "Single-AZ"
        )
    ]


def oversized_node_pool(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    if not non_production(subject, engine.config):
        return []
    limit = policy.params.get("max_node_count", 2)
    return [
        engine.saving(
            subject,
            policy,
            {path: limit},
            f"{path.rsplit('.', 1)[-1]} = {count} in {subject.environment}",
            f"{limit} nodes",
        )
        for path, count in node_counts(subject)
        if count > limit
    ]


def nat_per_az(policy: Policy, scoped: list[Subject], engine: Engine) -> list[Finding]:
    """Outside production one NAT gateway per environment is enough; every further one is a finding."""
    seen: set[tuple[str, str | None]] = set()
    findings = []
    for subject in scoped:
        if subject.resource.action not in ("create", "replace") or not non_production(subject, engine.config):
            continue
        key = (subject.resource.project, subject.environment)
        if key in seen:
            findings.append(
                removal(
                    policy,
                    subject,
                    f"another NAT gateway in {subject.environment} (one per AZ is for production)",
                )
            )
        seen.add(key)
    return findings
