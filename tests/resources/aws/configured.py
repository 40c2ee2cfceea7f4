"""Plans whose `configuration` links resources, as Terraform writes references between them."""

from __future__ import annotations

from typing import Any

from tests.helpers import plan_document, run_estimate


def ref(*names: str) -> dict[str, Any]:
    return {"references": list(names)}


def estimate_linked(
    changes: list[dict[str, Any]], expressions: dict[str, dict[str, Any]], region: str = "us-east-1"
):
    """Estimate `changes` with configuration expressions by address ({"aws_ecs_service.api": {...}})."""
    document = plan_document(*changes, region=region)
    document["configuration"]["root_module"] = {
        "resources": [
            {
                "address": address,
                "mode": "managed",
                "type": address.split(".")[0],
                "name": address.split(".")[1],
                "expressions": exprs,
            }
            for address, exprs in expressions.items()
        ]
    }
    return {r.address: r for r in run_estimate(document).resources}
