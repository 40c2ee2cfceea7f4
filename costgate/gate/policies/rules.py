"""What each policy kind checks. Savings always come from reprice() (the pricing engine)."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from costgate.gate.attribution import changes_by_address, resource_tags
from costgate.gate.config import Config
from costgate.gate.policies import Policy
from costgate.gate.policies.reprice import reprice
from costgate.model import FREE, Attribution, Estimate, Finding, ResourceChange, ResourceEstimate
from costgate.plan.context import PlanContext
from costgate.pricing.source import PriceChain
from costgate.report.money import dollars

ZERO = Decimal(0)


@dataclass(frozen=True)
class Subject:
    """One changed resource as a policy sees it."""

    resource: ResourceEstimate
    change: ResourceChange
    plan_path: str
    team: str
    environment: str | None
    context: PlanContext
    configuration: Mapping[str, Any]

    @property
    def values(self) -> Mapping[str, Any]:
        return self.change.after or {}


@dataclass(frozen=True)
class Engine:
    prices: PriceChain
    config: Config

    def saving(
        self, subject: Subject, policy: Policy, changes: Mapping[str, Any], what: str, alternative: str
    ) -> Finding:
        """A finding whose saving is the current monthly cost minus the repriced alternative's."""
        repriced = reprice(subject.change, changes, subject.context, self.prices, self.config.discounts)
        current = subject.resource.monthly_after
        if repriced.monthly is None:
            message = f"{what}; {alternative}: no price for the alternative ({repriced.reason})"
            return Finding(policy.id, policy.severity, subject.resource.address, message, None, subject.team)
        saving = current - repriced.monthly
        message = f"{what}; {alternative} costs {dollars(repriced.monthly)}/month instead of {dollars(current)} (saves {dollars(saving)})"
        return Finding(policy.id, policy.severity, subject.resource.address, message, saving, subject.team)


def is_production(environment: str | None, config: Config) -> bool:
    return environment is not None and environment in config.environment.production


def non_production(subject: Subject, config: Config) -> bool:
    """Known to be outside production (an unknown environment is not assumed non-production)."""
    return subject.environment is not None and not is_production(subject.environment, config)


def environment_of(change: ResourceChange, plan_path: str, config: Config) -> str | None:
    """The environment from a tag/label, the workspace, or a plan path pattern (in that order)."""
    tags = resource_tags(change)
    for key in config.environment.tag_keys:
        if tags.get(key):
            return tags[key]
    if config.environment.workspace_env and os.environ.get(config.environment.workspace_env):
        return os.environ[config.environment.workspace_env]
    path = PurePosixPath(plan_path.replace("\\", "/")).as_posix().removeprefix("./")
    for environment, globs in config.environment.paths.items():
        if any(fnmatch.fnmatchcase(path, glob) for glob in globs):
            return environment
    return None


def subjects(estimate: Estimate, config: Config, attribution: Attribution) -> Iterator[Subject]:
    changes = changes_by_address(estimate)
    # ResourceEstimate.project is the project name the plan reader stamped on each change.
    contexts: dict[str, tuple[PlanContext, Mapping[str, Any]]] = {}
    for project in estimate.plans:
        context = (PlanContext(project.plan.changes, project.plan.configuration), project.plan.configuration)
        for change in project.plan.changes:
            contexts.setdefault(change.project, context)
    for resource in estimate.resources:
        if resource.status == FREE or resource.action not in ("create", "update", "replace"):
            continue
        found = changes.get((resource.project, resource.address))
        if found is None:
            continue
        change, plan_path = found
        context, configuration = contexts[resource.project]
        yield Subject(
            resource,
            change,
            plan_path,
            attribution.owners.get(resource.address, ""),
            environment_of(change, plan_path, config),
            context,
            configuration,
        )


def in_scope(policy: Policy, subject: Subject, default_types: tuple[str, ...]) -> bool:
    types = policy.scope.resource_types or default_types
    if types and not any(fnmatch.fnmatchcase(subject.resource.type, glob) for glob in types):
        return False
    if policy.scope.environments and subject.environment not in policy.scope.environments:
        return False
    return not policy.scope.teams or subject.team in policy.scope.teams


# -- kinds -------------------------------------------------------------------------------------------

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
SIZES = ["nano", "micro", "small", "medium", "large", "xlarge"]


