"""Budgets: ok / warn / block with the numbers, per-team thresholds, PR increase limits, spend sources."""

from datetime import date
from decimal import Decimal

import boto3
import pytest
from botocore.stub import Stubber

from costgate.errors import CostgateError
from costgate.gate.attribution import attribute
from costgate.gate.budgets import check_budgets, cost_explorer_spend, read_spend_file
from tests.gate_helpers import config, priced
from tests.helpers import change

# A 100 GB gp2 volume owned by payments: 100 x $0.10 = $10.00 a month.
PLAN = priced(change("aws_ebs_volume", {"type": "gp2", "size": 100, "tags": {"team": "payments"}}))


def budgets(cfg, plan=PLAN, spend=None):
    return check_budgets(plan, cfg, attribute(plan, cfg), spend)


def team(budget, current, **thresholds):
    entry = {"monthly_budget": budget, "current_monthly_spend": current}
    if thresholds:
        entry["thresholds"] = thresholds
    return entry


def test_ok():
    (status,), findings = budgets(config(teams={"payments": team(1000, 500)}))
    assert (status.status, status.projected) == ("ok", Decimal("510.00"))
    assert (
        status.message == "payments: $500.00 current + $10.00 this PR = $510.00 of $1,000.00 budget (51.0%)"
    )
    assert findings == ()


def test_warn():
    (status,), _ = budgets(config(teams={"payments": team(100, 75)}))
    assert status.status == "warn"
    assert (
        status.message
        == "payments: $75.00 current + $10.00 this PR = $85.00 of $100.00 budget (85.0%); warn at 80%"
    )


def test_block():
    (status,), _ = budgets(config(teams={"payments": team(100, 95)}))
    assert status.status == "block"
    assert status.message.endswith("= $105.00 of $100.00 budget (105.0%); block at 100%")


def test_a_saving_never_warns_even_over_budget():
    plan = priced(
        change(
            "aws_ebs_volume",
            None,
            before={"type": "gp2", "size": 100, "tags": {"team": "payments"}},
            name="old",
        )
    )
    (status,), _ = budgets(config(teams={"payments": team(100, 150)}), plan)
    assert (status.status, status.pr_monthly_delta) == ("ok", Decimal("-10.00"))
    assert "$150.00 current - $10.00 this PR = $140.00" in status.message


def test_per_team_thresholds_override_the_global_ones():
    cfg = config(thresholds={"warn_at_percent": 50}, teams={"payments": team(100, 75, warn_at_percent=90)})
    (status,), _ = budgets(cfg)
    assert status.status == "ok"  # 85% is under the team's 90%, though over the global 50%
    (status,), _ = budgets(config(thresholds={"warn_at_percent": 50}, teams={"payments": team(100, 45)}))
    assert status.status == "warn"  # $45 + $10 = 55% of $100: over the global 50% the team inherits


def test_spend_from_a_file_overrides_the_config():
    (status,), _ = budgets(config(teams={"payments": team(100, 10)}), spend={"payments": Decimal(95)})
    assert (status.current_monthly_spend, status.status) == (Decimal(95), "block")


def test_unknown_current_spend_is_said():
    (status,), _ = budgets(config(teams={"payments": {"monthly_budget": 100}}))
    assert status.message.endswith("; current spend unknown (counted as $0)")


def test_pr_increase_in_dollars_warns_on_its_own():
    cfg = config(teams={"payments": team(10000, 0, max_pr_monthly_increase=5)})
    (status,), findings = budgets(cfg)
    assert status.status == "ok"
    (finding,) = findings
    assert (finding.policy_id, finding.severity, finding.team) == (
        "budget.max_pr_monthly_increase",
        "warn",
        "payments",
    )
    assert finding.message == "payments: this PR adds $10.00/month, above the limit of $5.00"


def test_pr_increase_in_percent_can_block():
    # 100 GB -> 300 GB gp2: $10.00 -> $30.00, +200%
    plan = priced(
        change(
            "aws_ebs_volume",
            {"type": "gp2", "size": 300, "tags": {"team": "payments"}},
            before={"type": "gp2", "size": 100, "tags": {"team": "payments"}},
        )
    )
    cfg = config(
        thresholds={"max_pr_increase_percent": 25, "pr_increase_severity": "block"}, teams={"payments": {}}
    )
    _, (finding,) = budgets(cfg, plan)
    assert (finding.policy_id, finding.severity) == ("budget.max_pr_increase_percent", "block")
    assert (
        finding.message
        == "payments: this PR raises the monthly cost by 200.0% ($10.00 -> $30.00), above the limit of 25%"
    )


