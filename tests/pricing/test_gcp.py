"""The live GCP Cloud Billing Catalog source, against `responses` (no network)."""

from __future__ import annotations

import json
from contextlib import closing
from decimal import Decimal

import pytest
import responses

from costgate.model import PriceQuery
from costgate.pricing.gcp import GCP_SOURCE, GcpBillingCatalog, index_skus
from costgate.pricing.source import PricingUnavailable
from tests.standin import Reply, StandIn

BASE = "https://cloudbilling.test/v1"
COMPUTE = f"{BASE}/services/6F81-5844-456A/skus"
STORAGE = f"{BASE}/services/95FF-2EF5-5EA1/skus"


def sku(
    sku_id, description, family, group, usage_type, regions, unit, rates, effective="2026-10-01T08:00:00.000Z"
):
    return {
        "name": f"services/6F81-5844-456A/skus/{sku_id}",
        "skuId": sku_id,
        "description": description,
        "category": {
            "serviceDisplayName": "Compute Engine",
            "resourceFamily": family,
            "resourceGroup": group,
            "usageType": usage_type,
        },
        "serviceRegions": regions,
        "pricingInfo": [
            {
                "summary": "",
                "pricingExpression": {
                    "usageUnit": unit,
                    "displayQuantity": 1,
                    "tieredRates": [
                        {
                            "startUsageAmount": start,
                            "unitPrice": {"currencyCode": "USD", "units": units, "nanos": nanos},
                        }
                        for start, units, nanos in rates
                    ],
                },
                "currencyConversionRate": 1,
                "effectiveTime": effective,
            }
        ],
        "serviceProviderName": "Google",
        "geoTaxonomy": {"type": "REGIONAL", "regions": regions},
    }


N2_CORE = sku(
    "0048-21CE-74C3",
    "N2 Instance Core running in Americas",
    "Compute",
    "CPU",
    "OnDemand",
    ["us-central1", "us-east1"],
    "h",
    [(0, "0", 31611000)],
)
N2_CORE_PREEMPTIBLE = sku(
    "0048-21CE-74C4",
    "Preemptible N2 Instance Core running in Americas",
    "Compute",
    "CPU",
    "Preemptible",
    ["us-central1"],
    "h",
    [(0, "0", 6980000)],
)
N2_RAM = sku(
    "0048-21CE-74C5",
    "N2 Instance Ram running in Americas",
    "Compute",
    "RAM",
    "OnDemand",
    ["us-central1"],
    "GiBy.h",
    [(0, "0", 4237000)],
)
EGRESS = sku(
    "9DE9-9092-B3BC",
    "Network Internet Egress from Americas to Americas",
    "Network",
    "PremiumInternetEgress",
    "OnDemand",
    ["us-central1"],
    "GiBy",
    [(0, "0", 0), (1, "0", 120000000), (1024, "0", 110000000)],
)
STANDARD_STORAGE = sku(
    "E5F0-6A48-F9C1",
    "Standard Storage US Regional",
    "Storage",
    "RegionalStorage",
    "OnDemand",
    ["us-central1"],
    "TiBy.mo",
    [(0, "20", 480000000)],
)


def query(
    description, family="Compute", usage_type="OnDemand", region="us-central1", service="Compute Engine"
):
    return PriceQuery.of("google", service, region, family, description=description, usageType=usage_type)


def catalog(sleeps=None, **kwargs) -> GcpBillingCatalog:
    return GcpBillingCatalog(
        "test-key", BASE, sleep=(sleeps.append if sleeps is not None else lambda s: None), **kwargs
    )


