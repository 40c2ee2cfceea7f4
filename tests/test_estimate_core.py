"""Exact figures for the core resources, priced from the embedded catalog."""

from decimal import Decimal

from tests.helpers import cents, change, component_costs, plan_document, price_one, run_estimate


def test_ebs_gp3_charges_only_iops_and_throughput_above_the_baseline():
    volume = price_one("aws_ebs_volume", {"type": "gp3", "size": 500, "iops": 6000, "throughput": 250})
    costs = component_costs(volume)
    # 500 GB x $0.08 = $40.00; (6000 - 3000) IOPS x $0.005 = $15.00; (250 - 125) MiB/s x $0.04 = $5.00
    assert costs == {
        "Storage (General Purpose SSD, gp3)": Decimal("40.00"),
        "Storage: provisioned IOPS above 3,000 (gp3)": Decimal("15.000"),
        "Storage: provisioned throughput above 125 MiB/s (gp3)": Decimal("5.00"),
    }
    assert cents(volume.monthly_after) == Decimal("60.00")


def test_ebs_gp3_at_baseline_has_no_extra_components():
    volume = price_one("aws_ebs_volume", {"type": "gp3", "size": 100, "iops": 3000, "throughput": 125})
    # 100 GB x $0.08 = $8.00
    assert component_costs(volume) == {"Storage (General Purpose SSD, gp3)": Decimal("8.00")}


def test_ebs_io2_and_io1_charge_every_provisioned_iops():
    io2 = price_one("aws_ebs_volume", {"type": "io2", "size": 100, "iops": 10000})
    # 100 GB x $0.125 = $12.50; 10,000 IOPS x $0.065 = $650.00
    assert cents(io2.monthly_after) == Decimal("662.50")
    io1 = price_one("aws_ebs_volume", {"type": "io1", "size": 1000, "iops": 2000}, region="eu-west-1")
    # eu-west-1: 1000 GB x $0.138 = $138.00; 2000 IOPS x $0.072 = $144.00
    assert cents(io1.monthly_after) == Decimal("282.00")


def test_ebs_hdd_and_magnetic_volumes():
    # st1: 2000 GB x $0.045 = $90.00; sc1: 2000 GB x $0.015 = $30.00
    assert cents(price_one("aws_ebs_volume", {"type": "st1", "size": 2000}).monthly_after) == Decimal("90.00")
    assert cents(price_one("aws_ebs_volume", {"type": "sc1", "size": 2000}).monthly_after) == Decimal("30.00")
    standard = price_one("aws_ebs_volume", {"type": "standard", "size": 100})
    # 100 GB x $0.05 = $5.00, and I/O requests depend on usage (listed with their unit price, not $0)
    assert cents(standard.monthly_after) == Decimal("5.00")
    io_requests = standard.components[1]
    assert io_requests.usage_based and io_requests.monthly_cost is None
    assert io_requests.unit_price == Decimal("0.00000005")


def test_ebs_unknown_volume_type_is_not_priced():
    volume = price_one("aws_ebs_volume", {"type": "gp9", "size": 10})
    assert (volume.status, volume.reason) == ("not_priced", "Storage (gp9): unknown EBS volume type 'gp9'")


def test_instance_with_extra_block_devices_and_dedicated_tenancy_missing_price():
    instance = price_one(
        "aws_instance",
        {
            "instance_type": "t3.large",
            "root_block_device": [{"volume_size": 50, "volume_type": "gp3"}],
            "ebs_block_device": [{"device_name": "/dev/sdf", "volume_size": 100, "volume_type": "gp2"}],
        },
    )
    # 730 h x $0.0832 = $60.736; root 50 GB gp3 x $0.08 = $4.00; /dev/sdf 100 GB gp2 x $0.10 = $10.00
    assert cents(instance.monthly_after) == Decimal("74.74")
    assert component_costs(instance)["Block device /dev/sdf (General Purpose SSD, gp2)"] == Decimal("10.00")
    dedicated = price_one(
        "aws_instance", {"instance_type": "m5.large", "tenancy": "dedicated"}, region="us-east-1"
    )
    instance_usage = dedicated.components[0]
    # not in the catalog: not priced with a hint, never $0
    assert instance_usage.monthly_cost is None
    assert "no price in the embedded catalog" in instance_usage.not_priced_reason
    assert "try --pricing live" in instance_usage.not_priced_reason


def test_spot_instance_is_not_priced_offline():
    spot = price_one(
        "aws_instance", {"instance_type": "m5.large", "instance_market_options": [{"market_type": "spot"}]}
    )
    assert (
        spot.components[0].not_priced_reason == "spot prices change hourly and are not in the offline catalog"
    )


def test_db_instance_single_and_multi_az():
    single = price_one(
        "aws_db_instance",
        {"engine": "mysql", "instance_class": "db.m5.large", "allocated_storage": 100, "multi_az": False},
    )
    # 730 h x $0.171 = $124.83; 100 GB gp2 x $0.115 = $11.50
    assert cents(single.monthly_after) == Decimal("136.33")
    multi = price_one(
        "aws_db_instance",
        {"engine": "mysql", "instance_class": "db.m5.large", "allocated_storage": 100, "multi_az": True},
    )
    # Multi-AZ doubles both: 730 h x $0.342 = $249.66; 100 GB x $0.23 = $23.00
    assert cents(multi.monthly_after) == Decimal("272.66")


