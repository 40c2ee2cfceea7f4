"""EKS control plane and managed node groups (with their min/max range)."""

from decimal import Decimal

from tests.helpers import cents, change, component_costs, price_one
from tests.resources.aws.configured import estimate_linked, ref


def test_eks_cluster_control_plane_per_hour_in_two_regions():
    # 730 h x $0.10 = $73.00, the same in every region
    assert cents(price_one("aws_eks_cluster", {"name": "a"}).monthly_after) == Decimal("73.00")
    assert cents(
        price_one("aws_eks_cluster", {"name": "a"}, region="ap-southeast-1").monthly_after
    ) == Decimal("73.00")


def test_node_group_defaults_t3_medium_20_gb_and_range():
    group = price_one(
        "aws_eks_node_group", {"scaling_config": [{"desired_size": 2, "min_size": 1, "max_size": 5}]}
    )
    # 2 nodes x 730 h x $0.0416 = $60.736; 2 x 20 GB gp2 x $0.10 = $4.00; total $64.736
    assert component_costs(group) == {
        "Instance usage (Linux/UNIX, on-demand, t3.medium) (default)": Decimal("60.7360"),
        "Storage (General Purpose SSD, gp2) (default)": Decimal("4.00"),
    }
    # one node = $32.368: min 1 -> $32.368, max 5 -> $161.84
    assert cents(group.monthly_at_minimum) == Decimal("32.37")
    assert cents(group.monthly_at_maximum) == Decimal("161.84")


def test_node_group_instance_types_and_disk_size():
    group = price_one(
        "aws_eks_node_group",
        {
            "instance_types": ["m5.xlarge", "m5.2xlarge"],
            "disk_size": 100,
            "scaling_config": [{"desired_size": 3, "min_size": 3, "max_size": 3}],
        },
    )
    # first type: 3 x 730 h x $0.192 = $420.48; 3 x 100 GB x $0.10 = $30.00
    assert cents(group.monthly_after) == Decimal("450.48")


def test_node_group_from_launch_template_in_the_plan():
    resources = estimate_linked(
        [
            change("aws_launch_template", {"instance_type": "c5.large"}, name="nodes"),
            change(
                "aws_eks_node_group",
                {"scaling_config": [{"desired_size": 2, "min_size": 2, "max_size": 4}]},
                name="workers",
            ),
        ],
        {
            "aws_eks_node_group.workers": {
                "launch_template": [{"id": ref("aws_launch_template.nodes.id", "aws_launch_template.nodes")}]
            }
        },
    )
    group = resources["aws_eks_node_group.workers"]
    # 2 x 730 h x $0.085 = $124.10; the template maps no volume: 2 x 8 GB gp2 root x $0.10 = $1.60
    assert cents(group.monthly_after) == Decimal("125.70")
    # per node $62.85: max 4 -> $251.40
    assert cents(group.monthly_at_maximum) == Decimal("251.40")


def test_node_group_with_unknown_desired_size_is_not_priced():
    group = price_one(
        "aws_eks_node_group",
        {"scaling_config": [{"min_size": 1, "max_size": 3}]},
        after_unknown={"scaling_config": [{"desired_size": True}]},
    )
    assert group.status == "not_priced"
