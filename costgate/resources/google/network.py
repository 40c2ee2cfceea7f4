"""Reserved IP addresses, Cloud NAT, forwarding rules and VPN tunnels (cloud.google.com/vpc/network-pricing).

These SKUs sit under the Cloud Billing service "Networking".
"""

from __future__ import annotations

from decimal import Decimal

from costgate.model import HOURS_PER_MONTH, CostComponent
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, hourly, not_priced, usage

ASSIGNED_VMS = UsageKey("assigned_vms", "VMs", "VMs using the NAT gateway (billed up to 32)")
MONTHLY_DATA_PROCESSED_GB = UsageKey(
    "monthly_data_processed_gb",
    "GB",
    "Data processed by the NAT gateway per month",
)

SERVICE = "Networking"


# Where a plan uses a reserved address: (resource type, attribute that names it).
ADDRESS_USERS_ON_VMS = (
    ("google_compute_instance", "network_interface.access_config.nat_ip"),
    ("google_compute_instance_template", "network_interface.access_config.nat_ip"),
)
ADDRESS_USERS_OTHER = (
    ("google_compute_forwarding_rule", "ip_address"),
    ("google_compute_global_forwarding_rule", "ip_address"),
    ("google_compute_router_nat", "nat_ips"),
)


def _address(side: Side) -> list[CostComponent]:
    """A reserved external address: the in-use rate when a VM of this plan uses it, the unused rate
    when nothing in the plan refers to it (cloud.google.com/vpc/network-pricing#ipaddress).

    An address that a forwarding rule or Cloud NAT uses is not priced: the rate for those uses
    is not in the pinned tables.
    """
    if str(side.get("address_type") or "EXTERNAL").upper() == "INTERNAL":
        return []  # internal addresses are free
    if any(side.referring(kind, attribute) for kind, attribute in ADDRESS_USERS_ON_VMS):
        return [
            hourly(
                "IP address (static, in use by a VM)",
                gcp_query(side, SERVICE, "Network", "External IP Charge on a Standard VM"),
            )
        ]
    for kind, attribute in ADDRESS_USERS_OTHER:
        if side.referring(kind, attribute):
            return [
                not_priced(
                    f"IP address (static, in use by a {kind})",
                    "hours",
                    f"the rate of an address in use by a {kind} is not priced yet",
                )
            ]
    return [hourly("IP address (static, unused)", gcp_query(side, SERVICE, "Network", "Static Ip Charge"))]


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


_ADDRESS_USERS = tuple(kind for kind, _ in ADDRESS_USERS_ON_VMS + ADDRESS_USERS_OTHER)
GOOGLE_COMPUTE_ADDRESS = CostModel("google_compute_address", google_compute_address, follows=_ADDRESS_USERS)
GOOGLE_COMPUTE_GLOBAL_ADDRESS = CostModel(
    "google_compute_global_address", google_compute_global_address, follows=_ADDRESS_USERS
)
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