@responses.activate
def test_two_pages_are_read_once_and_indexed():
    responses.get(
        COMPUTE,
        json={"skus": [N2_CORE, N2_CORE_PREEMPTIBLE], "nextPageToken": "page2"},
        match=[
            responses.matchers.query_param_matcher(
                {"key": "test-key", "currencyCode": "USD", "pageSize": "5000"}
            )
        ],
    )
    responses.get(
        COMPUTE,
        json={"skus": [N2_RAM]},
        match=[
            responses.matchers.query_param_matcher(
                {"key": "test-key", "currencyCode": "USD", "pageSize": "5000", "pageToken": "page2"}
            )
        ],
    )
    source = catalog()
    core = source.lookup(query("N2 Instance Core"))
    assert (core.amount, core.unit, core.source, core.as_of) == (
        Decimal("0.031611"),
        "h",
        GCP_SOURCE,
        "2026-10-01",
    )
    assert source.lookup(query("Preemptible N2 Instance Core", usage_type="Preemptible")).amount == Decimal(
        "0.00698"
    )
    assert source.lookup(query("N2 Instance Ram")).amount == Decimal("0.004237")
    assert source.lookup(query("N2 Instance Core", region="us-east1")).amount == Decimal("0.031611")
    assert source.lookup(query("N2 Instance Core", region="europe-west1")) is None
    assert source.lookup(query("N9 Instance Core")) is None
    assert len(responses.calls) == 2  # one service list, read once for every look-up


@responses.activate
def test_tiered_rates_and_unit_conversion():
    responses.get(COMPUTE, json={"skus": [EGRESS]})
    responses.get(STORAGE, json={"skus": [STANDARD_STORAGE]})
    source = catalog()
    egress = source.lookup(query("Network Internet Egress from Americas to Americas", family="Network"))
    assert egress.tiers == ((0, 0), (1, Decimal("0.12")), (1024, Decimal("0.11")))
    # first GiB free, then 1,023 GiB x $0.12 + 476 GiB x $0.11 = $122.76 + $52.36 = $175.12
    assert egress.cost(Decimal(1500)) == Decimal("175.12")
    storage = source.lookup(query("Standard Storage US Regional", family="Storage", service="Cloud Storage"))
    # $20.48 per TiB-month = $0.02 per GiB-month
    assert (storage.amount, storage.unit) == (Decimal("0.02"), "GiBy.mo")


@responses.activate
def test_bad_key_gives_one_clear_message_without_the_key():
    responses.get(
        COMPUTE,
        status=403,
        json={"error": {"code": 403, "message": "API key not valid. Please pass a valid API key."}},
    )
    source = catalog()
    with pytest.raises(PricingUnavailable, match=r"rejected GOOGLE_API_KEY \(HTTP 403\)") as raised:
        source.lookup(query("N2 Instance Core"))
    assert "test-key" not in str(raised.value)
    with pytest.raises(PricingUnavailable):
        source.lookup(query("N2 Instance Ram"))
    assert len(responses.calls) == 1


def test_server_error_then_success_is_retried(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    sleeps: list[float] = []
    with closing(StandIn(Reply(500), Reply(429), Reply(200, {"skus": [N2_CORE]}))) as api:
        source = GcpBillingCatalog("test-key", api.url + "/v1", sleep=sleeps.append)
        assert source.lookup(query("N2 Instance Core")).amount == Decimal("0.031611")
    assert sleeps == [0.5, 1.0]
    assert len(api.seen) == 3 and all("key=test-key" in seen.path for seen in api.seen)


def test_a_failed_read_is_not_repeated_in_the_same_run(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    sleeps: list[float] = []
    with closing(StandIn(Reply(503))) as api:
        source = GcpBillingCatalog("test-key", api.url + "/v1", sleep=sleeps.append, max_attempts=3)
        with pytest.raises(PricingUnavailable) as first:
            source.lookup(query("N2 Instance Core"))
        with pytest.raises(PricingUnavailable) as second:
            source.lookup(query("N2 Instance Ram"))
    assert (
        str(first.value)
        == str(second.value)
        == "GCP billing catalog still answering HTTP 503 after 3 attempts"
    )
    assert len(api.seen) == 3 and sleeps == [0.5, 1.0]


def test_an_unreachable_catalog_is_tried_a_bounded_number_of_times(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with closing(StandIn()) as api:
        url = api.url + "/v1"  # closed: nothing listens there any more
    sleeps: list[float] = []
    with pytest.raises(PricingUnavailable) as raised:
        GcpBillingCatalog("test-key", url, sleep=sleeps.append, max_attempts=3).lookup(
            query("N2 Instance Core")
        )
    assert str(raised.value) == "GCP billing catalog unreachable after 3 attempts (ConnectionError)"
    assert sleeps == [0.5, 1.0]


@responses.activate
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            "<html><body>Service Unavailable</body></html>",
            "the GCP billing catalog answered something that is not JSON",
        ),
        (json.dumps(["skus"]), "the GCP billing catalog answered JSON that is not an object"),
        (
            json.dumps({"skus": "x"}),
            "the GCP billing catalog answered a page whose `skus` is not a list of SKUs",
        ),
        (json.dumps({"skus": [], "nextPageToken": 5}), "a page whose `nextPageToken` is not text"),
        (
            json.dumps(
                {"skus": [{**N2_CORE, "pricingInfo": [{"pricingExpression": {"tieredRates": ["x"]}}]}]}
            ),
            "the GCP billing catalog answered SKUs of an unexpected shape",
        ),
        (
            json.dumps({"skus": [{**N2_CORE, "category": "Compute"}]}),
            "the GCP billing catalog answered SKUs of an unexpected shape",
        ),
    ],
)
def test_an_answer_of_the_wrong_shape_is_unavailable_with_a_reason(body, reason):
    responses.get(COMPUTE, body=body, status=200)
    with pytest.raises(PricingUnavailable, match=reason.replace("(", r"\(")) as raised:
        catalog().lookup(query("N2 Instance Core"))
    assert "test-key" not in str(raised.value)


