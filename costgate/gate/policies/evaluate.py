"""Run every policy over the changed resources of an estimate."""

from __future__ import annotations

from costgate.gate.config import Config
from costgate.gate.policies import Policy
from costgate.gate.policies.module_defaults import module_default_findings
from costgate.gate.policies.rules import KINDS, Engine, Subject, _removal, in_scope, non_production, subjects
from costgate.model import Attribution, Estimate, Finding
from costgate.pricing.source import PriceChain


def evaluate(
    estimate: Estimate,
    config: Config,
    policies: tuple[Policy, ...],
    attribution: Attribution,
    prices: PriceChain,
) -> tuple[Finding, ...]:
    engine = Engine(prices, config)
    all_subjects = list(subjects(estimate, config, attribution))
    findings: list[Finding] = []
    for policy in policies:
        if policy.kind == "module_defaults":
            scoped = [s for s in all_subjects if in_scope(policy, s, ())]
            findings.extend(module_default_findings(policy, scoped, engine))
        elif policy.kind == "nat_per_az_non_production":
            findings.extend(
                _nat_per_az(
                    policy, [s for s in all_subjects if in_scope(policy, s, ("aws_nat_gateway",))], engine
                )
            )
        else:
            rule, default_types = KINDS[policy.kind]
            for subject in all_subjects:
                if in_scope(policy, subject, default_types):
                    findings.extend(rule(policy, subject, engine))
    return tuple(findings)


def _nat_per_az(policy: Policy, scoped: list[Subject], engine: Engine) -> list[Finding]:
    """Outside production one NAT gateway per environment is enough; every further one is a finding."""
    seen: set[tuple[str, str | None]] = set()
    findings = []
    for subject in scoped:
        if subject.resource.action not in ("create", "replace") or not non_production(subject, engine.config):
            continue
        key = (subject.resource.project, subject.environment)
        if key in seen:
            findings.append(
                _removal(
                    policy,
                    subject,
                    f"another NAT gateway in {subject.environment} (one per AZ is for production)",
                )
            )
        seen.add(key)
    return findings
