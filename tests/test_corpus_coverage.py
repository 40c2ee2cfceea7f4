"""Unsupported resource types are under 1 % of the resource changes in the shared corpus of real plans."""

from decimal import Decimal

import pytest

from costgate.estimate.pricer import Pricer
from costgate.model import ProjectPlan
from costgate.plan.read import read_document
from costgate.plan.terraform import read_plan
from costgate.pricing.setup import price_chain
from tests.helpers import CORPUS

PLANS = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not PLANS, reason="the shared corpus is not present")
def test_unsupported_types_are_under_one_percent_of_corpus_changes():
    pricer = Pricer(price_chain("embedded"))
    changes, unsupported = 0, []
    for path in PLANS:
        plan = read_plan(read_document(path), path.name, default_region=None)
        for resource in pricer.estimate([ProjectPlan(path.stem, str(path), plan)]).resources:
            changes += 1
            if resource.reason.startswith("unsupported resource type"):
                unsupported.append(f"{path.name}: {resource.address}")
    assert changes > 250  # the corpus is there and read whole
    share = Decimal(len(unsupported)) / changes
    assert share < Decimal("0.01"), unsupported
