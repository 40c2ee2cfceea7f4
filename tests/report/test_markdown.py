"""The PR comment: headline, verdict, budgets, findings, hostile names, size limit, several projects."""

import re
from decimal import Decimal

from costgate.model import (
    NOT_PRICED,
    PRICED,
    Attribution,
    BudgetStatus,
    CheckResult,
    Estimate,
    Finding,
    Project,
    ResourceEstimate,
    Verdict,
)
from costgate.report.comment_facts import CommentFacts
from costgate.report.markdown import render_markdown as render_with_facts
from tests.helpers import FIXTURES, change, plan_document, run_estimate

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "@org/team",
    "a|b|c",
    "`code` ``x``",
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "**bold** _it_ #123 www.evil.com https://evil.com",
    "line\nbreak\r\n| injected | row |",
]


def resource(
    address: str, before: str, after: str, *, project: str = "", status: str = PRICED, reason: str = ""
) -> ResourceEstimate:
    action = "create" if before == "0" else "update"
    return ResourceEstimate(
        address,
        "aws_instance",
        action,
        "us-east-1",
        status,
        reason,
        Decimal(before),
        Decimal(after),
        (),
        project=project,
    )


def estimate_of(*resources: ResourceEstimate, projects=()) -> Estimate:
    return Estimate(tuple(resources), tuple(projects), (), (("embedded catalog", "2026-11-01"),))


PASS = Verdict("pass", "within budget")


def render_markdown(result, **kwargs):
    """The comment without the run's facts (the environment of the test run must not show)."""
    return render_with_facts(result, facts=CommentFacts(), **kwargs)


def check_of(estimate: Estimate, findings=(), budgets=(), verdict=PASS) -> CheckResult:
    attribution = Attribution({}, Decimal(50), Decimal("75.4"), ("aws_instance.orphan",))
    return CheckResult(estimate, tuple(findings), tuple(budgets), verdict, attribution)


def assert_inert(text: str) -> None:
    assert "<img" not in text and "<script" not in text
    assert "](" not in text.replace("\\](", "").replace("\\]\\(", "")
    assert not re.search(r"(?<![\\])\[[^\]]*(?<!\\)\]\(", text)
    assert "@org" not in text  # a word joiner follows every @
    assert "javascript:" not in text or "\\(javascript:" in text
    assert "https://" not in text and "www." not in text


def test_headline_and_rows_from_a_real_plan():
    text = render_markdown(run_estimate(plan_document(change("aws_instance", {"instance_type": "m5.large"}))))
    # 730 h x $0.096 = $70.08 (root volume defaults: 8 GB gp2 x $0.10 = $0.80) -> $70.88
    assert "**Monthly cost change: +$70.88** ($0.00 → $70.88, new)" in text
    assert "| aws\\_instance\\.this | create | $0.00 | $70.88 | +$70.88 |" in text
    # the gp2 root volume is hand-entered (2026-11-01); the instance comes from the Karpenter table (2026-07-20)
    assert (
        "<sub>Prices: embedded catalog (as of 2026\\-11\\-01), "
        "embedded catalog \\(karpenter\\-provider\\-aws@\u20601d927085\\) (as of 2026\\-07\\-20) · "
        "oldest as of 2026\\-07\\-20 · "
    ) in text


def test_decrease_uses_a_minus_sign_and_percent():
    text = render_markdown(estimate_of(resource("aws_instance.a", "112", "56")))
    assert "**Monthly cost change: −$56.00** ($112.00 → $56.00, −50%)" in text


def test_hostile_names_stay_literal():
    resources = [
        resource(name, "0", "10", status=NOT_PRICED if i % 2 else PRICED, reason=f"reason {name}")
        for i, name in enumerate(HOSTILE)
    ]
    findings = [Finding("policy<b>", "warn", HOSTILE[1], f"shrink {HOSTILE[0]}", Decimal(5), team=HOSTILE[1])]
    budgets = [BudgetStatus(HOSTILE[2], Decimal(100), Decimal(10), Decimal(80), "ok", HOSTILE[4])]
    text = render_markdown(
        check_of(estimate_of(*resources), findings, budgets, Verdict("warning", HOSTILE[3]))
    )
    assert_inert(text)
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in text
    assert "@\u2060org/team" in text
    assert "a\\|b\\|c" in text
    assert "\\`code\\`" in text
    assert (
        "\\[click\\]\\(javascript:\u2060/" not in text and "\\[click\\]\\(javascript:alert\\(1\\)\\)" in text
    )
    # the line break inside a name does not start a new table row
    rows = [line for line in text.splitlines() if line.startswith("| ") and "injected" in line]
    assert rows == [r for r in rows if r.count(" | ") == 4]
    assert "#\u2060123" in text


