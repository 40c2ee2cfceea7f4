"""Build estimates with configs by hand for the gate's tests (attribution, budgets, policies, check)."""

from __future__ import annotations

from typing import Any

from costgate.estimate.discounts import Discount
from costgate.estimate.pricer import Pricer
from costgate.gate.config import Config, config_from_dict
from costgate.model import Estimate, ProjectPlan
from costgate.plan.terraform import read_plan
from costgate.pricing.setup import price_chain
from tests.helpers import plan_document


def priced(
    *changes: dict[str, Any],
    path: str = "plan.json",
    configuration: dict | None = None,
    discounts: tuple[Discount, ...] = (),
) -> Estimate:
    document = plan_document(*changes)
    if configuration is not None:
        document["configuration"] = {**document["configuration"], **configuration}
    plan = read_plan(document, path)
    return Pricer(price_chain("embedded"), discounts=discounts).estimate([ProjectPlan("plan", path, plan)])


def config(**data: Any) -> Config:
    return config_from_dict(data)
