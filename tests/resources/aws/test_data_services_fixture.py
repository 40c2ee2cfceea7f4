"""The data-services fixture plan: every resource priced, usage-based or free in us-east-1."""

import json
from decimal import Decimal

from tests.helpers import FIXTURES, run_estimate


def test_fixture_plan_is_fully_priced():
    document = json.loads((FIXTURES / "plans" / "aws" / "data-services.json").read_text())
    result = run_estimate(document)
    statuses = {r.address: r.status for r in result.resources}
    assert "not_priced" not in statuses.values()
    assert (result.count("priced"), result.count("free"), result.count("usage_based")) == (16, 7, 3)
    # the per-type figures are asserted in the service tests; this pins the sum of them
    assert result.monthly_after == Decimal("5776.633")
