"""aws_autoscaling_group priced from the launch template / configuration in the same plan."""

from decimal import Decimal

from tests.helpers import cents, change, component_costs, price_one
from tests.resources.aws.configured import estimate_linked, ref

TEMPLATE_REF = {"launch_template": [{"id": ref("aws_launch_template.web.id", "aws_launch_template.web")}]}


def test_group_with_launch_template_desired_capacity_and_range():
    resources = estimate_linked(
        [
            change(
                "aws_launch_template",
                {
                    "instance_type": "m5.large",
                    "monitoring": [{"enabled": True}],
                    "block_device_mappings": [
                        {"device_name": "/dev/xvda", "ebs": [{"volume_size": 30, "volume_type": "gp3"}]}
                    ],
                },
                name="web",
            ),
            change(
                "aws_autoscaling_group", {"desired_capacity": 3, "min_size": 2, "max_size": 10}, name="web"
            ),
        ],
        {"aws_autoscaling_group.web": TEMPLATE_REF},
    )
    group = resources["aws_autoscaling_group.web"]
    # per instance: 730 h x $0.096 = $70.08; 7 metrics x $0.30 = $2.10; 30 GB gp3 x $0.08 = $2.40 -> $74.58
    # 3 instances: $223.74; min 2: $149.16; max 10: $745.80
    assert component_costs(group) == {
        "Instance usage (Linux/UNIX, on-demand, m5.large)": Decimal("210.240"),
        "EC2 detailed monitoring": Decimal("6.30"),
        "Block device /dev/xvda (General Purpose SSD, gp3)": Decimal("7.20"),
    }
    assert cents(group.monthly_after) == Decimal("223.74")
    assert cents(group.monthly_at_minimum) == Decimal("149.16")
    assert cents(group.monthly_at_maximum) == Decimal("745.80")
    # the template itself is free: its cost is in the group
    assert resources["aws_launch_template.web"].status == "free"


def test_group_without_desired_capacity_prices_min_size_from_launch_configuration():
    resources = estimate_linked(
        [
            change(
                "aws_launch_configuration",
                {"instance_type": "c5.large", "root_block_device": [{"volume_size": 20}]},
                name="web",
            ),
            change("aws_autoscaling_group", {"min_size": 2, "max_size": 4}, name="web"),
        ],
        {
            "aws_autoscaling_group.web": {
                "launch_configuration": ref(
                    "aws_launch_configuration.web.name", "aws_launch_configuration.web"
                )
            }
        },
    )
    group = resources["aws_autoscaling_group.web"]
    # launch configurations enable detailed monitoring by default.
    # per instance: 730 h x $0.085 = $62.05; 7 metrics x $0.30 = $2.10; 20 GB gp2 x $0.10 = $2.00 -> $66.15
    # min 2: $132.30; max 4: $264.60
    assert cents(group.monthly_after) == Decimal("132.30")
    assert cents(group.monthly_at_maximum) == Decimal("264.60")
    assert group.capacity.attribute == "min_size"


def test_mixed_instances_policy_override_type():
    resources = estimate_linked(
        [
            change("aws_launch_template", {"instance_type": "m5.large"}, name="web"),
            change(
                "aws_autoscaling_group",
                {
                    "desired_capacity": 1,
                    "min_size": 1,
                    "max_size": 1,
                    "mixed_instances_policy": [
                        {"launch_template": [{"override": [{"instance_type": "r5.large"}]}]}
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
                                    {"launch_template_id": ref("aws_launch_template.web.id")}
                                ]
                            }
                        ]
                    }
                ]
            }
        },
    )
    # 730 h x $0.126 (r5.large) = $91.98 + 8 GB gp2 root x $0.10 = $0.80
    assert cents(resources["aws_autoscaling_group.web"].monthly_after) == Decimal("92.78")


def test_group_whose_template_is_not_in_the_plan_is_not_priced():
    group = price_one("aws_autoscaling_group", {"desired_capacity": 2, "min_size": 1, "max_size": 3})
    assert group.reason == "Instance usage: its launch template or launch configuration is not in this plan"


def test_desired_capacity_computed_by_the_provider_prices_min_size():
    resources = estimate_linked(
        [
            change(
                "aws_launch_template",
                {"instance_type": "t3.micro", "credit_specification": [{"cpu_credits": "standard"}]},
                name="web",
            ),
            change(
                "aws_autoscaling_group",
                {"min_size": 2, "max_size": 3},
                name="web",
                after_unknown={"desired_capacity": True},
            ),
        ],
        {"aws_autoscaling_group.web": TEMPLATE_REF},
    )
    group = resources["aws_autoscaling_group.web"]
    # per instance: 730 h x $0.0104 = $7.592 + 8 GB gp2 root x $0.10 = $0.80 -> $8.392; 2 at min_size: $16.784; max 3: $25.176
    assert group.monthly_after == Decimal("16.784")
    assert group.monthly_at_maximum == Decimal("25.176")
