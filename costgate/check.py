"""Budgets and policies over an estimate.

Placeholder until the policies branch lands: the contract's signature, no policies and no
budgets (verdict pass). The lead keeps the policies version at merge.
"""

from __future__ import annotations

from decimal import Decimal

from costgate.config import Config
from costgate.model import Attribution, CheckResult, Estimate, Verdict


def run_check(estimate: Estimate, config: Config, *, approved: bool = False) -> CheckResult:
    """Placeholder until the policies branch lands."""
    return CheckResult(
        estimate=estimate,
        findings=(),
        budgets=(),
        verdict=Verdict("pass", "no policies (placeholder check)", approved),
        attribution=Attribution({}, Decimal(0), Decimal(0), ()),
    )
