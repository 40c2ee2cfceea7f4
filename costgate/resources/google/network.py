"""Reserved IP addresses, Cloud NAT, forwarding rules and VPN tunnels (cloud.google.com/vpc/network-pricing).

These SKUs sit under the Cloud Billing service "Networking".
"""

from __future__ import annotations

from decimal import Decimal

from costgate.model import HOURS_PER_MONTH, CostComponent
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, hourly, usage

ASSIGNED_VMS = UsageKey("assigned_vms", "VMs", "VMs using the NAT gateway (billed up to 32)")
MONTHLY_DATA_PROCESSED_GB = UsageKey(
    "monthly_data_processed_gb",
    "GB",
    "Data processed by the NAT gateway per month",
)

SERVICE = "Networking"


def _address(side: Side) -> list[CostComponent]:
    if str(side.get("address_type") or "EXTERNAL").upper() == "INTERNAL":
        return []  # internal addresses are free
    # A reserved address is billed per hour whether or not a VM uses it; whether it will be in use
    # is not in the plan, so the reserved-but-unused rate is shown.
    return [
        hourly("IP address (static, unused rate)", gcp_query(side, SERVICE, "Network", "Static Ip Charge"))
    ]


def google_compute_address(side: Side) -> list[CostComponent]:
    return _address(side)


def google_compute_global_address(side: Side) -> list[CostComponent]:
    return _address(side)


def google_compute_router_nat(side: Side) -> list[CostComponent]:
    # The gateway is billed per VM using it (up to 32 VMs), which the plan cannot know.
    vms = side.usage(ASSIGNED_VMS)
    return [
        usage(
            "NAT gateway (per assigned VM)",
            "VM-hours",
            gcp_query(side, SERVICE, "Network", "NAT Gateway: Uptime charge"),
            ASSIGNED_VMS,
            quantity=None if vms is None else min(vms, Decimal(32)) * HOURS_PER_MONTH,
        ),
        usage(
            "Data processed",
            "GB",
            gcp_query(side, SERVICE, "Network", "NAT Gateway: Data processing charge"),
            MONTHLY_DATA_PROCESSED_GB,
            quantity=side.usage(MONTHLY_DATA_PROCESSED_GB),
        ),
    ]


def _forwarding_rule(side: Side) -> list[CostComponent]:
    # The first five rules of a project and region share a $0.025/h minimum; one rule is priced at it.
    return [
        hourly(
            "Forwarding rule",
            gcp_query(
                side, SERVICE, "Network", "Network Load Balancing: Forwarding Rule Minimum Service Charge"
            ),
        )
    ]


def google_compute_forwarding_rule(side: Side) -> list[CostComponent]:
    return _forwarding_rule(side)


def google_compute_global_forwarding_rule(side: Side) -> list[CostComponent]:
    return _forwarding_rule(side)


def google_compute_vpn_tunnel(side: Side) -> list[CostComponent]:
    return [hourly("VPN tunnel", gcp_query(side, SERVICE, "Network", "VPN Tunnel"))]


GOOGLE_COMPUTE_ADDRESS = CostModel("google_compute_address", google_compute_address)
GOOGLE_COMPUTE_GLOBAL_ADDRESS = CostModel("google_compute_global_address", google_compute_global_address)
GOOGLE_COMPUTE_ROUTER_NAT = CostModel(
    "google_compute_router_nat",
    google_compute_router_nat,
    usage_keys=(ASSIGNED_VMS, MONTHLY_DATA_PROCESSED_GB),
)
GOOGLE_COMPUTE_FORWARDING_RULE = CostModel("google_compute_forwarding_rule", google_compute_forwarding_rule)
GOOGLE_COMPUTE_GLOBAL_FORWARDING_RULE = CostModel(
    "google_compute_global_forwarding_rule", google_compute_global_forwarding_rule
)
GOOGLE_COMPUTE_VPN_TUNNEL = CostModel(
    "google_compute_vpn_tunnel",
    google_compute_vpn_tunnel,
    free_sub_types=(
        "google_compute_vpn_gateway",
        "google_compute_ha_vpn_gateway",
        "google_compute_external_vpn_gateway",
    ),
)
