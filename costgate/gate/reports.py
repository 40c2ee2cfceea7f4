"""One gated result from checked plans and from the JSON reports other jobs wrote.

A check report (`costgate check --format json`) carries its own verdict and is merged as it
is. A breakdown report has no plans, so nothing in it can be checked (no tags to attribute,
no attributes to re-price): it is shown as an estimate with a not_checked verdict, never
re-checked into a pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from costgate.errors import CostgateError
from costgate.gate.check import not_checked, verdict
from costgate.gate.config import Config
from costgate.gate.merge import merge_results
from costgate.model import Attribution, CheckResult, Estimate

# Nobody was attributed: nothing was checked.
NO_ATTRIBUTION = Attribution({}, Decimal(0), Decimal(0), ())


def gated(
    results: Sequence[tuple[str, Estimate | CheckResult]], config: Config, approved: bool = False
) -> CheckResult:
    """(origin path, result) pairs as one CheckResult; checked plans come with the origin "".

    `approved` (the PR's approval, known to the job that comments) also approves the blocks of
    reports other jobs checked without knowing it.
    """
    if not results:
        raise CostgateError("nothing to check: pass one or more plan JSON files or costgate JSON reports")
    merged = results[0][1] if len(results) == 1 else merge_results(results, config)
    if isinstance(merged, CheckResult):
        if approved and merged.verdict.status == "blocked" and not merged.verdict.approved:
            return replace(merged, verdict=verdict(merged.findings, merged.budgets, approved=True))
        return merged  # merge_results makes a check merged with breakdown reports not_checked
    return CheckResult(merged, (), (), not_checked([origin for origin, _ in results]), NO_ATTRIBUTION)