def test_unowned_changes_meet_the_global_limits():
    plan = priced(change("aws_ebs_volume", {"type": "gp2", "size": 100}))
    _, (finding,) = budgets(config(thresholds={"max_pr_monthly_increase": 1}), plan)
    assert (finding.team, finding.message) == ("", "this PR adds $10.00/month, above the limit of $1.00")


def test_spend_files(tmp_path):
    (tmp_path / "spend.json").write_text('{"payments": 171500, "web": "12.5"}')
    assert read_spend_file(str(tmp_path / "spend.json")) == {
        "payments": Decimal(171500),
        "web": Decimal("12.5"),
    }
    (tmp_path / "list.json").write_text('[{"team": "payments", "monthly_spend": 3}]')
    assert read_spend_file(str(tmp_path / "list.json")) == {"payments": Decimal(3)}
    (tmp_path / "spend.csv").write_text("team,monthly_spend\npayments,171500.25\n")
    assert read_spend_file(str(tmp_path / "spend.csv")) == {"payments": Decimal("171500.25")}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", "{", "bad.json:1: not valid JSON"),
        ("bad.csv", "who,what\n", "a spend CSV needs the columns team,monthly_spend"),
        ("nan.json", '{"payments": "lots"}', "team payments: monthly spend 'lots' is not a number"),
        ("list.json", "[1, 2]", "expected {team: spend} or a list of {team, monthly_spend}"),
    ],
)
def test_bad_spend_files(tmp_path, name, text, message):
    (tmp_path / name).write_text(text)
    with pytest.raises(
        CostgateError, match=message.replace("{", r"\{").replace("}", r"\}").replace("(", r"\(")
    ):
        read_spend_file(str(tmp_path / name))


def test_cost_explorer_month_to_date_projected_to_month_end():
    client = boto3.client(
        "ce", region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )
    stubber = Stubber(client)
    request = {
        "TimePeriod": {"Start": "2026-11-01", "End": "2026-11-11"},
        "Granularity": "MONTHLY",
        "Metrics": ["UnblendedCost"],
        "GroupBy": [{"Type": "TAG", "Key": "team"}],
    }

    def group(key, amount):
        return {"Keys": [key], "Metrics": {"UnblendedCost": {"Amount": amount, "Unit": "USD"}}}

    stubber.add_response(
        "get_cost_and_usage",
        {
            "ResultsByTime": [{"Groups": [group("team$payments", "1000"), group("team$", "5")]}],
            "NextPageToken": "p2",
        },
        request,
    )
    stubber.add_response(
        "get_cost_and_usage",
        {"ResultsByTime": [{"Groups": [group("team$pay", "200"), group("team$unknown", "7")]}]},
        {**request, "NextPageToken": "p2"},
    )
    cfg = config(teams={"payments": {"owners": {"tags": {"team": "pay"}}}})
    with stubber:
        spend = cost_explorer_spend(cfg, client, today=date(2026, 11, 11))
    stubber.assert_no_pending_responses()
    # payments: $1,000 (named directly) + $200 (tag value pay) over 10 days, x 30 days = $3,600
    assert spend == {"payments": Decimal("3000.00") + Decimal("600.00")}


def test_cost_explorer_on_the_first_of_the_month_has_no_basis():
    assert cost_explorer_spend(config(), client=object(), today=date(2026, 11, 1)) == {}


def test_budgets_use_effective_prices():
    from costgate.estimate.discounts import Discount

    plan = priced(
        change("aws_ebs_volume", {"type": "gp2", "size": 100, "tags": {"team": "payments"}}),
        discounts=(Discount("aws", Decimal(20)),),
    )
    (status,), _ = budgets(config(teams={"payments": team(100, 0)}), plan)
    assert status.pr_monthly_delta == Decimal("8.00")  # 100 GB x $0.10 x 0.80
