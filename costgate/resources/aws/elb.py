"""Load balancers: aws_lb / aws_alb (application, network, gateway) and aws_elb (classic).

Each charges per hour it runs, plus capacity units (LCU/NLCU/GLCU) or, for classic load
balancers, data processed, which depend on traffic. (https://aws.amazon.com/elasticloadbalancing/pricing/)
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, not_priced, usage

MONTHLY_LCU_HOURS = UsageKey(
    "monthly_lcu_hours",
    "LCU-hours",
    "Capacity unit-hours (LCU, NLCU or GLCU) per month: 730 x the average units in use",
)
MONTHLY_DATA_PROCESSED_GB = UsageKey(
    "monthly_data_processed_gb",
    "GB",
    "Data processed by the classic load balancer per month",
)

# load_balancer_type -> (Price List productFamily, label, capacity unit name)
KINDS = {
    "application": ("Load Balancer-Application", "Application load balancer", "Load balancer capacity units"),
    "network": ("Load Balancer-Network", "Network load balancer", "Network load balancer capacity units"),
    "gateway": ("Load Balancer-Gateway", "Gateway load balancer", "Gateway load balancer capacity units"),
}


def aws_lb(side: Side) -> list[CostComponent]:
    kind = side.setting("load_balancer_type", "application")
    if not isinstance(kind, str) or kind not in KINDS:
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
            MONTHLY_LCU_HOURS,
            quantity=side.usage(MONTHLY_LCU_HOURS),
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
            MONTHLY_DATA_PROCESSED_GB,
            quantity=side.usage(MONTHLY_DATA_PROCESSED_GB),
        ),
    ]


AWS_LB = CostModel(
    "aws_lb",
    aws_lb,
    usage_keys=(MONTHLY_LCU_HOURS,),
    free_sub_types=(
        "aws_lb_listener",
        "aws_lb_listener_rule",
        "aws_lb_target_group",
        "aws_lb_target_group_attachment",
        "aws_lb_listener_certificate",
    ),
)
AWS_ALB = CostModel(
    "aws_alb",
    aws_lb,
    usage_keys=(MONTHLY_LCU_HOURS,),
    free_sub_types=(
        "aws_alb_listener",
        "aws_alb_listener_rule",
        "aws_alb_target_group",
        "aws_alb_target_group_attachment",
    ),
)
AWS_ELB = CostModel(
    "aws_elb",
    aws_elb,
    usage_keys=(MONTHLY_DATA_PROCESSED_GB,),
    free_sub_types=(
        "aws_elb_attachment",
        "aws_lb_cookie_stickiness_policy",
        "aws_app_cookie_stickiness_policy",
        "aws_load_balancer_policy",
        "aws_load_balancer_listener_policy",
        "aws_load_balancer_backend_server_policy",
        "aws_proxy_protocol_policy",
    ),
)
