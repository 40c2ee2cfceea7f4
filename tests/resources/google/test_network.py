"""Reserved IPs, Cloud NAT, forwarding rules and VPN tunnels (us-central1 list prices)."""

from decimal import Decimal

from costgate.resources.registry import USAGE_KEYS
from tests.helpers import component_costs, price_one


def test_reserved_external_address_and_free_internal_address():
    # 730 h x $0.01 = $7.30
    assert price_one(
        "google_compute_address", {"region": "us-central1"}, region="us-central1"
    ).monthly_after == Decimal("7.30")
    assert price_one("google_compute_global_address", {}, region="us-east1").monthly_after == Decimal("7.30")
    internal = price_one("google_compute_address", {"address_type": "INTERNAL"}, region="us-central1")
    assert (internal.status, internal.components) == ("free", ())


def test_router_nat_is_usage_based_with_unit_prices():
    nat = price_one("google_compute_router_nat", {"region": "us-central1"}, region="us-central1")
    gateway, data = nat.components
    assert (gateway.usage_based, gateway.unit_price, gateway.monthly_cost) == (True, Decimal("0.0014"), None)
    assert (data.usage_based, data.unit_price) == (True, Decimal("0.045"))
    assert {key.name for key in USAGE_KEYS["google_compute_router_nat"]} == {
        "assigned_vms",
        "monthly_data_processed_gb",
    }


def test_forwarding_rules_and_vpn_tunnel():
    # 730 h x $0.025 = $18.25
    assert component_costs(price_one("google_compute_forwarding_rule", {}, region="us-central1")) == {
        "Forwarding rule": Decimal("18.250")
    }
    assert price_one("google_compute_global_forwarding_rule", {}, region="us-east1").monthly_after == Decimal(
        "18.250"
    )
    # 730 h x $0.05 = $36.50
    assert price_one(
        "google_compute_vpn_tunnel", {"region": "us-central1"}, region="us-central1"
    ).monthly_after == Decimal("36.50")
    # outside the US too, from the Cyclenerd table: 730 h x $0.075 = $54.75 in southamerica-east1
    assert price_one("google_compute_vpn_tunnel", {}, region="southamerica-east1").monthly_after == Decimal(
        "54.750"
    )
