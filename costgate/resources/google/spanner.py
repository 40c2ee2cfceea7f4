"""google_spanner_instance: compute capacity per node-hour; storage depends on usage.

Capacity is `num_nodes`, or `processing_units` / 1000 nodes. A regional instance config
("regional-us-central1") is priced in its region; multi-region configs (nam3, eur3, ...)
have their own rates, looked up under the config name as region. Only the Standard edition
(the default) is priced. (https://cloud.google.com/spanner/pricing)
SKU descriptions (service "Cloud Spanner", resourceFamily "ApplicationServices"):
"Spanner Instance Node" (node-hour) and "Spanner Storage" (GiB-month); this wording is not
confirmed against the live catalog (the embedded catalog prices it for us-central1).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.plan.regions import gcp_region
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, hourly, not_priced, number, usage

STORAGE_GB = UsageKey("storage_gb", "GB", "Average database storage")

SERVICE = "Cloud Spanner"
FAMILY = "ApplicationServices"


def config_region(config: object, default: str) -> str:
    if isinstance(config, str) and config.startswith("regional-"):
        return config.removeprefix("regional-")
    return config if isinstance(config, str) and config else default


def google_spanner_instance(side: Side) -> list[CostComponent]:
    config = side.get("config")
    if isinstance(config, Unknown):
        return [not_priced("Compute capacity", "node-hours", config.reason)]
    edition = side.setting("edition", "STANDARD")
    if isinstance(edition, str) and edition not in ("STANDARD", "EDITION_UNSPECIFIED"):
        return [
            not_priced(
                f"Compute capacity ({edition})",
                "node-hours",
                f"Spanner edition {edition!r} is not priced yet",
            )
        ]
    region = config_region(config, side.region)
    nodes = number(side.get("num_nodes"))
    if nodes is None or isinstance(nodes, Unknown):
        units = number(side.get("processing_units"))
        if units is not None and not isinstance(units, Unknown):
            nodes = units / 1000
        elif nodes is None:
            nodes = (
                units
                if isinstance(units, Unknown)
                else Unknown("num_nodes", "neither num_nodes nor processing_units is set")
            )
    label = "regional" if isinstance(config, str) and config.startswith("regional-") else str(config)
    return [
        hourly(
            f"Compute capacity ({label})",
            gcp_query(side, SERVICE, FAMILY, "Spanner Instance Node", region=region),
            nodes,
            unit="node-hours",
        ),
        usage(
            "Storage",
            "GB-months",
            gcp_query(side, SERVICE, FAMILY, "Spanner Storage", region=region),
            STORAGE_GB,
            quantity=side.usage(STORAGE_GB),
        ),
    ]


def regional_config_region(values: Mapping[str, Any]) -> str | None:
    """A regional instance config ("regional-us-central1") names the instance's region."""
    config = values.get("config")
    return gcp_region(config.removeprefix("regional-")) if isinstance(config, str) else None


GOOGLE_SPANNER_INSTANCE = CostModel(
    "google_spanner_instance",
    google_spanner_instance,
    usage_keys=(STORAGE_GB,),
    region=regional_config_region,
    free_sub_types=(
        "google_spanner_database",
        "google_spanner_database_iam_binding",
        "google_spanner_database_iam_member",
        "google_spanner_instance_iam_binding",
        "google_spanner_instance_iam_member",
    ),
)
