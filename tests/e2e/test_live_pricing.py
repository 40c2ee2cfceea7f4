"""`--pricing live` as a user runs it, against Price List and Cloud Billing stand-ins on 127.0.0.1.

A failing live source (wrong shape, HTML, slow, throttled, reset) ends in a warning naming it and
the embedded catalog's price, within the run's time budget; a cold cache reads each AWS batch once,
a warm one reads nothing, and concurrent processes on one cache read no more than one process.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.e2e.expect import expect
from tests.helpers import change, plan_document
from tests.pricing.aws_standin import PriceListStandIn, instance_products
from tests.standin import Reply, StandIn

AWS_ENV = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI-example-secret"}
GCP_KEY = "AIza-test-secret-key"
BUDGET_SECONDS = "1"

FAULTS = {
    "wrong shape": Reply(200, {"Products": []}),
    "HTML": Reply(200, body=b"<html><body>Service Unavailable</body></html>"),
    "slow": Reply(200, {}, delay=30.0),
    "throttled": Reply(429, {"__type": "ThrottlingException", "message": "Rate exceeded"}),
    "reset": Reply(reset=True),
}
GCP_FAULTS = {**FAULTS, "wrong shape": Reply(200, {"skus": {"name": "not a list"}})}
GCP_FAULTS["no SKUs"] = Reply(200, {"services": []})


def live_breakdown(costgate, workdir: Path, document: dict, env: dict[str, str]) -> tuple[dict, float]:
    (workdir / "plan.json").write_text(json.dumps(document))
    started = time.monotonic()
    run = expect(costgate("breakdown", "plan.json", "--pricing", "live", "--format", "json", env=env), 0)
    return json.loads(run.stdout), time.monotonic() - started


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failing_aws_price_list_falls_back_to_the_catalog_with_a_warning(costgate, workdir, fault):
    document = plan_document(change("aws_instance", {"instance_type": "m5.large"}, name="web"))
    with closing(StandIn(FAULTS[fault])) as endpoint:
        env = {**AWS_ENV, "AWS_ENDPOINT_URL_PRICING": endpoint.url, "COSTGATE_LIVE_TIMEOUT": BUDGET_SECONDS}
        report, seconds = live_breakdown(costgate, workdir, document, env)
    (warning,) = report["warnings"]
    assert warning.startswith("aws price list api failed ("), warning
    assert "fell back to the embedded catalog" in warning
    (web,) = report["resources"]
    # 730 h x $0.096 = $70.08 + 8 GB gp2 root x $0.10 = $0.80, from the embedded catalog, never $0
    assert (web["status"], web["monthly_after"]) == ("priced", "70.88")
    assert {c["price_source"].split(" (")[0] for c in web["components"] if c["price_source"]} == {
        "embedded catalog"
    }
    assert "wJalrXUtnFEMI" not in json.dumps(report)
    if fault == "slow":
        assert seconds < 20  # the stand-in answers after 30 s; the 1 s budget ends the run long before


@pytest.mark.parametrize("fault", GCP_FAULTS)
def test_a_failing_gcp_billing_catalog_falls_back_to_the_catalog_with_a_warning(costgate, workdir, fault):
    document = plan_document(
        change(
            "google_compute_instance", {"machine_type": "n2-standard-8", "zone": "us-central1-a"}, name="a"
        ),
        region="us-central1",
        provider="google",
    )
    with closing(StandIn(GCP_FAULTS[fault])) as api:
        env = {
            "GOOGLE_API_KEY": GCP_KEY,
            "COSTGATE_GCP_PRICING_URL": api.url + "/v1",
            "COSTGATE_LIVE_TIMEOUT": BUDGET_SECONDS,
            "AWS_ENDPOINT_URL_PRICING": "http://127.0.0.1:9",  # never asked: the plan has no AWS resource
        }
        report, seconds = live_breakdown(costgate, workdir, document, env)
    (warning,) = report["warnings"]
    assert warning.startswith("gcp cloud billing catalog failed ("), warning
    assert "fell back to the embedded catalog" in warning
    (machine,) = report["resources"]
    # n2-standard-8 in us-central1 from the catalog, with 20 % sustained use (as in test_give_up)
    assert (machine["status"], machine["monthly_after"]) == ("priced", "227.27")
    assert GCP_KEY not in json.dumps(report)
    if fault == "slow":
        assert seconds < 20


REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"]
FAMILIES = [f"{family}{generation}" for family in ("m", "c", "r") for generation in range(1, 11)]
SIZES = [
    "large",
    "xlarge",
    "2xlarge",
    "4xlarge",
    "8xlarge",
    "12xlarge",
    "16xlarge",
    "24xlarge",
    "32xlarge",
    "48xlarge",
]
TYPES = [f"{family}.{size}" for family in FAMILIES for size in SIZES][:300]
# Per region: 300 instance types in 3 pages of 100, and one read of EBS storage (the gp2 root volumes).
COLD_REQUESTS = len(REGIONS) * (3 + 1)


@pytest.fixture
def price_list():
    with closing(PriceListStandIn(instance_products(REGIONS, TYPES))) as stand_in:
        yield stand_in


def write_plans(workdir: Path, types: list[str]) -> list[str]:
    """One plan per region, each with an instance of every type."""
    names = []
    for region in REGIONS:
        changes = [change("aws_instance", {"instance_type": t}, name=f"i{n}") for n, t in enumerate(types)]
        (workdir / f"{region}.json").write_text(json.dumps(plan_document(*changes, region=region)))
        names.append(f"{region}.json")
    return names


@pytest.fixture
def many_plans(workdir) -> list[str]:
    """5 plans, one per region, each with 300 instance types: 1,500 changes, 1,505 distinct prices."""
    return write_plans(workdir, TYPES)


def test_a_cold_cache_reads_each_batch_once_and_a_warm_one_reads_nothing(costgate, price_list, many_plans):
    assert len(TYPES) == 300
    env = {**AWS_ENV, "AWS_ENDPOINT_URL_PRICING": price_list.url}
    cold = expect(costgate("breakdown", *many_plans, "--pricing", "live", "--format", "json", env=env), 0)
    assert len(price_list.seen) == COLD_REQUESTS == 20  # was one request per distinct price: 1,505
    report = json.loads(cold.stdout)
    assert report["warnings"] == []
    assert {c["price_source"] for r in report["resources"] for c in r["components"]} == {"aws price list api"}

    warm = expect(costgate("breakdown", *many_plans, "--pricing", "live", "--format", "json", env=env), 0)
    assert len(price_list.seen) == COLD_REQUESTS  # nothing more
    assert json.loads(warm.stdout)["resources"] == report["resources"]


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_processes_on_one_cache_read_no_more_than_one(costgate, price_list, workdir, processes):
    plans = write_plans(workdir, TYPES[::10])  # 30 types a region: each batch still holds all 300
    env = costgate.env | AWS_ENV | {"AWS_ENDPOINT_URL_PRICING": price_list.url}
    command = [*costgate.command, "breakdown", *plans, "--pricing", "live", "--format", "json"]
    runs = [
        subprocess.Popen(
            command, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * processes, outputs
    assert len(price_list.seen) == COLD_REQUESTS  # what one process alone reads
    reports = [json.loads(stdout) for stdout, _ in outputs]
    for report in reports:
        report.pop("generated_at")
    assert all(report == reports[0] for report in reports)
    database = sqlite3.connect(Path(env["COSTGATE_CACHE_DIR"]) / "prices.sqlite3")
    with closing(database):
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_budget_comes_from_the_config_and_a_bad_one_is_exit_2(costgate, workdir):
    document = plan_document(change("aws_instance", {"instance_type": "m5.large"}, name="web"))
    (workdir / "plan.json").write_text(json.dumps(document))
    (workdir / "costgate.yml").write_text("pricing:\n  live_timeout_seconds: 0\n")
    run = expect(costgate("check", "plan.json", "--pricing", "live"), 2)
    assert "live_timeout_seconds" in run.stderr
    (workdir / "costgate.yml").write_text("pricing:\n  live_timeout_seconds: 1.5\n")
    bad_env = expect(
        costgate("check", "plan.json", "--pricing", "live", env={"COSTGATE_LIVE_TIMEOUT": "nan"}), 2
    )
    assert bad_env.stderr.startswith("costgate: error: COSTGATE_LIVE_TIMEOUT: the live pricing time budget")
    with closing(StandIn(FAULTS["slow"])) as endpoint:
        env = {**AWS_ENV, "AWS_ENDPOINT_URL_PRICING": endpoint.url}
        started = time.monotonic()
        run = expect(costgate("check", "plan.json", "--pricing", "live", "--format", "json", env=env), 0)
        seconds = time.monotonic() - started
    assert "aws price list api failed (AWS price list did not answer within 1.5 s)" in run.stdout
    assert seconds < 20  # the stand-in answers after 30 s; the config's 1.5 s budget ends the run long before
