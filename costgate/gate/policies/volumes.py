"""Volume types with a cheaper equivalent: gp2 and io1 to gp3 (or io2), pd-ssd to pd-balanced."""

from __future__ import annotations

from costgate.gate.policies import Policy
from costgate.gate.policies.subject import Engine, Subject, value_at
from costgate.model import Finding

GP3_MAX_IOPS = 16000  # https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html


def gp2_to_gp3(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    values = subject.values
    if subject.resource.type == "aws_ebs_volume":
        if values.get("type", "gp2") == "gp2":
            return [engine.saving(subject, policy, {"type": "gp3"}, "gp2 volume", "the same size as gp3")]
        return []
    if subject.resource.type == "aws_instance":
        # Unset root volume type is gp2 (the AWS provider default), as the EC2 model prices it.
        root = value_at(values, "root_block_device.0.volume_type") or "gp2"
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


def pd_ssd_to_balanced(policy: Policy, subject: Subject, engine: Engine) -> list[Finding]:
    if subject.resource.type == "google_compute_disk" and subject.values.get("type") == "pd-ssd":
        return [engine.saving(subject, policy, {"type": "pd-balanced"}, "pd-ssd disk", "pd-balanced")]
    return []