def size_rank(value: str) -> int | None:
    """Rank of an AWS size suffix (db.r6g.2xlarge -> 2xlarge); None when the name has no known size."""
    size = value.rsplit(".", 1)[-1]
    if size in SIZES:
        return SIZES.index(size)
    match = re.fullmatch(r"(\d+)xlarge", size)
    if match:
        return len(SIZES) - 1 + int(match.group(1))
    if size == "metal":
        return 1000
    return None


def _get(values: Mapping[str, Any], path: str) -> Any:
    value: Any = values
    for step in path.split("."):
        if isinstance(value, list) and step.isdigit():
            value = value[int(step)] if int(step) < len(value) else None
        elif isinstance(value, Mapping):
            value = value.get(step)
        else:
            return None
    return value


def required_tags(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    values = subject.values
    if "tags" not in values and "labels" not in values:
        return []  # not a taggable resource
    tags = resource_tags(subject.change)
    missing = [tag for tag in policy.params.get("tags", ()) if not tags.get(tag)]
    if not missing:
        return []
    kind = "labels" if "labels" in values else "tags"
    return [_finding(policy, subject, f"missing required {kind}: {', '.join(missing)}")]


def require_owner(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    if subject.team:
        return []
    return [
        _finding(
            policy,
            subject,
            "no team owns this resource (no owner tag, module, path or CODEOWNERS rule matches)",
        )
    ]


def sizing(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    findings = []
    attribute = policy.params.get("attribute") or SIZE_ATTRIBUTES.get(subject.resource.type)
    value = _get(subject.values, attribute) if attribute else None
    if isinstance(value, str):
        allowed = policy.params.get("allowed")
        denied = policy.params.get("denied") or ()
        name = attribute.rsplit(".", 1)[-1]
        if allowed and not any(fnmatch.fnmatchcase(value, glob) for glob in allowed):
            findings.append(
                _finding(
                    policy,
                    subject,
                    f"{name} {value} is not allowed{_in(subject)} (allowed: {', '.join(allowed)})",
                )
            )
        elif any(fnmatch.fnmatchcase(value, glob) for glob in denied):
            findings.append(_finding(policy, subject, f"{name} {value} is denied{_in(subject)}"))
        maximum = policy.params.get("max_size")
        rank, limit = size_rank(value), size_rank(maximum) if maximum else None
        if rank is not None and limit is not None and rank > limit:
            findings.append(
                _finding(
                    policy, subject, f"{name} {value} is larger than {maximum}, the maximum{_in(subject)}"
                )
            )
    max_nodes = policy.params.get("max_node_count")
    if max_nodes is not None:
        for path in NODE_COUNT_ATTRIBUTES:
            count = _get(subject.values, path)
            if isinstance(count, int) and not isinstance(count, bool) and count > max_nodes:
                findings.append(
                    _finding(
                        policy,
                        subject,
                        f"{path.rsplit('.', 1)[-1]} = {count} exceeds {max_nodes}{_in(subject)}",
                    )
                )
    return findings


def gp2_to_gp3(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    values = subject.values
    if subject.resource.type == "aws_ebs_volume":
        if values.get("type", "gp2") == "gp2":
            return [engine.saving(subject, policy, {"type": "gp3"}, "gp2 volume", "the same size as gp3")]
        return []
    if subject.resource.type == "aws_instance":
        # Unset root volume type is gp2 (the AWS provider default), as the EC2 model prices it.
        root = _get(values, "root_block_device.0.volume_type") or "gp2"
        if root == "gp2":
            return [
                engine.saving(
                    subject,
                    policy,
                    {"root_block_device.0.volume_type": "gp3"},
                    "gp2 root volume",
                    "a gp3 root volume",
                )
            ]
    return []


GP3_MAX_IOPS = 16000  # https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html


def io1_to_gp3(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    values = subject.values
    if subject.resource.type != "aws_ebs_volume" or values.get("type") != "io1":
        return []
    iops = values.get("iops")
    if isinstance(iops, int) and iops <= GP3_MAX_IOPS:
        return [
            engine.saving(
                subject, policy, {"type": "gp3"}, f"io1 volume with {iops} IOPS", "gp3 with the same IOPS"
            )
        ]
    return [
        engine.saving(
            subject,
            policy,
            {"type": "io2"},
            f"io1 volume with {iops} IOPS (above gp3's {GP3_MAX_IOPS})",
            "io2",
        )
    ]


# Previous generation -> current generation of the same family, and the Graviton equivalent.
# (https://aws.amazon.com/ec2/previous-generation/, https://aws.amazon.com/ec2/graviton/)
CURRENT_GENERATION = {
    "m4": "m6i",
    "m5": "m6i",
    "c4": "c6i",
    "c5": "c6i",
    "r4": "r6i",
    "r5": "r6i",
    "t2": "t3",
}
GRAVITON = {
    "m5": "m6g",
    "m6i": "m6g",
    "c5": "c6g",
    "c6i": "c6g",
    "r5": "r6g",
    "r6i": "r6g",
    "t3": "t4g",
    "m7i": "m7g",
    "c7i": "c7g",
    "r7i": "r7g",
}
INSTANCE_ATTRIBUTES = {
    "aws_instance": "instance_type",
    "aws_db_instance": "instance_class",
    "aws_rds_cluster_instance": "instance_class",
}


def _family_swap(table: dict[str, str], label: str) -> Callable[[Policy, Subject, Engine], list[Finding]]:
    def check(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
        attribute = INSTANCE_ATTRIBUTES.get(subject.resource.type)
        value = subject.values.get(attribute) if attribute else None
        if not isinstance(value, str):
            return []
        prefix = "db." if value.startswith("db.") else ""
        family, _, size = value.removeprefix(prefix).partition(".")
        if family not in table or not size:
            return []
        alternative = f"{prefix}{table[family]}.{size}"
        return [engine.saving(subject, policy, {attribute: alternative}, f"{value} is {label}", alternative)]

    return check


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
    findings = []
    for path in NODE_COUNT_ATTRIBUTES:
        count = _get(subject.values, path)
        if isinstance(count, int) and not isinstance(count, bool) and count > limit:
            findings.append(
                engine.saving(
                    subject,
                    policy,
                    {path: limit},
                    f"{path.rsplit('.', 1)[-1]} = {count} in {subject.environment}",
                    f"{limit} nodes",
                )
            )
    return findings


def pd_ssd_to_balanced(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    if subject.resource.type == "google_compute_disk" and subject.values.get("type") == "pd-ssd":
        return [engine.saving(subject, policy, {"type": "pd-balanced"}, "pd-ssd disk", "pd-balanced")]
    return []


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
    return [_removal(policy, subject, "Elastic IP attached to nothing (charged by the hour)")]


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


def _removal(policy: Policy, subject: Subject, what: str) -> Finding:
    """A resource that should not exist: the saving is its own priced monthly cost."""
    resource = subject.resource
    if resource.status != "priced":
        return _finding(policy, subject, f"{what}; no price for it ({resource.reason or 'not priced'})")
    return Finding(
        policy.id,
        policy.severity,
        resource.address,
        f"{what}; removing it saves {dollars(resource.monthly_after)}",
        resource.monthly_after,
        subject.team,
    )


def _finding(policy: Policy, subject: Subject, message: str) -> Finding:
    return Finding(policy.id, policy.severity, subject.resource.address, message, None, subject.team)


def _in(subject: Subject) -> str:
    return f" in {subject.environment}" if subject.environment else ""


Rule = Callable[[Policy, Subject, Engine], list[Finding]]
# kind -> (check, the resource types it looks at by default; () = any)
KINDS: dict[str, tuple[Rule, tuple[str, ...]]] = {
    "required_tags": (required_tags, ()),
    "require_owner": (require_owner, ()),
    "sizing": (sizing, ()),
    "gp2_to_gp3": (gp2_to_gp3, ("aws_ebs_volume", "aws_instance")),
    "io1_to_gp3": (io1_to_gp3, ("aws_ebs_volume",)),
    "previous_generation": (
        _family_swap(CURRENT_GENERATION, "a previous generation"),
        tuple(INSTANCE_ATTRIBUTES),
    ),
    "graviton": (_family_swap(GRAVITON, "x86 with a Graviton equivalent"), tuple(INSTANCE_ATTRIBUTES)),
    "multi_az_non_production": (multi_az_non_production, ("aws_db_instance",)),
    "oversized_node_pool": (
        oversized_node_pool,
        ("aws_eks_node_group", "google_container_node_pool", "google_container_cluster"),
    ),
    "pd_ssd_to_balanced": (pd_ssd_to_balanced, ("google_compute_disk",)),
    "unattached_eip": (unattached_eip, ("aws_eip",)),
}
