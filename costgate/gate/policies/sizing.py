"""Sizing: allowed, denied and maximum instance sizes, and maximum node counts."""

from __future__ import annotations

import fnmatch

from costgate.gate.policies import Policy
from costgate.gate.policies.sizes import size_rank
from costgate.gate.policies.subject import Engine, Subject, finding, in_environment, value_at
from costgate.model import Finding

SIZE_ATTRIBUTES = {
    "aws_instance": "instance_type",
    "aws_db_instance": "instance_class",
    "aws_rds_cluster_instance": "instance_class",
    "aws_elasticache_cluster": "node_type",
    "aws_launch_template": "instance_type",
    "google_compute_instance": "machine_type",
    "google_sql_database_instance": "settings.0.tier",
    "google_container_node_pool": "node_config.0.machine_type",
}
NODE_COUNT_ATTRIBUTES = (
    "node_count",
    "initial_node_count",
    "autoscaling.0.min_node_count",
    "autoscaling.0.total_min_node_count",
    "scaling_config.0.desired_size",
    "scaling_config.0.min_size",
    "desired_capacity",
    "min_size",
)


def node_counts(subject: Subject) -> list[tuple[str, int]]:
    """(attribute path, count) for every node count the resource sets."""
    counts = []
    for path in NODE_COUNT_ATTRIBUTES:
        count = value_at(subject.values, path)
        if isinstance(count, int) and not isinstance(count, bool):
            counts.append((path, count))
    return counts


def sizing(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    findings = []
    attribute = policy.params.get("attribute") or SIZE_ATTRIBUTES.get(subject.resource.type)
    value = value_at(subject.values, attribute) if attribute else None
    where = in_environment(subject)
    if isinstance(value, str):
        allowed = policy.params.get("allowed")
        denied = policy.params.get("denied") or ()
        name = attribute.rsplit(".", 1)[-1]
        if allowed and not any(fnmatch.fnmatchcase(value, glob) for glob in allowed):
            findings.append(
                finding(
                    policy, subject, f"{name} {value} is not allowed{where} (allowed: {', '.join(allowed)})"
                )
            )
        elif any(fnmatch.fnmatchcase(value, glob) for glob in denied):
            findings.append(finding(policy, subject, f"{name} {value} is denied{where}"))
        maximum = policy.params.get("max_size")
        rank, limit = size_rank(value), size_rank(maximum) if maximum else None
        if rank is not None and limit is not None and rank > limit:
            findings.append(
                finding(policy, subject, f"{name} {value} is larger than {maximum}, the maximum{where}")
            )
    max_nodes = policy.params.get("max_node_count")
    if max_nodes is not None:
        for path, count in node_counts(subject):
            if count > max_nodes:
                findings.append(
                    finding(
                        policy, subject, f"{path.rsplit('.', 1)[-1]} = {count} exceeds {max_nodes}{where}"
                    )
                )
    return findings
