"""The verdict, the check's JSON report, and `costgate check` / `costgate config validate` end to end."""

import json
import subprocess
import sys
from decimal import Decimal

import jsonschema

from costgate.gate.check import run_check, verdict
from costgate.gate.policies import policy_from_dict, shipped_packs
from costgate.model import BudgetStatus, Finding
from costgate.report.json_report import check_dict, report_schema
from costgate.report.table import render_check_table
from tests.gate_helpers import config, priced
from tests.helpers import FIXTURES, change, plan_document

CHECK = FIXTURES / "check"
PLAN = str(CHECK / "plan.json")
CONFIG = str(CHECK / "costgate.yml")


def costgate(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "costgate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def finding(severity, message="m"):
    return Finding("p", severity, "aws_x.y", message)


def budget(status):
    return BudgetStatus("web", Decimal(1), Decimal(0), Decimal(0), status, f"web budget {status}")


def test_verdicts():
    assert verdict([], (), False).status == "pass"
    warned = verdict([finding("info"), finding("warn", "too big")], (), False)
    assert (warned.status, warned.reason) == ("warning", "1 warning: aws_x.y: too big")
    blocked = verdict([finding("block", "denied")], (budget("block"),), False)
    assert (blocked.status, blocked.reason, blocked.approved) == (
        "blocked",
        "2 blocking issues: aws_x.y: denied",
        False,
    )
    approved = verdict([finding("block", "denied")], (), True)
    assert (approved.status, approved.approved) == ("warning", True)
    assert approved.reason == "1 blocking issue approved: aws_x.y: denied"
    assert verdict([], (budget("warn"),), False).reason == "1 warning: web budget warn"


def test_run_check_orders_blocking_first_and_attributes():
    estimate = priced(change("aws_ebs_volume", {"type": "gp2", "size": 100, "tags": {"team": "web"}}))
    policies = (
        policy_from_dict({"id": "gp3", "description": "d", "severity": "info", "kind": "gp2_to_gp3"}),
        policy_from_dict(
            {"id": "tags", "description": "d", "severity": "block", "kind": "required_tags", "tags": ["env"]}
        ),
    )
    result = run_check(
        estimate,
        config(teams={"web": {"monthly_budget": 100, "current_monthly_spend": 10}}),
        policies=policies,
    )
    assert [f.policy_id for f in result.findings] == ["tags", "gp3"]
    assert [f.team for f in result.findings] == ["web", "web"]
    assert result.verdict.status == "blocked"
    assert result.budgets[0].status == "ok"  # $10 + $10 of $100
    assert result.attribution.owners == {"aws_ebs_volume.this": "web"}
    approved = run_check(estimate, config(), policies=policies, approved=True)
    assert (approved.verdict.status, approved.verdict.approved) == ("warning", True)


def test_check_json_is_the_breakdown_plus_the_gate():
    estimate = priced(change("aws_ebs_volume", {"type": "gp2", "size": 100, "tags": {"team": "web"}}))
    policies = (
        policy_from_dict({"id": "gp3", "description": "d", "severity": "warn", "kind": "gp2_to_gp3"}),
    )
    result = run_check(
        estimate,
        config(teams={"web": {"monthly_budget": 100, "current_monthly_spend": 85}}),
        policies=policies,
    )
    report = check_dict(result)
    jsonschema.validate(report, report_schema())
    assert report["verdict"] == {
        "status": "warning",
        "reason": "2 warnings: aws_ebs_volume.this: gp2 volume; the same size as gp3 costs $8.00/month instead of $10.00 (saves $2.00)",
        "approved": False,
    }
    assert report["findings"] == [
        {
            "policy_id": "gp3",
            "severity": "warn",
            "address": "aws_ebs_volume.this",
            "message": "gp2 volume; the same size as gp3 costs $8.00/month instead of $10.00 (saves $2.00)",
            "monthly_saving": "2.00",
            "team": "web",
        }
    ]
    assert report["budgets"] == [
        {
            "team": "web",
            "monthly_budget": "100.00",
            "current_monthly_spend": "85.00",
            "pr_monthly_delta": "10.00",
            "projected": "95.00",
            "status": "warn",
            "message": "web: $85.00 current + $10.00 this PR = $95.00 of $100.00 budget (95.0%); warn at 80%",
        }
    ]
    assert report["attribution"] == {
        "owners": {"aws_ebs_volume.this": "web"},
        "resources_with_owner_percent": "100.0",
        "delta_with_owner_percent": "100.0",
        "unowned": [],
    }
    table = render_check_table(result)
    assert "Budgets:" in table and "[warn] gp3 aws_ebs_volume.this" in table
    assert table.rstrip().endswith("Verdict: WARNING: " + report["verdict"]["reason"])


def test_cli_blocks_with_exit_1_and_passes_when_approved():
    run = costgate("check", "--config", CONFIG, PLAN)
    assert run.returncode == 1, run.stderr
    assert "[block] platform.dev-database-size aws_db_instance.orders" in run.stdout
    assert (  # the verdict wraps to the terminal's width (COLUMNS): read it as one line
        "Verdict: BLOCKED: 2 blocking issues: aws_db_instance.orders: instance_class db.m5.2xlarge"
        in " ".join(run.stdout.split())
    )
    approved = costgate("check", "--config", CONFIG, "--approved", PLAN)
    assert approved.returncode == 0, approved.stderr
    assert "Verdict: WARNING (approved)" in approved.stdout


def test_cli_json_with_a_spend_file(tmp_path):
    spend = tmp_path / "spend.csv"
    spend.write_text("team,monthly_spend\npayments,10\n")
    out = tmp_path / "report.json"
    run = costgate(
        "check", "--config", CONFIG, "--spend-file", str(spend), "--format", "json", "--out", str(out), PLAN
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(out.read_text())
    jsonschema.validate(report, report_schema())
    (payments,) = report["budgets"]
    # $10 + db.m5.2xlarge Multi-AZ 730 h x $1.424 = $1,039.52 + 20 GB x $0.23 = $4.60 + 100 GB x $0.10 = $10.00
    assert (payments["current_monthly_spend"], payments["projected"], payments["status"]) == (
        "10.00",
        "1064.12",
        "ok",
    )
    multi_az = next(f for f in report["findings"] if f["policy_id"] == "finops.multi-az-non-production")
    assert multi_az["monthly_saving"] == "522.06"  # Single-AZ: 730 h x $0.712 + 20 GB x $0.115 = $522.06
    assert report["verdict"]["status"] == "blocked"


def test_cli_markdown_renders_the_estimate():
    run = costgate("check", "--config", CONFIG, "--format", "markdown", PLAN)
    assert run.returncode == 1 and "costgate cost estimate" in run.stdout


def test_cli_bad_config_and_bad_input_exit_2(tmp_path):
    bad = tmp_path / "costgate.yml"
    bad.write_text("teams:\n  payments:\n    monthly_budget: lots\n")
    run = costgate("check", "--config", str(bad), PLAN)
    assert run.returncode == 2
    assert run.stderr == "costgate: error: costgate.yml:3 teams.payments.monthly_budget: expected a number\n"
    missing = costgate("check", "--config", CONFIG, str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and missing.stderr.startswith("costgate: error: ")


def test_cli_without_config_passes(tmp_path):
    run = costgate("check", PLAN, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Verdict: PASS" in run.stdout


def test_config_validate(tmp_path):
    run = costgate("config", "validate", "--config", CONFIG)
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("costgate.yml: valid (1 teams, 10 policies)\n")
    bad = tmp_path / "costgate.yml"
    bad.write_text("team: {}\n")
    run = costgate("config", "validate", "--config", str(bad))
    assert (run.returncode, run.stderr) == (
        2,
        "costgate: error: costgate.yml:1 team: unknown key; did you mean teams?\n",
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        costgate("config", "validate", cwd=empty).stdout
        == "no costgate.yml (defaults): valid (0 teams, 0 policies)\n"
    )


def test_the_estimate_and_the_savings_ask_each_distinct_price_once():
    from collections import Counter

    from costgate.estimate.pricer import Pricer
    from costgate.gate.policies import load_policies
    from costgate.model import ProjectPlan
    from costgate.plan.terraform import read_plan
    from costgate.pricing.catalog import EmbeddedCatalog
    from costgate.pricing.source import PriceChain

    class CountingCatalog(EmbeddedCatalog):
        def __init__(self):
            super().__init__()
            self.asked = Counter()

        def lookup(self, query):
            self.asked[query] += 1
            return super().lookup(query)

    source = CountingCatalog()
    pricer = Pricer(PriceChain([source]))
    document = plan_document(
        change("aws_instance", {"instance_type": "m5.large"}, name="a"),
        change("aws_instance", {"instance_type": "m5.large"}, name="b"),
        change("aws_ebs_volume", {"type": "gp2", "size": 100}, name="v1"),
        change("aws_ebs_volume", {"type": "gp2", "size": 50}, name="v2"),
    )
    estimate = pricer.estimate([ProjectPlan("p", "p.json", read_plan(document, "p.json"))])
    assert len(source.asked) == 2  # m5.large and gp2 storage
    finops = load_policies(["finops-defaults"])
    result = run_check(estimate, config(), pricer, policies=finops)
    savings = {(f.policy_id, f.address): f.monthly_saving for f in result.findings}
    # 2 x 730 h x $0.096 + 2 x 8 GB x $0.10 + 150 GB x $0.10 = $156.76
    assert estimate.monthly_after == Decimal("156.76")
    assert savings[("finops.gp2-to-gp3", "aws_ebs_volume.v1")] == Decimal("2.00")  # 100 GB x ($0.10 - $0.08)
    assert savings[("finops.graviton", "aws_instance.a")] == Decimal("13.87")  # 730 h x ($0.096 - $0.077)
    # The savings added gp3, m6i.large and m6g.large; no query, old or new, was asked twice.
    assert len(source.asked) == 5 and set(source.asked.values()) == {1}


def test_check_builds_one_price_chain(monkeypatch, tmp_path):
    from click.testing import CliRunner

    import costgate.pricing.setup
    from costgate.cli.check import check

    built = []
    real = costgate.pricing.setup.price_chain

    def counting_price_chain(*args, **kwargs):
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(costgate.pricing.setup, "price_chain", counting_price_chain)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_ebs_volume", {"type": "gp2", "size": 100}))))
    pack = shipped_packs()["finops-defaults"]
    (tmp_path / "costgate.yml").write_text(f"policies: [{pack}]\n")
    run = CliRunner().invoke(
        check,
        [str(plan), "--config", str(tmp_path / "costgate.yml"), "--format", "json"],
        catch_exceptions=False,
    )
    assert run.exit_code == 0, run.output
    # 100 GB x ($0.10 - $0.08) = $2.00, re-priced through the command's own chain
    assert json.loads(run.output)["findings"][0]["monthly_saving"] == "2.00"
    assert built == [("embedded", None)]