def test_db_instance_defaults_and_provisioned_iops():
    default_storage = price_one("aws_db_instance", {"engine": "postgres", "instance_class": "db.t3.micro"})
    # 730 h x $0.018 = $13.14; unset storage is 20 GB gp2: 20 x $0.115 = $2.30
    assert cents(default_storage.monthly_after) == Decimal("15.44")
    io1 = price_one(
        "aws_db_instance",
        {"engine": "postgres", "instance_class": "db.m5.large", "allocated_storage": 200, "iops": 3000},
    )
    # iops without storage_type means io1: 730 x $0.178 = $129.94; 200 GB x $0.125 = $25.00; 3000 x $0.10 = $300.00
    assert cents(io1.monthly_after) == Decimal("454.94")
    backups = io1.components[-1]
    assert backups.usage_based and backups.unit_price == Decimal("0.095")


def test_nat_gateway_hours_and_usage_based_data():
    nat = price_one("aws_nat_gateway", {"connectivity_type": "public"}, region="eu-west-1")
    # eu-west-1: 730 h x $0.048 = $35.04
    assert cents(nat.monthly_after) == Decimal("35.04")
    data = nat.components[1]
    assert (data.name, data.unit_price, data.monthly_cost) == ("Data processed", Decimal("0.048"), None)


def test_outcomes_free_unsupported_and_usage_based_are_counted_once():
    result = run_estimate(
        plan_document(
            change("aws_iam_role", {"name": "ci"}),
            change("random_id", {"byte_length": 4}, provider="random"),
            change("aws_transfer_server", {"protocols": ["SFTP"]}),
            change("aws_ebs_volume", {"type": "gp2", "size": 10}),
        )
    )
    statuses = {r.address: (r.status, r.reason) for r in result.resources}
    assert statuses == {
        "aws_iam_role.this": ("free", ""),
        "random_id.this": ("free", "no cloud charge of its own"),
        "aws_transfer_server.this": ("not_priced", "unsupported resource type aws_transfer_server"),
        "aws_ebs_volume.this": ("priced", ""),
    }
    assert (result.count("free"), result.count("not_priced"), result.count("priced")) == (2, 1, 1)


def test_each_distinct_price_is_looked_up_once():
    from costgate.estimate.pricer import Pricer
    from costgate.model import ProjectPlan
    from costgate.plan.terraform import read_plan
    from costgate.pricing.catalog import EmbeddedCatalog
    from costgate.pricing.source import PriceChain

    class CountingCatalog(EmbeddedCatalog):
        calls = 0

        def lookup(self, query):
            CountingCatalog.calls += 1
            return super().lookup(query)

    document = plan_document(
        *[change("aws_ebs_volume", {"type": "gp2", "size": 10}, name=f"v{i}") for i in range(50)]
    )
    result = Pricer(PriceChain([CountingCatalog()])).estimate(
        [ProjectPlan("p", "p.json", read_plan(document, "p.json"))]
    )
    # 50 volumes x 10 GB x $0.10 = $50.00, from one look-up
    assert (result.monthly_after, CountingCatalog.calls) == (Decimal("50.00"), 1)


def test_ebs_snapshot_and_snapshot_copy_are_priced_at_the_volume_size():
    snapshot = price_one("aws_ebs_snapshot", {"volume_size": 200})
    # 200 GB x $0.05 = $10.00 (an upper bound: a snapshot stores at most the volume's blocks)
    assert component_costs(snapshot) == {"Snapshot storage": Decimal("10.00")}
    copy = price_one("aws_ebs_snapshot_copy", {"volume_size": 50}, region="eu-west-1")
    # 50 GB x $0.05 = $2.50
    assert cents(copy.monthly_after) == Decimal("2.50")
    unknown = price_one("aws_ebs_snapshot_copy", {}, after_unknown={"volume_size": True})
    assert (unknown.status, unknown.reason) == (
        "not_priced",
        "Snapshot storage: depends on a value known only after apply (volume_size)",
    )


def test_reprice_uses_the_plans_context_and_the_usage_file():
    from costgate.estimate.pricer import Pricer
    from costgate.estimate.reprice import Repriced
    from costgate.estimate.usage import UsageFile
    from costgate.model import ProjectPlan
    from costgate.plan.terraform import read_plan
    from costgate.pricing.setup import price_chain

    document = plan_document(
        change(
            "aws_instance",
            {"instance_type": "t3.medium", "root_block_device": [{"volume_size": 8}]},
            name="web",
        )
    )
    plan = read_plan(document, "plan.json")
    usage = UsageFile("usage.yml", by_address={"aws_instance.web": {"monthly_cpu_credit_hrs": Decimal(1000)}})
    pricer = Pricer(price_chain("embedded"), usage)
    (web,) = pricer.estimate([ProjectPlan("plan", "plan.json", plan)]).resources
    # 730 h x $0.0416 = $30.368 + 1000 credit h x $0.05 = $50.00 + 8 GB gp2 x $0.10 = $0.80
    assert web.monthly_after == Decimal("81.1680")
    (change_,) = plan.changes
    # the same, with the root volume at 8 GB gp3 x $0.08 = $0.64
    assert pricer.reprice(change_, plan, {"root_block_device.0.volume_type": "gp3"}) == Repriced(
        Decimal("81.0080")
    )
    unpriced = pricer.reprice(change_, plan, {"instance_type": "t3.galactic"})
    assert unpriced.monthly is None and unpriced.reason.startswith("Instance usage")
