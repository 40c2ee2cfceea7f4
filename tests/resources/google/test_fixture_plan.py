"""The GCP fixture plan end to end: every change priced, free or usage-based, with exact totals."""

import json
from decimal import Decimal

from tests.helpers import FIXTURES, cents, run_estimate


def test_compute_network_gke_fixture_plan():
    document = json.loads((FIXTURES / "plans" / "google" / "compute_network_gke.json").read_text())
    result = run_estimate(document)
    by_address = {r.address: r for r in result.resources}
    statuses = {r.address: r.status for r in result.resources}
    assert "not_priced" not in statuses.values()
    assert (
        statuses["google_compute_network.vpc"] == statuses["google_compute_region_autoscaler.web"] == "free"
    )
    assert statuses["google_compute_router_nat.nat"] == "usage_based"
    # node pool: location and zones come from the regional cluster: 1 node x 3 zones of n2-standard-4
    # (4 x $0.031611 + 16 x $0.004237) x 730 = $141.79228, less 20 % = $113.433824; x 3 + 3 x 100 GB x $0.10 = $370.301472
    pool = by_address["google_container_node_pool.general"]
    assert cents(pool.monthly_after) == Decimal("370.30")
    # autoscaling 1..3 per zone: 3..9 nodes
    assert cents(pool.monthly_at_maximum) == Decimal("1110.90")
    # the attached google_compute_disk is priced once, on the disk: 200 GB x $0.17 = $34.00
    assert by_address["google_compute_disk.data"].monthly_after == Decimal("34.00")
    # instance: $147.686592 + $79.181056 + 50 GB pd-balanced x $0.10 = $231.867648 (no attached-disk component)
    assert cents(by_address["google_compute_instance.api"].monthly_after) == Decimal("231.87")
    # group at the autoscaler minimum of 2: 2 x ((2 x $0.02181159 + 8 x $0.00292353) x 730 + 20 GB x $0.10)
    # = $101.8366732
    assert cents(by_address["google_compute_region_instance_group_manager.web"].monthly_after) == Decimal(
        "101.84"
    )
    # + cluster $73.00 + VPN $36.50 + forwarding rule $18.25 + address $7.30 = $873.0557832
    assert cents(result.monthly_after) == Decimal("873.06")
