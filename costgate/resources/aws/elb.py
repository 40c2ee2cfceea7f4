"""Load balancers: aws_lb / aws_alb (application, network, gateway) and aws_elb (classic).

Each charges per hour it runs, plus capacity units (LCU/NLCU/GLCU) or, for classic load
balancers, data processed, which depend on traffic. (https://aws.amazon.com/elasticloadbalancing/pricing/)
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, hourly, not_priced, usage

# load_balancer_type -> (Price List productFamily, label, capacity unit name)
KINDS = {
    "application": ("Load Balancer-Application", "Application load balancer", "Load balancer capacity units"),
    "network": ("Load Balancer-Network", "Network load balancer", "Network load balancer capacity units"),
    "gateway": ("Load Balancer-Gateway", "Gateway load balancer", "Gateway load balancer capacity units"),
}


def aws_lb(side: Side) -> list[CostComponent]:
    kind = side.setting("load_balancer_type", "application")
    if kind not in KINDS:
        return [not_priced("Load balancer", "hours", f"unknown load balancer type {kind!r}")]
    family, label, capacity = KINDS[kind]
    return [
        hourly(
            label, aws_query(side, "AWSELB", family, usagetype=usage_type(side.region, "LoadBalancerUsage"))
        ),
        usage(
            capacity,
            "LCU-hours",
            aws_query(side, "AWSELB", family, usagetype=usage_type(side.region, "LCUUsage")),
            usage_key="monthly_lcu_hours",
            quantity=side.usage("monthly_lcu_hours"),
        ),
    ]


def aws_elb(side: Side) -> list[CostComponent]:
    family = "Load Balancer"
    return [
        hourly(
            "Classic load balancer",
            aws_query(side, "AWSELB", family, usagetype=usage_type(side.region, "LoadBalancerUsage")),
        ),
        usage(
            "Data processed",
            "GB",
            aws_query(side, "AWSELB", family, usagetype=usage_type(side.region, "DataProcessing-Bytes")),
            usage_key="monthly_data_processed_gb",
            quantity=side.usage("monthly_data_processed_gb"),
        ),
    ]


_LCU = UsageKey(
    "monthly_lcu_hours",
    "LCU-hours",
    "Capacity unit-hours (LCU, NLCU or GLCU) per month: 730 x the average units in use",
)
USAGE_KEYS = {
    "aws_lb": (_LCU,),
    "aws_alb": (_LCU,),
    "aws_elb": (
        UsageKey("monthly_data_processed_gb", "GB", "Data processed by the classic load balancer per month"),
    ),
}
