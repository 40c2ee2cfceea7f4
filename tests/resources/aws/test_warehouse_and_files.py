"""Redshift, DocumentDB, EFS and FSx."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_redshift_nodes():
    dc2 = price_one("aws_redshift_cluster", {"node_type": "dc2.large", "number_of_nodes": 2})
    # 2 x 730 h x $0.25 = $365.00
    assert component_costs(dc2) == {"Cluster usage (on-demand, dc2.large)": Decimal("365.000")}
    ra3 = price_one(
        "aws_redshift_cluster", {"node_type": "ra3.4xlarge", "number_of_nodes": 2}, region="us-west-2"
    )
    # 2 x 730 h x $3.26 = $4,759.60; managed storage $0.024/GB-month depends on usage
    assert cents(ra3.monthly_after) == Decimal("4759.60")
    assert ra3.components[1].unit_price == Decimal("0.024")


def test_docdb_instances_and_usage_based_cluster():
    instance = price_one("aws_docdb_cluster_instance", {"instance_class": "db.r5.large"})
    # 730 h x $0.277 = $202.21
    assert cents(instance.monthly_after) == Decimal("202.21")
    small = price_one("aws_docdb_cluster_instance", {"instance_class": "db.t3.medium"})
    # 730 h x $0.078 = $56.94
    assert cents(small.monthly_after) == Decimal("56.94")
    cluster = price_one("aws_docdb_cluster", {"engine": "docdb"})
    assert [(c.unit_price, c.monthly_cost) for c in cluster.components] == [
        (Decimal("0.10"), None),
        (Decimal("0.0000002"), None),
        (Decimal("0.021"), None),
    ]


def test_efs_storage_by_usage_and_provisioned_throughput():
    bursting = price_one("aws_efs_file_system", {"throughput_mode": "bursting"})
    assert cents(bursting.monthly_after) == Decimal("0.00")
    assert bursting.components[0].unit_price == Decimal("0.30")
    provisioned = price_one(
        "aws_efs_file_system",
        {"throughput_mode": "provisioned", "provisioned_throughput_in_mibps": 10},
        region="us-east-2",
    )
    # 10 MiB/s x $6.00 = $60.00; storage $0.30/GB-month depends on usage
    assert cents(provisioned.monthly_after) == Decimal("60.00")
    ireland = price_one(
        "aws_efs_file_system",
        {"throughput_mode": "provisioned", "provisioned_throughput_in_mibps": 10},
        region="eu-west-1",
    )
    # eu-west-1 storage is $0.33/GB-month; its throughput price is not in the catalog: not priced, never $0
    assert ireland.components[0].unit_price == Decimal("0.33")
    assert "no price in the embedded catalog" in ireland.components[1].not_priced_reason
    one_zone = price_one("aws_efs_file_system", {"availability_zone_name": "us-east-1a"})
    assert (one_zone.components[0].name, one_zone.components[0].unit_price) == (
        "Storage (One Zone)",
        Decimal("0.16"),
    )


def test_fsx_windows_storage_and_throughput():
    single = price_one(
        "aws_fsx_windows_file_system",
        {"storage_capacity": 300, "throughput_capacity": 32, "deployment_type": "SINGLE_AZ_2"},
    )
    # 300 GB SSD x $0.13 = $39.00; 32 MB/s x $2.20 = $70.40
    assert cents(single.monthly_after) == Decimal("109.40")
    multi = price_one(
        "aws_fsx_windows_file_system",
        {
            "storage_capacity": 2000,
            "storage_type": "HDD",
            "throughput_capacity": 64,
            "deployment_type": "MULTI_AZ_1",
        },
    )
    # 2000 GB HDD x $0.025 = $50.00; 64 MB/s x $4.50 = $288.00
    assert cents(multi.monthly_after) == Decimal("338.00")
    assert multi.components[2].unit_price == Decimal("0.05")  # backups by usage


def test_fsx_lustre_storage_by_throughput_tier():
    persistent = price_one(
        "aws_fsx_lustre_file_system",
        {"storage_capacity": 2400, "deployment_type": "PERSISTENT_2", "per_unit_storage_throughput": 250},
    )
    # 2400 GB x $0.21 = $504.00 (throughput is included in the per-GB price)
    assert component_costs(persistent) == {"SSD storage (Persistent_2, 250 MB/s/TiB)": Decimal("504.00")}
    scratch = price_one(
        "aws_fsx_lustre_file_system", {"storage_capacity": 1200, "deployment_type": "SCRATCH_2"}
    )
    # 1200 GB x $0.14 = $168.00
    assert cents(scratch.monthly_after) == Decimal("168.00")
    default = price_one("aws_fsx_lustre_file_system", {"storage_capacity": 1200})
    assert default.reason == "Storage (SCRATCH_1, SSD): Lustre SCRATCH_1 SSD storage is not priced yet"


def test_missing_required_sizes_are_not_priced_not_errors():
    windows = price_one("aws_fsx_windows_file_system", {"deployment_type": "SINGLE_AZ_1"})
    assert [c.not_priced_reason for c in windows.components[:2]] == [
        "the configuration does not set it (storage_capacity)",
        "the configuration does not set it (throughput_capacity)",
    ]
    efs = price_one("aws_efs_file_system", {"throughput_mode": "provisioned"})
    assert (
        efs.components[1].not_priced_reason
        == "provisioned throughput mode needs it (provisioned_throughput_in_mibps)"
    )