def test_verdict_budgets_findings_blocking_first():
    findings = [
        Finding(
            "oversized", "warn", "aws_instance.big", "use m5.large instead of m5.4xlarge", Decimal("490.56")
        ),
        Finding(
            "gp2", "block", "aws_ebs_volume.v", "use gp3 instead of gp2", Decimal("2.00"), team="payments"
        ),
    ]
    budgets = [
        BudgetStatus("payments", Decimal(1000), Decimal(900), Decimal(150), "block", "over budget by $50.00")
    ]
    result = check_of(
        estimate_of(resource("aws_instance.big", "0", "150")),
        findings,
        budgets,
        Verdict("blocked", "payments is over budget"),
    )
    text = render_markdown(result)
    assert "**Verdict: ⛔ blocked**: payments is over budget" in text
    # the status is a word and an icon; the sentence lives in the verdict
    assert "| payments | $1,000.00 | $900.00 | +$150.00 | $1,050.00 | ⛔ over |" in text
    assert "💡 Biggest saving: $490.56/month, aws\\_instance\\.big: use m5\\.large" in text
    to_change = text.split("#### What to change")[1]
    block_at, warn_at = to_change.index("gp3 instead"), to_change.index("m5\\.large instead")
    assert block_at < warn_at
    assert (
        "⚠️ **oversized** (warn): aws\\_instance\\.big: use m5\\.large instead of m5\\.4xlarge"
        " (saves $490.56/month)" in text
    )
    assert "Attribution: 50% of resources and 75% of the cost change have an owning team." in text
    assert "aws\\_instance\\.orphan" in text


def test_top_twenty_then_details():
    resources = [resource(f"aws_instance.n{i:02d}", "0", str(i + 1)) for i in range(25)]
    text = render_markdown(estimate_of(*resources))
    before_details = text.split("<details>")[0]
    assert "aws\\_instance\\.n24" in before_details  # the largest change leads
    assert "aws\\_instance\\.n04 " not in before_details
    assert "<summary>5 more resources</summary>" in text


def test_over_the_limit_folds_then_cuts_from_the_bottom():
    resources = [
        resource(f"module.m{i}.aws_instance.x", "0", "1", status=NOT_PRICED, reason="r" * 50)
        for i in range(2000)
    ]
    estimate = estimate_of(*resources)
    full = render_markdown(estimate, max_chars=10**7)
    assert len(full) > 65536 and "<summary>1980 more resources</summary>" in full
    folded = render_markdown(estimate)
    assert len(folded) <= 65536
    assert "…and 1,800 smaller changes, in the JSON report." in folded
    assert "this comment shortened resources" in folded
    tiny = render_markdown(estimate, max_chars=600)
    assert len(tiny) <= 600
    assert "left out resources" in tiny
    assert len(render_markdown(estimate, max_chars=20)) <= 20


def test_several_projects_a_row_each_and_a_total():
    projects = [
        Project("network", "infra/network/plan.json", Decimal(0), Decimal(30)),
        Project("api", "infra/api/plan.json", Decimal(10), Decimal(5)),
        Project("dns", "infra/dns/plan.json", Decimal(2), Decimal(2)),
    ]
    estimate = estimate_of(
        resource("aws_nat_gateway.a", "0", "30", project="network"),
        resource("aws_instance.b", "10", "5", project="api"),
        projects=projects,
    )
    text = render_markdown(estimate)
    assert "| network | $0.00 | $30.00 | +$30.00 |" in text
    assert "| api | $10.00 | $5.00 | −$5.00 |" in text
    assert "| 1 unchanged: dns | $2.00 | $2.00 | $0.00 |" in text
    assert "| **Total** | $12.00 | $37.00 | +$25.00 |" in text
    assert text.index("| aws\\_nat\\_gateway\\.a | network |") < text.index("| aws\\_instance\\.b | api |")
    # the resources: $10 -> $35 is x3.5 (dns has no resource changes)
    assert "**Monthly cost change: +$25.00** ($10.00 → $35.00, ×3.5)" in text


def test_example_fixture_renders():
    from costgate.estimate.pricer import Pricer
    from costgate.model import ProjectPlan
    from costgate.plan.read import read_document
    from costgate.plan.terraform import read_plan
    from costgate.pricing.setup import price_chain

    path = FIXTURES / "plans" / "example.json"
    result = Pricer(price_chain("embedded")).estimate(
        [ProjectPlan("example", str(path), read_plan(read_document(path), str(path), None))]
    )
    assert render_markdown(result).startswith("### 💰 costgate cost estimate")
