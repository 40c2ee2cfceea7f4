"""Generate plans shaped like the real ones in ../shared/corpus/plans, at any size (seeded, deterministic).

What the corpus shows, and this reproduces:
- about 77 % AWS and 22 % GCP resources, with the rest from providers that bill nothing (random);
- most resources live in modules, called with count or for_each and sometimes nested;
- regions come from provider aliases and module-scoped providers, not from attributes: 5 AWS
  regions and 3 GCP regions;
- tags on most AWS resources;
- references in the configuration: autoscaling groups and launch templates, node pools and
  clusters, DynamoDB tables and their appautoscaling targets;
- about 3 % of instances name a type no price list has;
- about 3.5 KB of JSON per change, because real plans are mostly `after_unknown` and attributes.

Run: python benchmarks/realistic_plan.py N OUT.json [SEED]
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

AWS_REGIONS = {
    "aws": "us-east-1",
    "aws.euw1": "eu-west-1",
    "aws.usw2": "us-west-2",
    "aws.apse1": "ap-southeast-1",
    "aws.euc1": "eu-central-1",
}
GCP_REGIONS = {"google": "us-central1", "google.euw1": "europe-west1", "google.asse1": "asia-southeast1"}
INSTANCE_TYPES = ["t3.micro", "t3.medium", "m5.large", "m5.xlarge", "c5.2xlarge", "r5.large", "m6i.large"]
DB_CLASSES = ["db.t3.medium", "db.m5.large", "db.r5.xlarge", "db.m6g.large"]
MACHINE_TYPES = ["e2-medium", "n2-standard-4", "n1-standard-2", "e2-standard-8", "n2-highmem-2"]
UNKNOWN_AFTER_APPLY = [
    "arn", "id", "owner_id", "tags_all", "private_dns", "private_ip", "public_dns", "public_ip",
    "primary_network_interface_id", "availability_zone", "security_groups", "subnet_id",
    "vpc_security_group_ids", "ipv6_addresses", "network_interface", "metadata_options",
    "capacity_reservation_specification", "cpu_core_count", "cpu_threads_per_core", "enclave_options",
    "ephemeral_block_device", "host_id", "instance_initiated_shutdown_behavior", "instance_state",
    "ipv6_address_count", "key_name", "outpost_arn", "password_data", "placement_group",
    "secondary_private_ips", "user_data_base64", "kms_key_id", "self_link", "creation_timestamp",
    "fingerprint", "label_fingerprint", "effective_labels", "terraform_labels", "endpoint", "hosted_zone_id",
]  # fmt: skip


def _tags(rng: random.Random, team: str, env: str) -> dict[str, str]:
    tags = {"team": team, "env": env, "service": f"svc-{rng.randrange(40)}"}
    if rng.random() < 0.6:
        tags["cost-center"] = f"cc-{rng.randrange(100):03d}"
    if rng.random() < 0.3:
        tags["owner"] = f"{team}@example.com"
    return tags


def _policy(rng: random.Random) -> str:
    statements = [
        {"Effect": "Allow", "Action": [f"s3:{a}" for a in ("GetObject", "PutObject", "ListBucket")],
         "Resource": [f"arn:aws:s3:::bucket-{rng.randrange(999)}/*"]}
        for _ in range(rng.randrange(1, 4))
    ]  # fmt: skip
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


# Each blueprint: (type, provider, attributes(rng, team, env) -> after, references {attribute: target name}).
def _aws_blueprints() -> list[tuple[str, Any, dict[str, str]]]:
    def instance(rng, team, env):
        kind = "x9.nothing" if rng.random() < 0.03 else rng.choice(INSTANCE_TYPES)
        return {
            "ami": f"ami-{rng.randrange(16**8):08x}", "instance_type": kind, "tenancy": "default",
            "monitoring": rng.random() < 0.5, "ebs_optimized": True, "get_password_data": False,
            "root_block_device": [{"volume_size": rng.choice([8, 20, 50]), "volume_type": "gp3",
                                   "delete_on_termination": True, "tags": None}],
            "ebs_block_device": [], "credit_specification": [], "launch_template": [],
            "user_data": "#!/bin/bash\n" + "echo configuring node\n" * rng.randrange(5, 30),
            "tags": _tags(rng, team, env), "source_dest_check": True, "hibernation": None, "timeouts": None,
        }  # fmt: skip

    def volume(rng, team, env):
        return {"type": rng.choice(["gp3", "gp2", "io1"]), "size": rng.choice([20, 100, 500]), "iops": 3000,
                "encrypted": True, "tags": _tags(rng, team, env), "multi_attach_enabled": False}  # fmt: skip

    def launch_template(rng, team, env):
        return {"name_prefix": f"{team}-lt-", "image_id": "ami-0abc", "instance_type": rng.choice(INSTANCE_TYPES),
                "block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"volume_size": 30, "volume_type": "gp3"}]}],
                "tag_specifications": [{"resource_type": "instance", "tags": _tags(rng, team, env)}],
                "tags": _tags(rng, team, env), "update_default_version": True}  # fmt: skip

    def asg(rng, team, env):
        size = rng.randrange(1, 6)
        return {"min_size": 1, "max_size": size + 3, "desired_capacity": size, "health_check_type": "EC2",
                "launch_template": [{"version": "$Latest"}], "vpc_zone_identifier": ["subnet-a", "subnet-b"],
                "tag": [{"key": k, "value": v, "propagate_at_launch": True} for k, v in _tags(rng, team, env).items()],
                "termination_policies": ["Default"], "wait_for_capacity_timeout": "10m"}  # fmt: skip

    def db(rng, team, env):
        return {"engine": rng.choice(["postgres", "mysql"]), "engine_version": "15.4",
                "instance_class": rng.choice(DB_CLASSES), "allocated_storage": rng.choice([20, 100, 400]),
                "storage_type": "gp3", "multi_az": env == "production", "backup_retention_period": 7,
                "deletion_protection": env == "production", "skip_final_snapshot": env != "production",
                "tags": _tags(rng, team, env), "username": "app", "publicly_accessible": False}  # fmt: skip

    def table(rng, team, env):
        return {"name": f"{team}-table-{rng.randrange(10**6)}", "billing_mode": "PROVISIONED",
                "read_capacity": rng.choice([5, 20, 100]), "write_capacity": rng.choice([5, 20]),
                "hash_key": "pk", "range_key": "sk",
                "attribute": [{"name": "pk", "type": "S"}, {"name": "sk", "type": "S"}],
                "point_in_time_recovery": [{"enabled": True}], "tags": _tags(rng, team, env),
                "ttl": [{"attribute_name": "expires", "enabled": True}]}  # fmt: skip

    def target(rng, team, env):
        return {"service_namespace": "dynamodb", "scalable_dimension": "dynamodb:table:ReadCapacityUnits",
                "min_capacity": 5, "max_capacity": 50, "resource_id": f"table/{team}-table-{rng.randrange(10**6)}"}  # fmt: skip

    def simple(extra):
        def build(rng, team, env):
            return {**extra, "tags": _tags(rng, team, env)}

        return build

    return [
        ("aws_instance", instance, {}),
        ("aws_ebs_volume", volume, {}),
        ("aws_launch_template", launch_template, {}),
        ("aws_autoscaling_group", asg, {"launch_template.0.id": "aws_launch_template.this"}),
        ("aws_db_instance", db, {}),
        ("aws_dynamodb_table", table, {}),
        ("aws_appautoscaling_target", target, {"resource_id": "aws_dynamodb_table.this"}),
        ("aws_s3_bucket", simple({"bucket": "b", "force_destroy": False}), {}),
        ("aws_security_group", simple({"name": "sg", "description": "managed", "ingress": [], "egress": []}), {}),
        ("aws_iam_role", simple({"name": "role", "assume_role_policy": '{"Version":"2012-10-17"}', "max_session_duration": 3600}), {}),
        ("aws_iam_role_policy", lambda rng, t, e: {"name": "p", "policy": _policy(rng)}, {}),
        ("aws_lambda_function", simple({"function_name": "fn", "runtime": "python3.12", "memory_size": 512, "timeout": 30, "handler": "app.handler"}), {}),
        ("aws_cloudwatch_log_group", simple({"name": "/aws/lambda/fn", "retention_in_days": 30}), {}),
        ("aws_nat_gateway", simple({"connectivity_type": "public"}), {}),
        ("aws_lb", simple({"load_balancer_type": "application", "internal": False, "idle_timeout": 60}), {}),
        ("aws_ecr_repository", simple({"name": "repo", "image_tag_mutability": "MUTABLE"}), {}),
        ("aws_subnet", simple({"cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": False}), {}),
        ("aws_ssm_parameter", simple({"name": "/app/key", "type": "String", "tier": "Standard", "value": "x"}), {}),
    ]  # fmt: skip


def _gcp_blueprints() -> list[tuple[str, Any, dict[str, str]]]:
    def labels(rng, team, env):
        return {"team": team, "env": env}

    def instance(rng, team, env):
        kind = "zz-nothing-4" if rng.random() < 0.03 else rng.choice(MACHINE_TYPES)
        return {"machine_type": kind, "can_ip_forward": False, "deletion_protection": False,
                "boot_disk": [{"auto_delete": True, "initialize_params": [{"image": "debian-cloud/debian-12", "size": 20, "type": "pd-balanced"}]}],
                "network_interface": [{"network": "default", "access_config": []}],
                "scheduling": [{"preemptible": False, "automatic_restart": True, "on_host_maintenance": "MIGRATE"}],
                "labels": labels(rng, team, env), "metadata": {"startup-script": "echo hi\n" * rng.randrange(5, 30)}}  # fmt: skip

    def disk(rng, team, env):
        return {"type": rng.choice(["pd-balanced", "pd-ssd", "pd-standard"]), "size": rng.choice([50, 200, 1000]),
                "labels": labels(rng, team, env), "physical_block_size_bytes": 4096}  # fmt: skip

    def cluster(rng, team, env):
        return {"name": f"{team}-gke", "initial_node_count": 1, "remove_default_node_pool": True,
                "networking_mode": "VPC_NATIVE", "resource_labels": labels(rng, team, env),
                "release_channel": [{"channel": "REGULAR"}]}  # fmt: skip

    def pool(rng, team, env):
        return {"node_count": rng.randrange(1, 5), "autoscaling": [],
                "node_config": [{"machine_type": rng.choice(MACHINE_TYPES), "disk_size_gb": 100, "disk_type": "pd-standard",
                                 "preemptible": False, "labels": labels(rng, team, env), "oauth_scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}  # fmt: skip

    def bucket(rng, team, env):
        return {"name": f"{team}-bucket-{rng.randrange(10**6)}", "storage_class": "STANDARD", "force_destroy": False,
                "location": rng.choice(["US", "EU", "US-CENTRAL1"]),
                "labels": labels(rng, team, env), "uniform_bucket_level_access": True, "versioning": [{"enabled": True}]}  # fmt: skip

    def sql(rng, team, env):
        return {"database_version": "POSTGRES_15", "deletion_protection": True,
                "settings": [{"tier": "db-custom-2-7680", "availability_type": "ZONAL", "disk_size": 100, "disk_type": "PD_SSD",
                              "user_labels": labels(rng, team, env)}]}  # fmt: skip

    return [
        ("google_compute_instance", instance, {}),
        ("google_compute_disk", disk, {}),
        ("google_container_cluster", cluster, {}),
        ("google_container_node_pool", pool, {"cluster": "google_container_cluster.this"}),
        ("google_storage_bucket", bucket, {}),
        ("google_sql_database_instance", sql, {}),
        ("google_compute_firewall", lambda rng, t, e: {"name": "fw", "direction": "INGRESS", "priority": 1000, "source_ranges": ["10.0.0.0/8"]}, {}),
        ("google_project_iam_member", lambda rng, t, e: {"role": "roles/viewer", "member": f"group:{t}@example.com"}, {}),
        ("google_compute_address", lambda rng, t, e: {"address_type": "EXTERNAL", "network_tier": "PREMIUM"}, {}),
    ]  # fmt: skip


ACTIONS = [["create"]] * 6 + [["update"]] * 2 + [["no-op"]] * 8 + [["delete"], ["delete", "create"]]
TEAMS = ["payments", "search", "platform", "data", "growth", "identity"]
ENVS = ["production", "staging", "dev"]


def _module_call(rng: random.Random, name: str) -> tuple[dict, list[str]]:
    """A module call (count, for_each or single) and the module instance addresses it expands to."""
    style = rng.choice(["count", "for_each", "single", "single"])
    if style == "count":
        n = rng.randrange(1, 4)
        call = {"source": f"./modules/{name}", "count_expression": {"constant_value": n}}
        instances = [f"module.{name}[{i}]" for i in range(n)]
    elif style == "for_each":
        keys = rng.sample(["a", "b", "blue", "green", "eu", "us"], rng.randrange(1, 4))
        call = {
            "source": f"./modules/{name}",
            "for_each_expression": {"constant_value": {k: k for k in keys}},
        }
        instances = [f'module.{name}["{k}"]' for k in keys]
    else:
        call = {"source": f"./modules/{name}"}
        instances = [f"module.{name}"]
    return call, instances


def generate(count: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    aws, gcp = _aws_blueprints(), _gcp_blueprints()
    changes: list[dict[str, Any]] = []
    root_calls: dict[str, Any] = {}
    provider_config: dict[str, Any] = {}
    for key, region in {**AWS_REGIONS, **GCP_REGIONS}.items():
        name, _, alias = key.partition(".")
        entry: dict[str, Any] = {"name": name, "expressions": {"region": {"constant_value": region}}}
        if alias:
            entry["alias"] = alias
        provider_config[key] = entry
    root_resources: list[dict[str, Any]] = []
    module_number = 0
    while len(changes) < count:
        module_number += 1
        team = rng.choice(TEAMS)
        env = rng.choice(ENVS)
        is_gcp = rng.random() < 0.22
        blueprints = gcp if is_gcp else aws
        provider_key = rng.choice(list(GCP_REGIONS if is_gcp else AWS_REGIONS))
        name = f"{team}_{module_number}"
        call, instances = _module_call(rng, name)
        stack = rng.sample(blueprints, rng.randrange(3, min(9, len(blueprints))))
        wanted = {target.split(".")[0] for _, _, refs in stack for target in refs.values()}
        stack += [b for b in blueprints if b[0] in wanted and b not in stack]
        if rng.random() < 0.2:  # a nested module inside this one
            inner_call, inner = _module_call(rng, "inner")
            call["module"] = {"module_calls": {"inner": inner_call}}
            instances = instances + [f"{outer}.{i}" for outer in instances for i in inner]
        config_resources = []
        for resource_type, build, references in stack:
            expressions: dict[str, Any] = {}
            for attribute, target in references.items():
                head = attribute.split(".")[0]
                if ".0." in attribute:
                    expressions[head] = [{attribute.split(".")[-1]: {"references": [f"{target}.id", target]}}]
                else:
                    expressions[head] = {"references": [f"{target}.name", target]}
            config_resources.append(
                {
                    "address": f"{resource_type}.this",
                    "mode": "managed",
                    "type": resource_type,
                    "name": "this",
                    "provider_config_key": provider_key,
                    "expressions": expressions,
                }
            )
        call.setdefault("module", {})["resources"] = config_resources
        for inner_call in call["module"].get("module_calls", {}).values():
            inner_call["module"] = {"resources": config_resources}
        root_calls[name] = call
        for instance in instances:
            for resource_type, build, _references in stack:
                if len(changes) >= count:
                    break
                changes.append(_change(rng, instance, resource_type, build(rng, team, env), is_gcp))
    root_resources.append(
        {"address": "random_id.suffix", "mode": "managed", "type": "random_id", "name": "suffix"}
    )
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": _planned_values(changes),
        "resource_changes": changes,
        "configuration": {
            "provider_config": provider_config,
            "root_module": {"resources": root_resources, "module_calls": root_calls},
        },
    }


def _planned_values(changes: list[dict[str, Any]]) -> dict[str, Any]:
    """What `terraform show -json` repeats of every resource's after values, grouped by module instance."""
    modules: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        after = change["change"]["after"]
        if after is None:
            continue
        modules.setdefault(change["module_address"], []).append(
            {
                "address": change["address"],
                "mode": "managed",
                "type": change["type"],
                "name": change["name"],
                "provider_name": change["provider_name"],
                "schema_version": 0,
                "values": after,
                "sensitive_values": change["change"]["after_sensitive"],
            }
        )
    children = [{"address": address, "resources": resources} for address, resources in modules.items()]
    return {"root_module": {"child_modules": children}}


