"""costgate merge: reports of a matrix of roots become one report."""

import json
from decimal import Decimal

from click.testing import CliRunner

from costgate.cli import cli
from costgate.gate.check import run_check
from costgate.gate.config import Config, TeamConfig, Thresholds
from costgate.gate.merge import merge_results
from costgate.model import Attribution, BudgetStatus, CheckResult, Verdict
from costgate.report.json_load import load_report
from costgate.report.json_report import check_dict as check_report_dict
from costgate.report.json_report import report_dict
from tests.helpers import change, plan_document, run_estimate


def one(instance_type: str):
    # m5.large 730 h x $0.096 = $70.08 + 8 GB gp2 root x $0.10 = $0.80 -> $70.88
    return run_estimate(plan_document(change("aws_instance", {"instance_type": instance_type})))


def checked(estimate, delta: str, status="ok", verdict="pass"):
    budget = BudgetStatus("payments", Decimal(100), Decimal(50), Decimal(delta), status, "within budget")
    return CheckResult(
        estimate, (), (budget,), Verdict(verdict, "r"), Attribution({}, Decimal(100), Decimal(100), ())
    )


def write(tmp_path, name, report):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report))
    return str(path)


def test_merge_sums_totals_and_names_projects_after_their_directories(tmp_path):
    a = write(tmp_path, "api/report.json", report_dict(one("m5.large")))
    b = write(tmp_path, "web/report.json", report_dict(one("m5.large")))
    run = CliRunner().invoke(cli, ["merge", a, b, "--format", "json"])
    assert run.exit_code == 0, run.output
    merged = json.loads(run.output)
    assert merged["totals"]["monthly_delta"] == "141.76"  # 2 x $70.88
    assert [p["name"] for p in merged["projects"]] == [str(tmp_path / "api"), str(tmp_path / "web")]
    assert len(merged["resources"]) == 2


def test_same_project_name_is_made_unique(tmp_path):
    merged = merge_results([("x/a.json", one("m5.large")), ("y/a.json", one("m5.large"))])
    assert [p.name for p in merged.projects] == ["a", "a (2)"]


def test_budgets_of_one_team_kept_with_a_note_without_config():
    merged = merge_results(
        [("a.json", checked(one("m5.large"), "30")), ("b.json", checked(one("m5.large"), "40"))]
    )
    assert [b.pr_monthly_delta for b in merged.budgets] == [Decimal(30), Decimal(40)]
    assert any("pass --config" in w for w in merged.estimate.warnings)
    assert merged.verdict.status == "pass"


def tagged(name: str):
    """A payments m5.large: 730 h x $0.096 = $70.08 + 8 GB gp2 root x $0.10 = $0.80 -> $70.88."""
    after = {"instance_type": "m5.large", "tags": {"team": "payments"}}
    return run_estimate(plan_document(change("aws_instance", after, name=name)), name=f"{name}.json")


def test_budgets_re_evaluated_with_the_config():
    config = Config(teams={"payments": TeamConfig("payments", Decimal(180), Decimal(50))})
    roots = [(f"{n}.json", run_check(tagged(n), config)) for n in ("a", "b")]
    assert [r.budgets[0].status for _, r in roots] == ["ok", "ok"]  # 50 + 70.88 = 120.88 (67.2%)
    merged = merge_results(roots, config)
    (budget,) = merged.budgets
    # 50 + 2 x 70.88 = 191.76 of a 180 budget: 106.5%, over 100% blocks
    assert (budget.pr_monthly_delta, budget.projected, budget.status) == (
        Decimal("141.76"),
        Decimal("191.76"),
        "block",
    )
    assert merged.verdict.status == "blocked"
    assert merged.verdict.reason == "1 blocking issue: " + budget.message
    assert merged.attribution.owners == {"aws_instance.a": "payments", "aws_instance.b": "payments"}


def test_merge_markdown_of_check_reports(tmp_path):
    a = write(tmp_path, "a.json", check_report_dict(checked(one("m5.large"), "30", "warn", "warning")))
    b = write(tmp_path, "b.json", report_dict(one("m5.large")))
    run = CliRunner().invoke(cli, ["merge", a, b, "--format", "markdown"])
    assert run.exit_code == 0, run.output
    assert "| a | $0.00 | $70.88 | +$70.88 |" in run.output
    # b.json was never checked: the merge says so instead of passing on a's verdict
    assert "**Verdict: ❔ not\\_checked**" in run.output
    merged = merge_results([(a, load_report(a)), (b, load_report(b))])
    assert merged.verdict == Verdict(
        "not_checked",
        f"{b} is a breakdown report; make per-root reports with `costgate check --format json`"
        " to gate them (the checked part: warning: r)",
    )


def test_merged_budgets_follow_checks_rule_and_the_teams_thresholds():
    from costgate.gate.budgets import budget_status

    team = TeamConfig("payments", Decimal("141.76"), Decimal(0))
    config = Config(teams={"payments": team})
    exactly = merge_results([(f"{n}.json", run_check(tagged(n), config)) for n in ("a", "b")], config)
    (budget,) = exactly.budgets
    # 0 + 70.88 + 70.88 = 141.76 of a 141.76 budget: check blocks at 100 % (>=), so the merge does too
    assert budget.status == "block" and exactly.verdict.status == "blocked"
    assert budget.message == budget_status(team, Decimal(0), Decimal("141.76")).message
    strict = TeamConfig(
        "payments", Decimal(400), Decimal(100), thresholds=Thresholds(warn_at_percent=Decimal(60))
    )
    config = Config(teams={"payments": strict})
    warned = merge_results([(f"{n}.json", run_check(tagged(n), config)) for n in ("a", "b")], config)
    # 100 + 141.76 = 241.76 of 400 = 60.4%: the team's own warn_at_percent (60), not the global 80
    assert warned.budgets[0].status == "warn"
    assert (
        warned.budgets[0].message
        == "payments: $100.00 current + $141.76 this PR = $241.76 of $400.00 budget (60.4%); warn at 60%"
    )


def test_pr_limits_are_decided_on_the_summed_change():
    limits = Thresholds(max_pr_monthly_increase=Decimal(100))
    config = Config(teams={"payments": TeamConfig("payments", thresholds=limits)})
    roots = [(f"{n}.json", run_check(tagged(n), config)) for n in ("a", "b")]
    assert [r.findings for _, r in roots] == [(), ()]  # $70.88 each is within $100
    merged = merge_results(roots, config)
    (finding,) = merged.findings  # 2 x $70.88 = $141.76 is not
    assert finding.message == "payments: this PR adds $141.76/month, above the limit of $100.00"


def test_unknown_current_spend_is_kept_through_the_merge(tmp_path):
    config = Config(teams={"payments": TeamConfig("payments", Decimal(500))})
    paths = [
        write(tmp_path, f"{n}.json", check_report_dict(run_check(tagged(n), config))) for n in ("a", "b")
    ]
    merged = merge_results([(path, load_report(path)) for path in paths], config)
    (budget,) = merged.budgets
    assert budget.current_spend_unknown
    assert budget.message.endswith("; current spend unknown (counted as $0)")
