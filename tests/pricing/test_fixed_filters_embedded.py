"""The filters fixed against the offer rows still find their embedded prices."""

from decimal import Decimal

from tests.helpers import component_costs, price_one


def test_io1_iops_keep_their_catalog_price_in_each_deployment():
    single = price_one(
        "aws_db_instance",
        {
            "instance_class": "db.t3.micro",
            "engine": "mysql",
            "allocated_storage": 100,
            "storage_type": "io1",
            "iops": 1000,
        },
    )
    multi = price_one(
        "aws_db_instance",
        {
            "instance_class": "db.t3.micro",
            "engine": "mysql",
            "allocated_storage": 100,
            "storage_type": "io1",
            "iops": 1000,
            "multi_az": True,
        },
    )
    # 1,000 IOPS x $0.10 = $100.00 Single-AZ; x $0.20 = $200.00 Multi-AZ (us-east-1)
    assert component_costs(single)["Provisioned IOPS (io1)"] == Decimal("100.00")
    assert component_costs(multi)["Provisioned IOPS (io1)"] == Decimal("200.00")


def test_an_ebs_snapshot_keeps_its_catalog_price_outside_virginia():
    snapshot = price_one("aws_ebs_snapshot", {"volume_size": 100}, region="eu-central-1")
    # 100 GB x $0.054 = $5.40 in eu-central-1
    assert component_costs(snapshot) == {"Snapshot storage": Decimal("5.400")}
