"""Hand-built plans and states for what the terraform fixture cannot show: states, version cut-offs."""

from datetime import date
from decimal import Decimal

from costgate.plan.context import PlanContext
from costgate.resources.aws.eks import extended_support
from costgate.resources.base import Side
from tests.helpers import cents, change, plan_document, price_one, run_estimate


def _state(root_module: dict) -> dict:
    return {
        "format_version": "0.1",
        "terraform_version": "0.12.31",
        "values": {"root_module": root_module},
        "configuration": plan_document(region="us-east-1")["configuration"],
    }


def _instance(address: str, instance_type: str, index=None, **extra) -> dict:
    resource = {
        "address": address,
        "mode": "managed",
        "type": "aws_instance",
        "name": "web",
        "provider_name": "aws",
        "values": {"instance_type": instance_type, "ebs_block_device": [], **extra},
    }
    if index is not None:
        resource["index"] = index
    return resource


def test_terraform_0_12_state_keeps_module_and_index_so_resources_stay_distinct():
    state = _state(
        {
            "resources": [
                _instance("aws_instance.web", "m5.large", index=0),
                _instance("aws_instance.web", "t3.medium", index=1),
            ],
            "child_modules": [
                {"address": "module.db", "resources": [_instance("aws_instance.web", "m5.xlarge", 0)]}
            ],
        }
    )
    result = run_estimate(state)
    assert {r.address: cents(r.monthly_after) for r in result.resources} == {
        "aws_instance.web[0]": Decimal("70.88"),  # 730 h x $0.096 = $70.08 + 8 GB gp2 x $0.10 = $0.80
        "aws_instance.web[1]": Decimal("31.17"),  # 730 h x $0.0416 = $30.368 + $0.80
        "module.db.aws_instance.web[0]": Decimal("140.96"),  # 730 h x $0.192 = $140.16 + $0.80
    }
    # $70.88 + $31.168 + $140.96 = $243.008
    assert cents(result.monthly_after) == Decimal("243.01")


def test_a_volume_listed_on_its_instance_in_a_state_is_priced_once():
    volume = {
        "address": "aws_ebs_volume.data",
        "mode": "managed",
        "type": "aws_ebs_volume",
        "name": "data",
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": {"id": "vol-0abc", "size": 200, "type": "gp2"},
    }
    device = {"device_name": "/dev/sdf", "volume_id": "vol-0abc", "volume_size": 200, "volume_type": "gp2"}
    other = {"device_name": "/dev/sdg", "volume_id": "vol-0def", "volume_size": 50, "volume_type": "gp2"}
    state = _state(
        {"resources": [_instance("aws_instance.db", "m5.large", ebs_block_device=[device, other]), volume]}
    )
    resources = {r.address: r for r in run_estimate(state).resources}
    # $70.08 + 8 GB root $0.80 + the unmanaged 50 GB x $0.10 = $5.00; the 200 GB volume is its own resource
    assert cents(resources["aws_instance.db"].monthly_after) == Decimal("75.88")
    assert cents(resources["aws_ebs_volume.data"].monthly_after) == Decimal("20.00")  # 200 GB x $0.10


def _cluster_side(after: dict) -> Side:
    document = plan_document(change("aws_eks_cluster", after))
    from costgate.plan.terraform import read_plan

    plan = read_plan(document, "plan.json")
    (cluster,) = plan.changes
    return Side(cluster, cluster.after or {}, {}, "us-east-1", PlanContext(plan.changes, {}))


def test_eks_extended_support_cut_offs():
    on = date(2025, 1, 1)
    assert extended_support(_cluster_side({"version": "1.28"}), on)  # standard support ended 2024-11-26
    assert not extended_support(_cluster_side({"version": "1.29"}), on)  # ends 2025-03-23
    assert extended_support(_cluster_side({"version": "1.29"}), date(2025, 3, 24))
    assert extended_support(_cluster_side({"version": "1.22"}), on)  # older than every listed version
    assert not extended_support(_cluster_side({"version": "1.40"}), on)  # newer than the calendar: standard
    # the 2026 calendar: 1.32 ended 2026-03-23, 1.34 ends 2026-12-02
    assert extended_support(_cluster_side({"version": "1.32"}), date(2026, 12, 1))
    assert not extended_support(_cluster_side({"version": "1.34"}), date(2026, 12, 2))
    assert extended_support(_cluster_side({"version": "1.34"}), date(2026, 12, 3))
    # upgrade_policy STANDARD: EKS upgrades the cluster rather than bill extended support
    assert not extended_support(
        _cluster_side({"version": "1.28", "upgrade_policy": [{"support_type": "STANDARD"}]}), on
    )


