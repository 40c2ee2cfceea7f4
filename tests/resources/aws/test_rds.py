"""aws_db_instance: engines, licence models, deployments and storage types, with exact figures."""

from decimal import Decimal

from tests.helpers import cents, component_costs, model_components, price_one


def test_existing_mysql_single_and_multi_az_figures_hold_in_us_east_2():
    single = price_one(
        "aws_db_instance",
        {"engine": "mysql", "instance_class": "db.m5.large", "allocated_storage": 100},
        region="us-east-2",
    )
    # us-east-2 has us-east-1's prices: 730 h x $0.171 = $124.83; 100 GB gp2 x $0.115 = $11.50
    assert cents(single.monthly_after) == Decimal("136.33")
    multi = price_one(
        "aws_db_instance",
        {
            "engine": "mariadb",
            "instance_class": "db.r6g.large",
            "allocated_storage": 50,
            "multi_az": True,
            "storage_type": "gp2",
        },
    )
    # Multi-AZ doubles: 730 h x $0.43 = $313.90; 50 GB x $0.23 = $11.50
    assert component_costs(multi)["Database instance (on-demand, Multi-AZ, db.r6g.large)"] == Decimal(
        "313.90"
    )
    assert cents(multi.monthly_after) == Decimal("325.40")


def test_gp3_charges_only_iops_and_throughput_above_the_baseline():
    small = price_one(
        "aws_db_instance",
        {
            "engine": "postgres",
            "instance_class": "db.t4g.micro",
            "storage_type": "gp3",
            "allocated_storage": 100,
            "iops": 3000,
        },
    )
    # below 400 GB the baseline is 3,000 IOPS: 730 h x $0.016 = $11.68; 100 GB x $0.115 = $11.50; no extra IOPS
    assert component_costs(small) == {
        "Database instance (on-demand, Single-AZ, db.t4g.micro)": Decimal("11.680"),
        "Storage (General Purpose SSD, gp3)": Decimal("11.500"),
        "Backup storage beyond the free allowance": None,
    }
    large = price_one(
        "aws_db_instance",
        {
            "engine": "postgres",
            "instance_class": "db.m6g.large",
            "storage_type": "gp3",
            "allocated_storage": 500,
            "iops": 15000,
            "storage_throughput": 600,
        },
    )
    costs = component_costs(large)
    # from 400 GB the baseline is 12,000 IOPS and 500 MiB/s: 3,000 x $0.02 = $60.00; 100 MiB/s x $0.08 = $8.00
    assert costs["Provisioned IOPS above the gp3 baseline"] == Decimal("60.00")
    assert costs["Provisioned throughput above the gp3 baseline"] == Decimal("8.00")
    # 730 h x $0.159 = $116.07; 500 GB x $0.115 = $57.50; + $68.00 = $241.57
    assert cents(large.monthly_after) == Decimal("241.57")


def test_io2_and_magnetic_storage():
    io2 = price_one(
        "aws_db_instance",
        {
            "engine": "mysql",
            "instance_class": "db.r5.large",
            "storage_type": "io2",
            "allocated_storage": 100,
            "iops": 1000,
            "multi_az": True,
        },
    )
    # Multi-AZ: 730 h x $0.48 = $350.40; 100 GB x $0.25 = $25.00; 1,000 IOPS x $0.20 = $200.00
    assert cents(io2.monthly_after) == Decimal("575.40")
    magnetic = price_one(
        "aws_db_instance",
        {
            "engine": "mysql",
            "instance_class": "db.t3.micro",
            "storage_type": "standard",
            "allocated_storage": 50,
        },
    )
    # 730 h x $0.017 = $12.41; 50 GB x $0.10 = $5.00
    assert cents(magnetic.monthly_after) == Decimal("17.41")


def test_commercial_engines_query_edition_and_licence():
    sql_server = price_one(
        "aws_db_instance",
        {"engine": "sqlserver-se", "instance_class": "db.m5.large", "allocated_storage": 20},
    )
    instance = sql_server.components[0]
    # SQL Server is always licence-included; no list price in the embedded catalog: not priced with a hint, never $0
    assert instance.monthly_cost is None and "no price in the embedded catalog" in instance.not_priced_reason
    (declared, *_) = model_components(
        "aws_db_instance", {"engine": "sqlserver-se", "instance_class": "db.m5.large"}
    )
    assert declared.price_query.attribute("databaseEdition") == "Standard"
    assert declared.price_query.attribute("licenseModel") == "License included"
    (ee, *_) = model_components("aws_db_instance", {"engine": "oracle-ee", "instance_class": "db.r5.large"})
    # Oracle EE is offered only with your own licence
    assert (ee.price_query.attribute("databaseEngine"), ee.price_query.attribute("licenseModel")) == (
        "Oracle",
        "Bring your own license",
    )
    # storage is engine-independent: 20 GB gp2 x $0.115 = $2.30
    assert cents(sql_server.monthly_after) == Decimal("2.30")
    # Oracle SE2 (and SE, SE1) default to license-included when license_model is unset
    for engine, edition in (
        ("oracle-se2", "Standard Two"),
        ("oracle-se1", "Standard One"),
        ("oracle-se", "Standard"),
    ):
        (se, *_) = model_components("aws_db_instance", {"engine": engine, "instance_class": "db.m5.large"})
        assert (se.price_query.attribute("databaseEdition"), se.price_query.attribute("licenseModel")) == (
            edition,
            "License included",
        )


def test_unknown_engine_and_storage_type_are_not_priced():
    db = price_one(
        "aws_db_instance", {"engine": "db2-se", "instance_class": "db.m5.large", "storage_type": "gp9"}
    )
    reasons = [c.not_priced_reason for c in db.components[:2]]
    assert reasons == ["engine 'db2-se' is not priced yet", "RDS storage type 'gp9' is not priced yet"]


def test_backup_storage_from_usage_key():
    from costgate.resources.registry import USAGE_KEYS

    assert [k.name for k in USAGE_KEYS["aws_db_instance"]] == ["additional_backup_storage_gb"]
