"""The terminal table: fits the width, wraps instead of cutting, NO_COLOR, narrow encodings, inert plan text."""

from __future__ import annotations

import io
from decimal import Decimal

from costgate.model import (
    NOT_PRICED,
    PRICED,
    Attribution,
    BudgetStatus,
    CheckResult,
    Estimate,
    Finding,
    PricedComponent,
    ResourceEstimate,
    Verdict,
)
from costgate.report.table import render_check_table, render_table, wrap
from costgate.report.terminal import Terminal

LONG = 'module.platform_network.module.vpc_endpoints.aws_vpc_endpoint.interface["secretsmanager"]'
INJECTION = "x\n::error file=main.tf::pwned\n::add-mask::secret"


def estimate() -> Estimate:
    component = PricedComponent(
        "Instance usage (Linux/UNIX, on-demand, m5.large)",
        "hours",
        Decimal(730),
        Decimal("0.096"),
        Decimal("70.08"),
    )
    missing = PricedComponent("Storage", "GB-months", None, None, None, not_priced_reason=INJECTION)
    resources = (
        ResourceEstimate(LONG, "aws_instance", "create", "us-east-1", PRICED, "", Decimal(0), Decimal("70.08"),
                         (component, missing), incomplete=True),
        ResourceEstimate(f"aws_s3_bucket.{INJECTION}", "aws_s3_bucket", "create", "us-east-1", NOT_PRICED,
                         f"no price: {INJECTION}", Decimal(0), Decimal(0), ()),
    )  # fmt: skip
    return Estimate(resources, (), (f"warning {INJECTION}",), (("embedded catalog", "2026-11-01"),))


def check() -> CheckResult:
    finding = Finding("tags", "warn", LONG, f"add the team tag: {INJECTION}")
    budget = BudgetStatus(f"team{INJECTION}", Decimal(100), Decimal(50), Decimal("70.08"), "block", "over")
    verdict = Verdict("blocked", f"team is over budget by $20.08; {INJECTION}")
    return CheckResult(
        estimate(), (finding,), (budget,), verdict, Attribution({}, Decimal(0), Decimal(0), ())
    )


def test_fits_sixty_columns_and_wraps_what_a_user_acts_on():
    table = render_check_table(check(), Terminal(width=60, known_width=True))
    lines = table.splitlines()
    assert max(map(len, lines)) <= 60
    flat = " ".join(table.split())
    assert LONG.replace(" ", "") in flat.replace(" ", "")  # the address is wrapped, never cut
    assert "…" not in table
    # 730 h x $0.096 = $70.08, a lower bound: the storage has no price
    amounts = next(line for line in lines if "at least" in line)
    assert amounts.split() == ["$0.00", "at", "least", "$70.08", "+$70.08", "(partial)"]


def test_plan_text_cannot_start_a_workflow_command():
    for terminal in (Terminal(width=60, known_width=True), Terminal()):
        table = render_check_table(check(), terminal)
        for line in table.splitlines():
            assert not line.lstrip().startswith("::") and not line.lstrip().startswith("##[")
        assert "::error" not in table and "::add-mask::" not in table


def test_unknown_width_keeps_free_text_on_one_line():
    table = render_check_table(check(), Terminal())
    verdict = table.rstrip().splitlines()[-1]
    assert verdict.startswith(
        "Verdict: BLOCKED: team is over budget by $20.08; x : :error file=main.tf: :pwned"
    )


def test_narrow_encoding_gets_ascii_and_never_fails():
    table = render_table(estimate(), Terminal(width=60, encoding="cp1252", known_width=True))
    table.encode("cp1252")  # would raise UnicodeEncodeError on ─ or −
    assert "─" not in table and "-" * 60 in table
    assert "730 hours x $0.096" in table


def test_colour_only_on_a_tty_without_no_color():
    class Tty(io.StringIO):
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            raise OSError("no real terminal")

    assert Terminal.detect(Tty(), {}).color
    assert not Terminal.detect(Tty(), {"NO_COLOR": "1"}).color
    assert not Terminal.detect(Tty(), {"TERM": "dumb"}).color
    assert not Terminal.detect(io.StringIO(), {}).color
    coloured = render_check_table(check(), Terminal(width=100, color=True))
    assert "\x1b[31mBLOCKED\x1b[0m" in coloured
    assert "\x1b[" not in render_check_table(check(), Terminal(width=100))


def test_width_from_columns_then_the_tty():
    assert Terminal.detect(io.StringIO(), {"COLUMNS": "60"}) == Terminal(60, "utf-8", False, True)
    assert Terminal.detect(io.StringIO(), {"COLUMNS": "10"}).width == 40  # the narrowest the table draws
    assert Terminal.detect(io.StringIO(), {"COLUMNS": "wide"}) == Terminal(100, "utf-8", False, False)


def test_wrap_breaks_at_spaces_then_dots_and_loses_nothing():
    assert wrap("aaa bbb ccc", 7) == ["aaa bbb", "ccc"]
    assert wrap("module.alpha.aws_instance.web", 14) == ["module.alpha.", "aws_instance.", "web"]
    assert "".join(wrap("x" * 25, 10)) == "x" * 25
