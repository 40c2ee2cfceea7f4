"""Instance families with a cheaper equivalent: previous generation to current, x86 to Graviton."""

from __future__ import annotations

from costgate.gate.policies import Policy
from costgate.gate.policies.subject import Engine, Subject, SubjectRule
from costgate.model import Finding

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


def family_swap(table: dict[str, str], label: str) -> SubjectRule:
    """A rule that prices the same size in the family `table` maps the current family to."""

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


previous_generation = family_swap(CURRENT_GENERATION, "a previous generation")
graviton = family_swap(GRAVITON, "x86 with a Graviton equivalent")
