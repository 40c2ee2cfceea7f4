"""The PR comment as GitHub renders it (cmark-gfm): top block, findings, budgets, tables, hostile text, size."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest

from costgate.model import (
    NOT_PRICED,
    PRICED,
    Attribution,
    BudgetStatus,
    CheckResult,
    Estimate,
    Finding,
    PricedComponent,
    Project,
    ResourceEstimate,
    Verdict,
)
from costgate.report.comment_facts import CommentFacts
from costgate.report.markdown import GITHUB_COMMENT_LIMIT, render_markdown
from tests.report import comment_cases
from tests.report.gfm import links, markdown_rows_keep_columns, tables, tags, to_html

FACTS = comment_cases.FACTS
ALLOWED_TAGS = {
    "h3", "h4", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
    "ul", "li", "b", "sub", "code", "a", "blockquote",
}  # fmt: skip
multi = cache(comment_cases.multi_project)
huge = cache(comment_cases.huge)


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_top_block_shows_change_verdict_saving_and_projects():
    markdown = render_markdown(multi(), facts=FACTS)
    top = markdown.split("#### What to change")[0]
    assert len([line for line in top.splitlines() if line.strip()]) <= 12
    html = to_html(top)
    # payments: db.m5.2xlarge Multi-AZ 730 h x $1.424 = $1,039.52 + 200 GB gp2 x $0.23 = $46.00 -> $1,085.52;
    # m5.4xlarge 730 h x $0.768 = $560.64 + 8 GB root x $0.10 = $561.44; 8 gp2 volumes of 20..27 GB x $0.10 = $18.80
    # -> $1,665.76. search: m5.xlarge $140.96 -> m5.large $70.88 + NAT 730 h x $0.045 = $32.85 -> $103.73.
    # platform: t3.micro 730 h x $0.0104 = $7.59 + $0.80, unchanged. $149.35 -> $1,777.88 is x11.9, shown x12.
    assert "<strong>Monthly cost change: +$1,628.53</strong> ($149.35 → $1,777.88, ×12)" in html
    assert (
        "<strong>Verdict: ⛔ blocked</strong>: 2 blocking issues: aws_db_instance.ledger: instance_class"
        in html
    )
    assert "💡 Biggest saving: $542.76/month, aws_db_instance.ledger: Multi-AZ database in dev" in html
    [projects] = tables(html)
    assert projects == [
        ["Project", "Before", "After", "Change"],
        ["payments", "$0.00", "$1,665.76", "+$1,665.76"],
        ["search", "$140.96", "$103.73", "−$37.23"],
        ["1 unchanged: platform", "$8.39", "$8.39", "$0.00"],
        ["Total", "$149.35", "$1,777.88", "+$1,628.53"],
    ]


def test_findings_blocking_first_then_by_saving_and_many_hits_fold():
    html = to_html(render_markdown(multi(), facts=FACTS))
    section = text_of(html.split("<h4>What to change</h4>")[1].split("<h4>Budgets</h4>")[0])
    order = [
        "platform.dev-database-size",  # block
        "finops.multi-az-non-production",  # warn, saves $542.76
        "finops.gp2-to-gp3",  # warn, saves $4.08 in all
        "platform.dev-instance-types",  # warn, nothing to save: by name
        "platform.require-owner",
        "platform.required-tags",
        "finops.graviton",  # info, saves $124.83
        "finops.previous-generation",  # info, saves $0.00
    ]
    positions = [section.index(policy) for policy in order]
    assert positions == sorted(positions)
    # 10 gp2 volumes, none saving $1: one line and a folded list. 0.54+0.52+...+0.40 = $3.76, + 2 root volumes x $0.16
    assert "<summary>⚠️ <b>finops.gp2-to-gp3</b> (warn): 10 findings, saves $4.08/month</summary>" in html
    # The saving the message already names is not said twice
    assert "(saves $542.76)" in section and "(saves $542.76/month)" not in section
    # previous-generation alternatives that save $0.00 are folded away
    assert "<summary>2 more, each saving under $1/month</summary>" in html


def test_budgets_one_compact_row_per_affected_team():
    html = to_html(render_markdown(multi(), facts=FACTS))
    budgets = tables(html)[1]
    # payments: $1,900 + $1,665.76 = $3,565.76 of $2,500; search: $400 - $37.23 = $362.77 of $1,200
    assert budgets == [
        ["Team", "Budget", "Current", "This PR", "Projected", "Status"],
        ["payments", "$2,500.00", "$1,900.00", "+$1,665.76", "$3,565.76", "⛔ over"],
        ["search", "$1,200.00", "$400.00", "−$37.23", "$362.77", "✅ ok"],
    ]
    assert "1 other team is within budget and unchanged by this PR." in html


def test_resources_only_changed_largest_first_with_components_folded():
    html = to_html(render_markdown(multi(), facts=FACTS))
    resources = tables(html)[2]
    assert resources[0] == ["Resource", "Project", "Action", "Before", "After", "Change"]
    assert [row[0] for row in resources[1:4]] == [
        "aws_db_instance.ledger",
        "module.workers.aws_instance.worker",
        "aws_instance.indexer",
    ]
    assert "aws_instance.bastion" not in html  # unchanged: only in the unchanged project's row
    assert "<summary>Components of these 12 resources</summary>" in html
    assert "Database instance (on-demand, Multi-AZ, db.m5.2xlarge): 730 hours × $1.424 = $1,039.52" in html


def test_every_table_keeps_its_column_count():
    for result in (comment_cases.small(), multi(), huge()):
        markdown = render_markdown(result, facts=FACTS)
        markdown_rows_keep_columns(markdown)
        for table in tables(to_html(markdown)):
            assert {len(row) for row in table} == {len(table[0])}


def test_facts_name_the_commit_sources_and_run():
    html = to_html(render_markdown(multi(), facts=FACTS))
    facts = html.split("<sub>")[1]
    assert "Computed for commit <code>3f9c2a7d1e5b</code>" in facts
    # the hand-entered prices (2026-11-01) and the Karpenter EC2 table (2026-07-20)
    assert "oldest as of 2026-07-20" in facts and "this comment is updated on every push" in facts
    assert links(html) == ["https://github.com/acme/infra/actions/runs/123456789"]


def test_facts_from_the_environment_are_checked():
    env = {
        "GITHUB_SHA": "ABCDEF1234567",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "acme/infra",
        "GITHUB_RUN_ID": "42",
    }
    facts = CommentFacts.from_env(env)
    assert facts == CommentFacts("abcdef1234567", "https://github.com/acme/infra/actions/runs/42")
    assert CommentFacts.from_env(env, commit="1234567890abcdef").commit == "1234567890abcdef"
    hostile = {**env, "GITHUB_SHA": "main; rm", "GITHUB_SERVER_URL": "javascript:alert(1)//"}
    assert CommentFacts.from_env(hostile) == CommentFacts("", "")
    assert CommentFacts.from_env({**env, "GITHUB_REPOSITORY": "a/b) [x](https://evil"}).run_url == ""


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "@org/team",
    "a|b|c",
    "`code` ``x``",
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "**bold** _it_ #123 GH-123 www.evil.com https://evil.com",
    "line\nbreak\r\n| injected | row |",
    "txt\u202eexe.sh",
    "<details><summary>x</summary>",
]


def resource(address: str, before: str, after: str, **kwargs) -> ResourceEstimate:
    action = "create" if before == "0" else "update"
    fields = {"status": PRICED, "reason": "", "components": (), **kwargs}
    return ResourceEstimate(
        address, "aws_instance", action, "us-east-1", fields.pop("status"), fields.pop("reason"),
        Decimal(before), Decimal(after), fields.pop("components"), **fields,
    )  # fmt: skip


def hostile_result() -> CheckResult:
    module_keys = [f'module.svc["{name}"].aws_instance.x' for name in HOSTILE]
    component = PricedComponent(HOSTILE[0], HOSTILE[1], None, None, None, not_priced_reason=HOSTILE[6])
    resources = [
        resource(
            address, "0", str(10 + i), project=HOSTILE[i], components=(component,), status=NOT_PRICED if i % 3 == 0 else PRICED,
            reason=f"reason {HOSTILE[-1 - i]}",
        )
        for i, address in enumerate(module_keys)
    ]  # fmt: skip
    projects = [Project(name, "p", Decimal(0), Decimal(10 + i)) for i, name in enumerate(HOSTILE)]
    projects.append(Project(HOSTILE[4], "q", Decimal(5), Decimal(5)))  # unchanged: folded with its name
    findings = [
        Finding(HOSTILE[i % len(HOSTILE)], "warn", module_keys[i % 10], HOSTILE[-1 - i % 10])
        for i in range(30)
    ]
    findings += [
        Finding(HOSTILE[2], "block", HOSTILE[3], HOSTILE[6], Decimal(5), team=HOSTILE[1]) for _ in range(7)
    ]
    budgets = [BudgetStatus(name, Decimal(100), Decimal(10), Decimal(80), "warn", name) for name in HOSTILE]
    estimate = Estimate(tuple(resources), tuple(projects), tuple(HOSTILE), tuple((n, n) for n in HOSTILE))
    attribution = Attribution({}, Decimal(50), Decimal(50), tuple(HOSTILE))
    return CheckResult(estimate, tuple(findings), tuple(budgets), Verdict("blocked", HOSTILE[7]), attribution)


@pytest.mark.parametrize("max_chars", [GITHUB_COMMENT_LIMIT, 4000])
def test_hostile_addresses_tags_module_keys_and_team_names_stay_text(max_chars):
    markdown = render_markdown(hostile_result(), facts=FACTS, max_chars=max_chars)
    html = to_html(markdown)
    assert tags(html) <= ALLOWED_TAGS
    assert set(links(html)) <= {FACTS.run_url}
    text = text_of(html)
    assert not re.search(r"@[A-Za-z]", text)  # no mention: a word joiner follows every @
    assert not re.search(r"#\d|GH-\d", text)  # no issue reference
    assert not re.search(r"https?://(?!github\.com/acme)|www\.", text)  # no bare link
    assert "\u202e" not in html
    assert "<img src=x onerror=alert(1)>" not in html  # shown escaped, as the characters
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    markdown_rows_keep_columns(markdown)
    for table in tables(html):
        assert {len(row) for row in table} == {len(table[0])}


def test_hostile_text_keeps_every_character_people_read():
    html = to_html(render_markdown(hostile_result(), facts=FACTS))
    text = text_of(html).replace("\u2060", "")
    for name in ("a|b|c", "`code` ``x``", "[click](javascript:alert(1))", "**bold** _it_ #123 GH-123"):
        assert name in text


def test_a_3000_resource_plan_fits_and_says_what_it_left_out():
    result = huge()
    markdown = render_markdown(result, facts=FACTS)
    assert len(markdown) <= GITHUB_COMMENT_LIMIT
    html = to_html(markdown)
    # 2,000 m5.xlarge x $140.96 (730 h x $0.192 + 8 GB gp2 x $0.10) = $281,920 and 1,000 gp2 volumes of
    # 100..499 GB x $0.10 = $29,290 (the sizes cycle: 400 sizes, 2.5 times): +$311,210.00
    assert "<strong>Monthly cost change: +$311,210.00</strong>" in html
    assert "<strong>Verdict: ⛔ blocked</strong>" in html
    assert "✂️ To fit GitHub's size limit this comment shortened" in html
    assert '<a href="https://github.com/acme/infra/actions/runs/123456789">this run</a>' in html
    assert "…and 2,800 smaller changes, in the JSON report." in html
    # Cut further, the resources go first, from the bottom up; the top block and the facts stay
    small = render_markdown(result, facts=FACTS, max_chars=3500)
    assert len(small) <= 3500
    assert "left out resources" in small and "#### Resources" not in small
    assert "**Verdict: ⛔ blocked**" in small and "this comment is updated on every push" in small


def test_a_limit_below_the_top_block_still_holds():
    assert len(render_markdown(multi(), facts=FACTS, max_chars=300)) <= 300
    assert len(render_markdown(multi(), facts=FACTS, max_chars=20)) <= 20


def test_nothing_priced_is_not_a_zero_headline():
    estimate = Estimate(
        tuple(resource(f"aws_x.r{i}", "0", "0", status=NOT_PRICED, reason="no price") for i in range(3)),
        (),
        (),
        (),
    )
    html = to_html(render_markdown(estimate, facts=CommentFacts()))
    assert (
        "<strong>Monthly cost change: not priced</strong>: none of the 3 changed resources has a price."
        in html
    )
    assert "⚠️ 3 of 3 changed resources could not be priced: $0.00 is a lower bound." in html
    assert ["aws_x.r0", "create", "not priced", "not priced", "not priced"] in tables(html)[0]


def test_incomplete_and_assumed_region_resources_say_so():
    incomplete = resource("aws_db_instance.sql", "0", "4.60", incomplete=True, region_assumed=True)
    estimate = Estimate((incomplete, resource("aws_instance.a", "0", "70.08")), (), (), ())
    html = to_html(render_markdown(estimate, facts=CommentFacts()))
    assert "⚠️ 1 of 2 changed resources is priced only in part: $74.68 is a lower bound." in html
    assert "📍 1 resource was priced at the provider's default region: set <code>region</code>" in html
    assert ["aws_db_instance.sql", "create", "$0.00", "at least $4.60", "+$4.60 (partial)"] in tables(html)[0]
