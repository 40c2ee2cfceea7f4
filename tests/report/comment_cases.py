"""The three plans the comment's golden files and screenshot are made from: small, multi-project, huge.

Each is priced and checked by the real pipeline from hand-written plan documents (modelled on the
corpus), so a golden file changes when pricing, policies or rendering change, and a reviewer reads
the difference.
"""

from __future__ import annotations

from typing import Any

from costgate.estimate.pricer import Pricer
from costgate.gate.check import run_check
from costgate.gate.config import config_from_dict
from costgate.model import CheckResult, Estimate, ProjectPlan
from costgate.plan.read import read_document
from costgate.plan.terraform import read_plan
from costgate.pricing.setup import price_chain
from costgate.report.comment_facts import CommentFacts
from tests.helpers import FIXTURES, REGION_HOOKS, change, plan_document

ROOT = FIXTURES.parent
FACTS = CommentFacts(
    commit="3f9c2a7d1e5b4c8a9f0e6d2b1a7c3e5f9d8b4a21",
    run_url="https://github.com/acme/infra/actions/runs/123456789",
)
PACKS = ["finops-defaults", "example-platform"]  # the shipped packs, by name


def small() -> Estimate:
    path = FIXTURES / "plans" / "example.json"
    plan = read_plan(read_document(path), str(path), None, region_hooks=REGION_HOOKS)
    return Pricer(price_chain("embedded")).estimate([ProjectPlan("example", str(path), plan)])


def _tags(team: str, env: str = "dev") -> dict[str, str]:
    return {"team": team, "env": env}


def _multi_plans() -> list[tuple[str, dict[str, Any]]]:
    payments = [
        change(
            "aws_db_instance",
            {
                "engine": "postgres",
                "instance_class": "db.m5.2xlarge",
                "allocated_storage": 200,
                "storage_type": "gp2",
                "multi_az": True,
                "tags": _tags("payments"),
            },
            name="ledger",
        ),
        change(
            "aws_instance",
            {"instance_type": "m5.4xlarge", "tags": _tags("payments")},
            name="worker",
            module="module.workers",
        ),
        *(
            change(
                "aws_ebs_volume", {"type": "gp2", "size": 20 + i, "tags": _tags("payments")}, name=f"cache{i}"
            )
            for i in range(8)
        ),
    ]
    search = [
        change(
            "aws_instance",
            {"instance_type": "m5.large", "tags": _tags("search")},
            before={"instance_type": "m5.xlarge", "tags": _tags("search")},
            name="indexer",
        ),
        change("aws_nat_gateway", {"connectivity_type": "public", "tags": {"team": "search"}}, name="egress"),
        change("aws_sqs_queue", {"name": "jobs"}, name="jobs"),
    ]
    untouched = [
        change(
            "aws_instance",
            {"instance_type": "t3.micro", "tags": _tags("platform")},
            before={"instance_type": "t3.micro", "tags": _tags("platform")},
            actions=["no-op"],
            name="bastion",
        )
    ]
    return [
        ("payments", plan_document(*payments)),
        ("search", plan_document(*search)),
        ("platform", plan_document(*untouched)),
    ]


MULTI_CONFIG = {
    "teams": {
        "payments": {
            "monthly_budget": 2500,
            "current_monthly_spend": 1900,
            "owners": {"tags": {"team": "payments"}},
        },
        "search": {
            "monthly_budget": 1200,
            "current_monthly_spend": 400,
            "owners": {"tags": {"team": "search"}},
        },
        "platform": {
            "monthly_budget": 800,
            "current_monthly_spend": 300,
            "owners": {"tags": {"team": "platform"}},
        },
    },
    "thresholds": {"warn_at_percent": 80, "block_at_percent": 100},
    "policies": PACKS,
}


def _checked(plans: list[tuple[str, dict[str, Any]]], config: dict[str, Any]) -> CheckResult:
    pricer = Pricer(price_chain("embedded"))
    several = len(plans) > 1
    projects = []
    for name, document in plans:
        path = f"infra/{name}/plan.json"
        plan = read_plan(document, path, None, project=name if several else "", region_hooks=REGION_HOOKS)
        projects.append(ProjectPlan(name, path, plan))
    return run_check(pricer.estimate(projects), config_from_dict(config), pricer)


def multi_project() -> CheckResult:
    return _checked(_multi_plans(), MULTI_CONFIG)


def huge(count: int = 3000) -> CheckResult:
    """3,000 instances and volumes over 60 modules, half without their tags: thousands of findings."""
    changes = []
    for index in range(count):
        module = f"module.service{index % 60}"
        tags = _tags("payments") if index % 2 else {"team": "payments"}
        if index % 3:
            changes.append(
                change(
                    "aws_instance",
                    {"instance_type": "m5.xlarge", "tags": tags},
                    name="node",
                    index=index,
                    module=module,
                )
            )
        else:
            changes.append(
                change(
                    "aws_ebs_volume",
                    {"type": "gp2", "size": 100 + index % 400, "tags": tags},
                    name="data",
                    index=index,
                    module=module,
                )
            )
    config = {**MULTI_CONFIG, "teams": {"payments": MULTI_CONFIG["teams"]["payments"]}}
    return _checked([("fleet", plan_document(*changes))], config)
