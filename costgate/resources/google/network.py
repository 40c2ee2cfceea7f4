"""Reserved IP addresses, Cloud NAT, forwarding rules and VPN tunnels (cloud.google.com/vpc/network-pricing).

These SKUs sit under the Cloud Billing service "Networking".
"""

from __future__ import annotations

from decimal import Decimal

from costgate.model import HOURS_PER_MONTH, CostComponent
from costgate.resources.base import Side, UsageKey, gcp_query, hourly, usage

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
    vms = side.usage("assigned_vms")
    return [
        usage(
            "NAT gateway (per assigned VM)",
            "VM-hours",
            gcp_query(side, SERVICE, "Network", "NAT Gateway: Uptime charge"),
            usage_key="assigned_vms",
            quantity=None if vms is None else min(vms, Decimal(32)) * HOURS_PER_MONTH,
        ),
        usage(
            "Data processed",
            "GB",
            gcp_query(side, SERVICE, "Network", "NAT Gateway: Data processing charge"),
            usage_key="monthly_data_processed_gb",
            quantity=side.usage("monthly_data_processed_gb"),
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


USAGE_KEYS = {
    "google_compute_router_nat": (
        UsageKey("assigned_vms", "VMs", "VMs using the NAT gateway (billed up to 32)"),
        UsageKey("monthly_data_processed_gb", "GB", "Data processed by the NAT gateway per month"),
    ),
}