def _change(rng: random.Random, module: str, resource_type: str, after: dict, is_gcp: bool) -> dict[str, Any]:
    actions = rng.choice(ACTIONS)
    before = None if actions == ["create"] else dict(after)
    if actions == ["update"] and "tags" in after:
        before = {**after, "tags": {**after["tags"], "env": "old"}}
    if "tags" in after:  # the provider echoes tags with the default tags merged in
        after = {**after, "tags_all": {**after["tags"], "managed-by": "terraform", "repository": "infra"}}
    after_value = None if actions == ["delete"] else after
    unknown = {
        key: True for key in rng.sample(UNKNOWN_AFTER_APPLY, rng.randrange(6, len(UNKNOWN_AFTER_APPLY)))
    }
    return {
        "address": f"{module}.{resource_type}.this",
        "module_address": module,
        "mode": "managed",
        "type": resource_type,
        "name": "this",
        "provider_name": f"registry.terraform.io/hashicorp/{'google' if is_gcp else 'aws'}",
        "change": {
            "actions": actions,
            "before": before,
            "after": after_value,
            "after_unknown": unknown if after_value is not None else {},
            "before_sensitive": False if before is None else {},
            "after_sensitive": {key: [] for key in unknown} if after_value is not None else False,
        },
    }


def main() -> None:
    count, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(generate(count, seed), handle)


if __name__ == "__main__":
    main()
