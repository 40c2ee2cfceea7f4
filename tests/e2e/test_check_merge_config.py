"""`costgate check`, `costgate merge` and `costgate config validate` as a user runs them."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES

M5_LARGE = str(FIXTURES / "e2e" / "m5-large.json")
NEAR_BUDGET = str(FIXTURES / "e2e" / "near-budget.yml")
BLOCKED_PLAN = str(FIXTURES / "check" / "plan.json")
BLOCKING_CONFIG = str(FIXTURES / "check" / "costgate.yml")
UNKNOWN_KEY = "teams:\n  payments:\n    monthly_budget: 100\n    monthly_budgte: 200\n"


def test_check_passes_with_exit_0_without_a_config(costgate):
    run = expect(costgate("check", M5_LARGE), 0)
    assert "Verdict: PASS" in run.stdout


def test_check_warns_with_exit_0(costgate):
    run = expect(costgate("check", M5_LARGE, "--config", NEAR_BUDGET), 0)
    # $10.00 spent + 730 h x $0.096 + 8 GB x $0.10 = $80.88 of $100: past the 80% warning line
    assert (
        "Verdict: WARNING: 1 warning: payments: $10.00 current + $70.88 this PR = $80.88 of $100.00"
        in run.stdout
    )


def test_a_blocked_check_exits_1(costgate):
    run = expect(costgate("check", BLOCKED_PLAN, "--config", BLOCKING_CONFIG), 1)
    # $1,000 spent + db.m5.2xlarge Multi-AZ 730 h x $1.424 = $1,039.52 + $4.60 storage + $10.00 volume = $2,054.12
    assert "payments" in run.stdout and "$2,054.12" in run.stdout
    assert "Verdict: BLOCKED: 2 blocking issues" in run.stdout


def test_approved_blocks_exit_0(costgate):
    run = expect(costgate("check", BLOCKED_PLAN, "--config", BLOCKING_CONFIG, "--approved"), 0)
    assert "Verdict: WARNING (approved): 2 blocking issues approved" in run.stdout


def test_json_report_to_a_file_keeps_the_exit_code(costgate, workdir):
    run = expect(
        costgate(
            "check", BLOCKED_PLAN, "--config", BLOCKING_CONFIG, "--format", "json", "--out", "check.json"
        ),
        1,
    )
    assert run.stdout == ""
    report = json.loads((workdir / "check.json").read_text())
    assert report["verdict"]["status"] == "blocked" and report["verdict"]["approved"] is False
    assert report["totals"]["monthly_delta"] == "1054.12"
    (budget,) = report["budgets"]
    assert (budget["team"], budget["projected"], budget["status"]) == ("payments", "2054.12", "block")


def test_a_bad_config_is_exit_2_naming_the_line(costgate, workdir):
    (workdir / "costgate.yml").write_text(UNKNOWN_KEY)
    run = expect(costgate("check", M5_LARGE), 2)  # ./costgate.yml is read by default
    assert "costgate.yml:4 teams.payments.monthly_budgte: unknown key" in run.stderr


def test_config_validate(costgate, workdir):
    run = expect(costgate("config", "validate", "--config", BLOCKING_CONFIG), 0)
    # one team; the FinOps pack's policies plus the one dev sizing rule
    assert run.stdout.endswith("costgate.yml: valid (1 teams, 10 policies)\n")
    (workdir / "broken.yml").write_text("teams:\n  payments:\n    monthly_budget: [100\n")
    run = expect(costgate("config", "validate", "--config", "broken.yml"), 2)
    assert "broken.yml:4: not valid YAML" in run.stderr
    (workdir / "costgate.yml").write_text(UNKNOWN_KEY)
    expect(costgate("config", "validate"), 2)
    missing = expect(costgate("config", "validate", "--config", "nowhere.yml"), 2)
    assert "nowhere.yml" in missing.stderr


def test_merge_two_check_reports(costgate, workdir):
    expect(
        costgate("check", M5_LARGE, "--config", BLOCKING_CONFIG, "--format", "json", "--out", "api.json"), 0
    )
    expect(
        costgate("check", BLOCKED_PLAN, "--config", BLOCKING_CONFIG, "--format", "json", "--out", "db.json"),
        1,
    )
    run = expect(costgate("merge", "api.json", "db.json", "--config", BLOCKING_CONFIG), 0)
    merged = json.loads(run.stdout)
    # named after their plans, as one `costgate check m5-large.json plan.json` names them
    assert [p["name"] for p in merged["projects"]] == ["m5-large", "plan"]
    assert merged["totals"]["monthly_delta"] == "1125.00"  # $70.88 + $1,054.12
    assert merged["verdict"]["status"] == "blocked"
    # the team's budget over the summed change: $1,000 + $1,125.00 = $2,125.00 of $2,000
    (budget,) = merged["budgets"]
    assert (budget["pr_monthly_delta"], budget["projected"], budget["status"]) == (
        "1125.00",
        "2125.00",
        "block",
    )
    expect(costgate("merge", "api.json", "db.json", "--out", "merged.json"), 0)
    assert json.loads((workdir / "merged.json").read_text())["totals"]["monthly_delta"] == "1125.00"


def test_merge_refuses_a_file_that_is_not_a_report(costgate, workdir):
    expect(costgate("check", M5_LARGE, "--format", "json", "--out", "api.json"), 0)
    run = expect(costgate("merge", "api.json", M5_LARGE, "--out", "merged.json"), 2)
    assert "m5-large.json: not a costgate report" in run.stderr
    assert not (workdir / "merged.json").exists()


def test_config_validate_lists_every_problem_and_check_refuses_the_config(costgate, workdir):
    (workdir / "costgate.yml").write_text(
        "thresholds: {warn_at_percent: 120, block_at_percent: 100}\n"
        "discounts: [{provider: aws, service: EC2, percent: 10}]\n"
        "policies: [finops-defaults]\nusage_file: usage.yml\n"
    )
    run = costgate("config", "validate")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stdout.splitlines() == [
        "costgate.yml:1 thresholds.warn_at_percent: warn_at_percent (120) must be below block_at_percent (100)",
        "costgate.yml:2 discounts[0].service: EC2 is not a service of the aws catalog; did you mean AmazonEC2?",
        "costgate.yml:4 usage_file: file usage.yml not found (relative to costgate.yml)",
    ]
    assert run.stderr == "costgate: error: 3 problems found (listed above)\n"
    refused = expect(costgate("check", M5_LARGE), 2)
    assert "(and 2 more: run `costgate config validate`)" in refused.stderr


def test_policies_list_and_show(costgate):
    listed = expect(costgate("policies", "list"), 0)
    assert listed.stdout.splitlines()[1].startswith("finops-defaults  (9 policies)  Over-provisioning")
    shown = expect(costgate("policies", "show", "example-platform"), 0)
    assert "id: platform.required-tags" in shown.stdout
    unknown = expect(costgate("policies", "show", "finops"), 2)
    assert "did you mean finops-defaults?" in unknown.stderr


def test_a_plan_directory_is_searched_recursively(costgate, workdir):
    import shutil

    for root in ("payments-app", "search"):
        (workdir / "infra" / root / ".terraform").mkdir(parents=True)
        shutil.copy(FIXTURES / "monorepo" / root / "plan.json", workdir / "infra" / root / "plan.json")
        (workdir / "infra" / root / ".terraform" / "cache.json").write_text("{}")  # hidden: never read
    run = expect(costgate("check", "infra", "--format", "json"), 0)
    report = json.loads(run.stdout)
    # $70.88 (payments-app) + $184.76 + $20.00 (search)
    assert report["totals"]["monthly_delta"] == "275.64"
    assert [p["name"] for p in report["projects"]] == ["infra/payments-app", "infra/search"]