def test_eks_cluster_prices_extended_or_standard_support():
    # 730 h x $0.60 = $438.00 against 730 h x $0.10 = $73.00
    assert cents(price_one("aws_eks_cluster", {"version": "1.27"}).monthly_after) == Decimal("438.00")
    assert cents(
        price_one("aws_eks_cluster", {"version": "1.27"}, region="eu-west-1").monthly_after
    ) == Decimal("438.00")
    assert cents(price_one("aws_eks_cluster", {}).monthly_after) == Decimal("73.00")


def test_weighted_capacity_rounds_up_to_whole_instances():
    from tests.resources.aws.configured import estimate_linked, ref

    resources = estimate_linked(
        [
            change("aws_launch_template", {"instance_type": "m5.large"}, name="web"),
            change(
                "aws_autoscaling_group",
                {
                    "min_size": 3,
                    "max_size": 9,
                    "desired_capacity": 5,
                    "mixed_instances_policy": [
                        {
                            "launch_template": [
                                {"override": [{"instance_type": "m5.xlarge", "weighted_capacity": "4"}]}
                            ]
                        }
                    ],
                },
                name="web",
            ),
        ],
        {
            "aws_autoscaling_group.web": {
                "mixed_instances_policy": [
                    {
                        "launch_template": [
                            {
                                "launch_template_specification": [
                                    {
                                        "launch_template_id": ref(
                                            "aws_launch_template.web.id", "aws_launch_template.web"
                                        )
                                    }
                                ]
                            }
                        ]
                    }
                ]
            }
        },
    )
    group = resources["aws_autoscaling_group.web"]
    # 5 units / 4 per m5.xlarge -> 2 instances; min 3/4 -> 1; max 9/4 -> 3
    assert (group.capacity.current, group.capacity.minimum, group.capacity.maximum) == (2, 1, 3)
    # 2 x (730 h x $0.192 = $140.16 + 8 GB gp2 root $0.80) = $281.92
    assert cents(group.monthly_after) == Decimal("281.92")


def test_interface_endpoint_in_subnets_created_by_the_same_plan():
    from tests.resources.aws.configured import estimate_linked, ref

    subnets = [
        change("aws_subnet", {"cidr_block": f"10.0.{i}.0/24"}, name="private", index=i) for i in range(3)
    ]
    endpoint = change(
        "aws_vpc_endpoint",
        {"vpc_endpoint_type": "Interface", "service_name": "com.amazonaws.us-east-1.ssm"},
        name="ssm",
        after_unknown={"subnet_ids": True},
    )
    resources = estimate_linked(
        [*subnets, endpoint], {"aws_vpc_endpoint.ssm": {"subnet_ids": ref("aws_subnet.private")}}
    )
    # 3 subnets x 730 h x $0.01 = $21.90
    assert cents(resources["aws_vpc_endpoint.ssm"].monthly_after) == Decimal("21.90")


def _database_side(after: dict) -> Side:
    from costgate.plan.terraform import read_plan

    plan = read_plan(plan_document(change("aws_db_instance", after)), "plan.json")
    (database,) = plan.changes
    return Side(database, database.after or {}, {}, "us-east-1", PlanContext(plan.changes, {}))


def test_rds_extended_support_cut_offs():
    from costgate.resources.aws.rds import extended_support as rds_extended_support

    mysql80 = _database_side({"engine": "mysql", "engine_version": "8.0.39"})
    # RDS for MySQL 8.0 left standard support on 2026-07-31; the major version is 8.0, not 8
    assert rds_extended_support(mysql80, "mysql", date(2026, 7, 31)) == []
    (component,) = rds_extended_support(mysql80, "mysql", date(2026, 8, 1))
    assert (component.name, component.unit) == ("Extended support (mysql 8.0)", "vCPU-hours")
    assert "per vCPU-hour" in component.not_priced_reason
    postgres13 = _database_side({"engine": "postgres", "engine_version": "13.20"})
    assert rds_extended_support(postgres13, "postgres", date(2026, 2, 28)) == []
    assert len(rds_extended_support(postgres13, "postgres", date(2026, 3, 1))) == 1
    mysql84 = _database_side({"engine": "mysql", "engine_version": "8.4.3"})
    assert rds_extended_support(mysql84, "mysql", date(2026, 12, 1)) == []
