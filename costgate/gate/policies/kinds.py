"""Every policy kind in one registry, and the run of a policy pack over an estimate's changed resources.

A kind is a check over the subjects in a policy's scope and the resource types it looks at
when the policy names none (() = every type). To add a kind: one module, one line here, one
schema enum entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from costgate.estimate.pricer import Pricer
from costgate.gate.config import Config
from costgate.gate.policies import Policy
from costgate.gate.policies.eip import unattached_eip
from costgate.gate.policies.instance_families import INSTANCE_ATTRIBUTES, graviton, previous_generation
from costgate.gate.policies.module_defaults import module_defaults
from costgate.gate.policies.non_production import multi_az_non_production, nat_per_az, oversized_node_pool
from costgate.gate.policies.sizing import sizing
from costgate.gate.policies.subject import Check, Engine, in_scope, per_subject, subjects
from costgate.gate.policies.tags import require_owner, required_tags
from costgate.gate.policies.volumes import gp2_to_gp3, io1_to_gp3, pd_ssd_to_balanced
from costgate.model import Attribution, Estimate, Finding


@dataclass(frozen=True)
class Kind:
    check: Check
    resource_types: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "required_tags": Kind(per_subject(required_tags)),
    "require_owner": Kind(per_subject(require_owner)),
    "sizing": Kind(per_subject(sizing)),
    "gp2_to_gp3": Kind(per_subject(gp2_to_gp3), ("aws_ebs_volume", "aws_instance")),
    "io1_to_gp3": Kind(per_subject(io1_to_gp3), ("aws_ebs_volume",)),
    "pd_ssd_to_balanced": Kind(per_subject(pd_ssd_to_balanced), ("google_compute_disk",)),
    "previous_generation": Kind(per_subject(previous_generation), tuple(INSTANCE_ATTRIBUTES)),
    "graviton": Kind(per_subject(graviton), tuple(INSTANCE_ATTRIBUTES)),
    "multi_az_non_production": Kind(per_subject(multi_az_non_production), ("aws_db_instance",)),
    "oversized_node_pool": Kind(
        per_subject(oversized_node_pool),
        ("aws_eks_node_group", "google_container_node_pool", "google_container_cluster"),
    ),
    "nat_per_az_non_production": Kind(nat_per_az, ("aws_nat_gateway",)),
    "unattached_eip": Kind(per_subject(unattached_eip), ("aws_eip",)),
    "module_defaults": Kind(module_defaults),
}


def evaluate(
    estimate: Estimate,
    config: Config,
    policies: tuple[Policy, ...],
    attribution: Attribution,
    pricer: Pricer,
) -> tuple[Finding, ...]:
    """Every policy's findings; savings are re-priced through `pricer`, the one that priced the estimate."""
    engine = Engine(pricer, config)
    all_subjects = list(subjects(estimate, config, attribution))
    findings: list[Finding] = []
    for policy in policies:
        kind = KINDS[policy.kind]
        scoped = [s for s in all_subjects if in_scope(policy, s, kind.resource_types)]
        findings.extend(kind.check(policy, scoped, engine))
    return tuple(findings)
