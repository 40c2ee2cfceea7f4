"""Exact figures for google_spanner_instance."""

from decimal import Decimal

from tests.helpers import change, component_costs, plan_document, price_one, run_estimate


def spanner(region: str = "us-central1", **after):
    return price_one("google_spanner_instance", {"display_name": "main", **after}, region=region)


def test_regional_nodes():
    instance = spanner(config="regional-us-central1", num_nodes=2)
    # 2 nodes x 730 h x $0.90 = $1,314.00; storage depends on usage ($0.30 per GB-month)
    assert component_costs(instance) == {"Compute capacity (regional)": Decimal("1314.000"), "Storage": None}
    storage = instance.components[1]
    assert storage.usage_based and storage.unit_price == Decimal("0.30")


def test_processing_units_are_thousandths_of_a_node():
    instance = spanner(config="regional-us-central1", processing_units=300)
    # 300 / 1000 = 0.3 node x 730 h x $0.90 = $197.10
    assert instance.monthly_after == Decimal("197.1000")


def test_region_comes_from_the_config_not_the_provider():
    # provider region europe-west1, instance config in us-central1: priced at us-central1's rate
    instance = spanner(region="europe-west1", config="regional-us-central1", num_nodes=1)
    # 1 node x 730 h x $0.90 = $657.00
    assert instance.monthly_after == Decimal("657.000")


def test_multi_region_and_other_editions_are_not_priced_with_a_reason():
    nam3 = spanner(config="nam3", num_nodes=1)
    assert nam3.components[0].name == "Compute capacity (nam3)"
    assert "no price in the embedded catalog" in nam3.components[0].not_priced_reason
    enterprise = spanner(config="regional-us-central1", num_nodes=1, edition="ENTERPRISE")
    assert enterprise.reason.endswith("Spanner edition 'ENTERPRISE' is not priced yet")


def test_region_of_a_regional_config_needs_no_provider_region():
    document = plan_document(
        change("google_spanner_instance", {"config": "regional-us-central1", "num_nodes": 1}),
        region=None,
        provider="google",
    )
    (instance,) = run_estimate(document).resources
    # 1 node x 730 h x $0.90 = $657.00
    assert (instance.region, instance.monthly_after) == ("us-central1", Decimal("657.000"))