def test_no_key_means_unavailable_and_other_services_are_none():
    source = GcpBillingCatalog(None, BASE)
    with pytest.raises(PricingUnavailable, match="GOOGLE_API_KEY is not set"):
        source.lookup(query("N2 Instance Core"))
    assert source.lookup(query("x", service="Some Unmapped Service")) is None
    assert (
        source.lookup(PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")) is None
    )


def test_index_strips_running_in_suffix():
    index = index_skus([N2_CORE])
    assert ("Compute", "N2 Instance Core", "OnDemand", "us-central1") in index


@responses.activate
def test_prefetch_reads_each_service_once_concurrently_and_lookups_make_no_request():
    responses.get(COMPUTE, json={"skus": [N2_CORE, N2_RAM]})
    storage_sku = {**N2_CORE, "category": {**N2_CORE["category"], "resourceFamily": "Storage"}}
    responses.get(STORAGE, json={"skus": [storage_sku]})
    source = catalog()
    wanted = [
        query("N2 Instance Core"),
        query("N2 Instance Ram"),
        query("N2 Instance Core", region="us-east1"),
    ]
    wanted += [query("N2 Instance Core", family="Storage", service="Cloud Storage")]
    source.prefetch(wanted * 2)
    assert sorted(call.request.url.split("?")[0] for call in responses.calls) == [COMPUTE, STORAGE]
    assert [source.lookup(q).amount for q in wanted] == [
        Decimal("0.031611"),
        Decimal("0.004237"),
        Decimal("0.031611"),
        Decimal("0.031611"),
    ]
    assert len(responses.calls) == 2 == source.requests


@responses.activate
def test_a_list_with_no_priced_sku_is_a_source_failure_and_opens_the_breaker():
    responses.get(COMPUTE, json={"services": []})  # JSON, but not a SKU list
    source = catalog()
    with pytest.raises(PricingUnavailable, match="answered no priced SKUs for service 6F81-5844-456A"):
        source.lookup(query("N2 Instance Core"))
    with pytest.raises(PricingUnavailable, match="answered no priced SKUs"):
        source.lookup(query("x", family="Storage", service="Cloud Storage"))  # another service: no request
    assert len(responses.calls) == 1


def test_the_time_budget_bounds_every_page_of_the_run():
    from costgate.pricing.source import Budget

    source = catalog()
    readings = iter([100.0, 100.0, 161.0])  # started, then 61 s later
    source.budget = Budget(GCP_SOURCE, 60, clock=lambda: next(readings))
    source.budget.left()
    with pytest.raises(PricingUnavailable, match="gcp cloud billing catalog used up its 60 s time budget"):
        source.lookup(query("N2 Instance Core"))
    assert source.requests == 0
