"""Aurora clusters and cluster instances: instance hours, Serverless v2 ACU ranges, usage-based storage and I/O."""

from decimal import Decimal

from tests.helpers import cents, change, component_costs, plan_document, run_estimate

REGION = {
    "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}}
}


def cluster_plan(cluster: dict, instance_class: str, instances: int = 1):
    changes = [change("aws_rds_cluster", cluster, name="main")]
    config = [{"address": "aws_rds_cluster.main", "expressions": {}}]
    for i in range(instances):
        changes.append(
            change(
                "aws_rds_cluster_instance",
                {"engine": cluster["engine"], "instance_class": instance_class},
                name=f"db{i}",
            )
        )
        config.append(
            {
                "address": f"aws_rds_cluster_instance.db{i}",
                "expressions": {
                    "cluster_identifier": {"references": ["aws_rds_cluster.main.id", "aws_rds_cluster.main"]}
                },
            }
        )
    result = run_estimate(
        plan_document(*changes, configuration={**REGION, "root_module": {"resources": config}})
    )
    return {r.address: r for r in result.resources}, result


def test_provisioned_aurora_instances_and_usage_based_storage():
    resources, result = cluster_plan(
        {"engine": "aurora-postgresql", "engine_mode": "provisioned"}, "db.r6g.large", instances=2
    )
    # 2 instances x 730 h x $0.26 = $379.60
    assert component_costs(resources["aws_rds_cluster_instance.db0"]) == {
        "Database instance (on-demand, db.r6g.large)": Decimal("189.80")
    }
    assert cents(result.monthly_after) == Decimal("379.60")
    cluster = resources["aws_rds_cluster.main"]
    storage, io, backup = cluster.components
    # storage $0.10/GB-month and I/O $0.20 per million requests depend on usage: listed, never $0
    assert (storage.unit_price, storage.monthly_cost, storage.usage_based) == (Decimal("0.10"), None, True)
    assert (io.name, io.unit_price) == ("I/O requests", Decimal("0.0000002"))
    assert backup.unit_price == Decimal("0.021")


def test_io_optimized_cluster_has_no_io_charge_and_dearer_instances():
    resources, result = cluster_plan(
        {"engine": "aurora-mysql", "storage_type": "aurora-iopt1"}, "db.r6g.large"
    )
    # I/O-Optimized: 730 h x $0.338 = $246.74
    assert cents(result.monthly_after) == Decimal("246.74")
    names = [c.name for c in resources["aws_rds_cluster.main"].components]
    assert names == ["Storage (I/O-Optimized)", "Backup storage beyond the free allowance"]
    assert resources["aws_rds_cluster.main"].components[0].unit_price == Decimal("0.225")


def test_serverless_v2_prices_min_acu_and_reports_max():
    scaling = [{"min_capacity": 0.5, "max_capacity": 16}]
    resources, _ = cluster_plan(
        {"engine": "aurora-postgresql", "serverlessv2_scaling_configuration": scaling}, "db.serverless"
    )
    instance = resources["aws_rds_cluster_instance.db0"]
    # min 0.5 ACU x 730 h x $0.12 = $43.80; max 16 ACU x 730 h x $0.12 = $1,401.60
    assert cents(instance.monthly_after) == Decimal("43.80")
    assert (cents(instance.monthly_at_minimum), cents(instance.monthly_at_maximum)) == (
        Decimal("43.80"),
        Decimal("1401.60"),
    )
    whole = {
        "engine": "aurora-mysql",
        "serverlessv2_scaling_configuration": [{"min_capacity": 2, "max_capacity": 8}],
    }
    resources, _ = cluster_plan(whole, "db.serverless")
    # 2 ACU x 730 h x $0.12 = $175.20; up to 8 ACU: $700.80
    instance = resources["aws_rds_cluster_instance.db0"]
    assert (cents(instance.monthly_after), cents(instance.monthly_at_maximum)) == (
        Decimal("175.20"),
        Decimal("700.80"),
    )
    assert instance.capacity.attribute == "serverlessv2_scaling_configuration (ACUs)"


def test_serverless_without_the_cluster_in_the_plan_is_not_priced():
    result = run_estimate(
        plan_document(
            change("aws_rds_cluster_instance", {"engine": "aurora-mysql", "instance_class": "db.serverless"})
        )
    )
    (resource,) = result.resources
    assert resource.reason.endswith("the cluster's serverlessv2_scaling_configuration is not in the plan")


def test_non_aurora_cluster_and_serverless_v1_are_not_priced_with_reasons():
    multi_az = run_estimate(
        plan_document(
            change("aws_rds_cluster", {"engine": "postgres", "db_cluster_instance_class": "db.m5d.large"})
        )
    )
    assert (
        multi_az.resources[0].reason
        == "Multi-AZ DB cluster (postgres): RDS Multi-AZ DB clusters (postgres) are not priced yet"
    )
    v1 = run_estimate(
        plan_document(change("aws_rds_cluster", {"engine": "aurora-mysql", "engine_mode": "serverless"}))
    )
    assert "Aurora Serverless v1" in v1.resources[0].reason
