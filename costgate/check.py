"""Budgets, policies and the verdict for an estimate.

placeholder until the policies branch lands: the contract's signature, a passing verdict, no
findings and no budgets.
"""

from __future__ import annotations

from decimal import Decimal

from costgate.config import Config
from costgate.model import Attribution, CheckResult, Estimate, Verdict


def run_check(estimate: Estimate, config: Config, *, approved: bool = False) -> CheckResult:
    verdict = Verdict("pass", "no policy or budget applies", approved=approved)
    attribution = Attribution({}, Decimal(0), Decimal(0), ())
    return CheckResult(estimate, (), (), verdict, attribution)
