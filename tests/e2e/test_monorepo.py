"""Three Terraform roots: per-root check reports merged give what one check over every plan gives.

fixtures/monorepo: payments-app (+$70.88) and payments-db (+$141.44) are payments' ($800 of
$1,000 spent), search (+$204.76) is search's (no spend in the config). Each payments root alone
only warns; summed over the roots payments blocks: $800 + $212.32 = $1,012.32 (101.2%).
"""

import json
import shutil

import pytest

from tests.e2e.expect import expect
from tests.e2e.standins import GITHUB_TOKEN
from tests.helpers import FIXTURES

MONOREPO = FIXTURES / "monorepo"
ROOTS = ("payments-app", "payments-db", "search")
CONFIG = str(MONOREPO / "costgate.yml")


@pytest.fixture
def roots(workdir):
    """The roots' plans copied as a repository lays them out: infra/<root>/plan.json."""
    for root in ROOTS:
        (workdir / "infra" / root).mkdir(parents=True)
        shutil.copy(MONOREPO / root / "plan.json", workdir / "infra" / root / "plan.json")
    return [f"infra/{root}/plan.json" for root in ROOTS]


def per_root_reports(costgate, workdir):
    reports = []
    for root in ROOTS:
        out = f"reports/{root}/report.json"  # a matrix job's artifact, named after its root
        (workdir / "reports" / root).mkdir(parents=True)
        # alone, each payments root only warns: app $870.88 (87.1%), db $941.44 (94.1%)
        expect(
            costgate(
                "check", f"infra/{root}/plan.json", "--config", CONFIG, "--format", "json", "--out", out
            ),
            0,
        )
        reports.append(out)
    return reports


def without_time(report: dict) -> dict:
    return {key: value for key, value in report.items() if key != "generated_at"}


def test_merged_root_reports_equal_one_check_over_every_plan(costgate, workdir, roots):
    single = expect(costgate("check", *roots, "--config", CONFIG, "--format", "json"), 1)
    merged = expect(costgate("merge", *per_root_reports(costgate, workdir), "--config", CONFIG), 0)
    one, many = json.loads(single.stdout), json.loads(merged.stdout)
    assert without_time(many) == without_time(one)
    assert one["verdict"]["status"] == "blocked"
    budgets = {b["team"]: b for b in one["budgets"]}
    # 70.88 + 141.44 = 212.32 this PR on $800: $1,012.32 of $1,000
    assert budgets["payments"]["message"] == (
        "payments: $800.00 current + $212.32 this PR = $1,012.32 of $1,000.00 budget (101.2%); block at 100%"
    )
    assert budgets["search"]["message"].endswith("current spend unknown (counted as $0)")
    assert budgets["search"]["current_spend_unknown"] is True
    # payments' $200 PR limit is passed only by the summed change
    assert one["findings"][0]["message"] == "payments: this PR adds $212.32/month, above the limit of $200.00"
    assert one["attribution"]["resources_with_owner_percent"] == "100.0"


def test_comment_github_given_the_root_reports_gives_the_same_verdict(costgate, workdir, roots, github):
    single = json.loads(expect(costgate("check", *roots, "--config", CONFIG, "--format", "json"), 1).stdout)
    (workdir / "event.json").write_text(json.dumps({"pull_request": {"number": 7, "labels": []}}))
    env = {
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": str(workdir / "event.json"),
        "GITHUB_TOKEN": GITHUB_TOKEN,
    }
    reports = per_root_reports(costgate, workdir)
    run = costgate("comment", "github", *reports, "--config", CONFIG, "--report-out", "gated.json", env=env)
    expect(run, 1)
    assert without_time(json.loads((workdir / "gated.json").read_text())) == without_time(single)
    (comment,) = github.comments
    assert "**Verdict: ⛔ blocked**" in comment["body"]


def test_a_breakdown_report_is_not_checked_and_says_how_to_gate_it(costgate, workdir, roots):
    expect(costgate("breakdown", roots[0], "--format", "json", "--out", "breakdown.json"), 0)
    merged = json.loads(expect(costgate("merge", "breakdown.json", "--config", CONFIG), 0).stdout)
    assert merged["verdict"]["status"] == "not_checked"
    assert "costgate check --format json" in merged["verdict"]["reason"]
