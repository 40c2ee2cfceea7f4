"""Generate a synthetic plan with 10,000 resource changes of mixed types and time `costgate breakdown` (JSON, table).

Prints wall time and peak memory (max RSS of the child process), and the time of
`costgate --version`. Run: python benchmarks/breakdown_10k.py [N]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHAPES = [
    (
        "aws_instance",
        {
            "instance_type": "m5.large",
            "tenancy": "default",
            "root_block_device": [{"volume_size": 20, "volume_type": "gp3"}],
        },
    ),
    ("aws_ebs_volume", {"type": "gp3", "size": 100, "iops": 4000, "throughput": 125}),
    (
        "aws_db_instance",
        {"engine": "postgres", "instance_class": "db.m5.large", "allocated_storage": 100, "multi_az": True},
    ),
    ("aws_nat_gateway", {"connectivity_type": "public"}),
    ("aws_security_group", {"name": "sg"}),
    ("aws_iam_role", {"name": "role"}),
    ("aws_s3_bucket", {"bucket": "b"}),
    ("google_compute_instance", {"machine_type": "n2-standard-4", "zone": "us-central1-a"}),
    ("google_compute_disk", {"type": "pd-balanced", "size": 200, "zone": "us-central1-a"}),
    ("aws_transfer_server", {"protocols": ["SFTP"]}),
]
ACTIONS = [["create"], ["update"], ["delete"], ["delete", "create"], ["no-op"]]


def synthetic_plan(count: int) -> dict:
    changes = []
    for index in range(count):
        resource_type, values = SHAPES[index % len(SHAPES)]
        actions = ACTIONS[index % len(ACTIONS)]
        module = f"module.svc{index % 50}"
        changes.append(
            {
                "address": f"{module}.{resource_type}.r[{index}]",
                "module_address": module,
                "mode": "managed",
                "type": resource_type,
                "name": "r",
                "index": index,
                "provider_name": f"registry.terraform.io/hashicorp/{resource_type.split('_')[0]}",
                "change": {
                    "actions": actions,
                    "before": None if actions == ["create"] else values,
                    "after": None if actions == ["delete"] else values,
                    "after_unknown": {"id": True},
                    "before_sensitive": {},
                    "after_sensitive": {},
                },
            }
        )
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}},
                "google": {"name": "google", "expressions": {"region": {"constant_value": "us-central1"}}},
            }
        },
    }


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one child run."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as directory:
        plan = Path(directory) / "plan.json"
        plan.write_text(json.dumps(synthetic_plan(count)))
        print(f"synthetic plan: {count} resource changes, {plan.stat().st_size / 1e6:.1f} MB")
        costgate = [sys.executable, "-m", "costgate"]
        version_runs = [timed([*costgate, "--version"])[0] for _ in range(5)]
        print(f"costgate --version: best {min(version_runs):.3f} s of 5")
        for output_format in ("json", "table"):  # table: the default, what a user at a terminal waits for
            runs = [timed([*costgate, "breakdown", str(plan), "--format", output_format]) for _ in range(3)]
            print(
                f"costgate breakdown --format {output_format}: best {min(w for w, _ in runs):.2f} s of 3,"
                f" peak RSS {max(m for _, m in runs):.0f} MB"
            )


if __name__ == "__main__":
    main()
