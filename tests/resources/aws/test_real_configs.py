"""fixtures/plans/aws-configs: real `terraform plan` output (AWS provider 5.100.0), priced as a careful engineer would.

Unset optional attributes are "known after apply" in these plans; provider defaults are priced
and named "(default)", references are followed, and a resource whose main price is missing is
incomplete (its figure is a lower bound), never a full figure.
"""

import json
from decimal import Decimal

import pytest

from tests.helpers import FIXTURES, cents, component_costs, run_estimate

PLAN = FIXTURES / "plans" / "aws-configs" / "plan.json"

# Each figure as written from the pricing pages (us-east-1).
COMPLETE = {
    # 730 h x $0.0416 = $30.37 (t3.medium, default) + 20 GB gp2 x $0.10 = $2.00 (default)
    "aws_eks_node_group.defaults": "32.37",
    # db.t3.micro: 730 h x $0.018 = $13.14 + 20 GB gp2 (default) x $0.115 = $2.30
    "aws_db_instance.postgres": "15.44",
    # the template's m5.large: 730 h x $0.096 = $70.08 + its 50 GB gp3 x $0.08 = $4.00
    "aws_instance.from_template": "74.08",
    # count.index: each snapshot is its own volume's size, x $0.05/GB-month
    "aws_ebs_snapshot.data[0]": "5.00",  # 100 GB
    "aws_ebs_snapshot.data[1]": "15.00",  # 300 GB
    "aws_ebs_volume.data[0]": "8.00",  # 100 GB gp3 x $0.08
    "aws_ebs_volume.data[1]": "24.00",  # 300 GB gp3 x $0.08
    # aurora-postgresql as aws_db_instance: db.r6g.large 730 h x $0.26 = $189.80 (storage billed by the cluster)
    "aws_db_instance.aurora": "189.80",
    # Kubernetes 1.28 left standard support on 2024-11-26: 730 h x $0.60 = $438.00
    "aws_eks_cluster.old": "438.00",
    # desired 4 capacity units / weighted_capacity 2 = 2 x m5.xlarge: 2 x 730 h x $0.192 = $280.32
    # + 2 x 50 GB gp3 x $0.08 = $8.00
    "aws_autoscaling_group.mixed": "288.32",
    # 10 WCU x 730 h x $0.00065 = $4.745 + 10 RCU x 730 h x $0.00013 = $0.949, in us-east-1 and us-west-2;
    # eu-west-1: 10 x 730 x $0.000735 = $5.3655 + 10 x 730 x $0.000147 = $1.0731; total $17.8266
    "aws_dynamodb_table.global": "17.83",
    # VPN 730 h x $0.05 = $36.50 + its transit gateway attachment 730 h x $0.05 = $36.50
    "aws_vpn_connection.office": "73.00",
    # m5.large 730 h x $0.096 = $70.08 + 8 GB gp2 root x $0.10 = $0.80 (the attached volume is priced once, below)
    "aws_instance.db_host": "70.88",
    "aws_ebs_volume.db_data": "20.00",  # 200 GB gp2 x $0.10
}
# Priced, but a component that does not depend on usage has no embedded price: the figure is a lower bound.
INCOMPLETE = {
    "aws_db_instance.mssql": "23.00",  # Multi-AZ SQL Server SE licence; 100 GB Multi-AZ gp2 x $0.23
    "aws_db_instance.mssql_web": "2.30",  # SQL Server Web licence; 20 GB x $0.115
    "aws_db_instance.oracle": "11.50",  # Oracle SE2 licence-included; 100 GB x $0.115
    "aws_db_instance.mysql57": "136.33",  # MySQL 5.7 is in RDS extended support, billed per vCPU-hour
    # MySQL 8.0 left RDS standard support on 2026-07-31: extended support too, on top of
    # db.m5.large 730 h x $0.171 = $124.83 + 100 GB gp3 x $0.115 = $11.50
    "aws_db_instance.primary": "136.33",
    # the replica takes engine, version and storage from its source: the same, extended support included
    "aws_db_instance.replica": "136.33",
    "aws_opensearch_domain.c4": "5.40",  # c4.large.search hours; 2 x 20 GB gp2 x $0.135
}


@pytest.fixture(scope="module")
def resources():
    return {r.address: r for r in run_estimate(json.loads(PLAN.read_text())).resources}


@pytest.mark.parametrize("address", sorted(COMPLETE))
def test_complete_resources_price_to_the_hand_figure(resources, address):
    resource = resources[address]
    assert (resource.status, resource.incomplete) == ("priced", False)
    assert cents(resource.monthly_after) == Decimal(COMPLETE[address])


@pytest.mark.parametrize("address", sorted(INCOMPLETE))
def test_a_missing_main_price_makes_the_resource_incomplete(resources, address):
    resource = resources[address]
    assert (resource.status, resource.incomplete) == ("priced", True)
    assert cents(resource.monthly_after) == Decimal(INCOMPLETE[address])
    assert any(c.not_priced_reason and not c.usage_based for c in resource.components)


def test_defaults_are_named_and_unset_subnets_say_known_after_apply(resources):
    assert component_costs(resources["aws_eks_node_group.defaults"]) == {
        "Instance usage (Linux/UNIX, on-demand, t3.medium) (default)": Decimal("30.3680"),
        "Storage (General Purpose SSD, gp2) (default)": Decimal("2.00"),
    }
    assert "Storage (General Purpose SSD, gp2) (default)" in component_costs(
        resources["aws_db_instance.postgres"]
    )
    # an EFS file system with no availability_zone_name is Regional (Standard), not One Zone
    assert [c.name for c in resources["aws_efs_file_system.shared"].components] == [
        "Storage (Standard) (default)"
    ]
    # no launch_type and a cluster with no default capacity provider strategy: the EC2 launch type
    assert resources["aws_ecs_service.worker"].status == "free"
    endpoint = resources["aws_vpc_endpoint.ssm"]
    assert (endpoint.status, endpoint.components[0].not_priced_reason) == (
        "not_priced",
        "no subnet_ids are set: known after apply (subnet_ids)",
    )


def test_asg_range_counts_weighted_instances(resources):
    group = resources["aws_autoscaling_group.mixed"]
    # max 8 units / 2 = 4 instances x ($140.16 + $4.00) = $576.64
    assert (group.capacity.current, group.capacity.maximum) == (2, 4)
    assert cents(group.monthly_at_maximum) == Decimal("576.64")


@pytest.mark.parametrize(
    ("address", "figure"),
    [
        ("aws_instance.old", "243.89"),  # r3.xlarge 730 h x $0.333 = $243.09 + $0.80 root
        ("aws_instance.m3", "49.71"),  # m3.medium 730 h x $0.067 = $48.91 + $0.80
        ("aws_instance.c3", "77.45"),  # c3.large 730 h x $0.105 = $76.65 + $0.80
    ],
)
def test_previous_generation_ec2_from_the_generated_catalog(resources, address, figure):
    resource = resources[address]
    assert (resource.incomplete, cents(resource.monthly_after)) == (False, Decimal(figure))
