"""google_bigtable_instance: nodes of every cluster per node-hour; storage depends on usage.

Each `cluster` block is billed for its nodes (`num_nodes`, or the autoscaling minimum) in
its zone's region; storage is per GB-month by `storage_type` (SSD default, HDD) and
depends on the data stored in each cluster. (https://cloud.google.com/bigtable/pricing)
SKU descriptions (service "Cloud Bigtable", resourceFamily "ApplicationServices"):
"Bigtable Nodes" (node-hour), "Bigtable SSD Storage" and "Bigtable HDD Storage" (GiB-month);
this wording is not confirmed against the live catalog (the embedded catalog prices it for
us-central1).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.plan.regions import gcp_region
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, hourly, not_priced, number, usage

STORAGE_GB = UsageKey("storage_gb", "GB", "Data stored in each cluster")

SERVICE = "Cloud Bigtable"
FAMILY = "ApplicationServices"
STORAGE = {"SSD": "SSD", "HDD": "HDD"}


def google_bigtable_instance(side: Side) -> list[CostComponent]:
    clusters = side.get("cluster")
    if isinstance(clusters, Unknown):
        return [not_priced("Nodes", "node-hours", clusters.reason)]
    if not clusters or not isinstance(clusters, list):
        return [not_priced("Nodes", "node-hours", "the instance has no cluster block")]
    components: list[CostComponent] = []
    for number_, cluster in enumerate(clusters, start=1):
        if isinstance(cluster, Mapping):
            components.extend(cluster_components(side, number_, cluster, len(clusters)))
    return components


def cluster_components(
    side: Side, position: int, cluster: Mapping[str, Any], count: int
) -> list[CostComponent]:
    prefix = f"Cluster {position} " if count > 1 else ""
    region = gcp_region(cluster.get("zone")) or side.region
    storage_type = cluster.get("storage_type") or "SSD"
    scaling = cluster.get("autoscaling_config")
    scaling = scaling[0] if isinstance(scaling, list) and scaling else None
    nodes = number(cluster.get("num_nodes"))
    per = None
    if (
        isinstance(scaling, Mapping)
        and isinstance(scaling.get("min_nodes"), int)
        and isinstance(scaling.get("max_nodes"), int)
    ):
        # Autoscaled: priced at the current size (the minimum until Bigtable scales), range shown.
        minimum, maximum = scaling["min_nodes"], scaling["max_nodes"]
        current = int(nodes) if isinstance(nodes, Decimal) and nodes else minimum
        per = Capacity("nodes", current, minimum, maximum)
    if nodes is None:
        nodes = Unknown(
            f"cluster.{position - 1}.num_nodes", "the cluster's num_nodes is known only after apply"
        )
    components = [
        hourly(
            f"{prefix}nodes",
            gcp_query(side, SERVICE, FAMILY, "Bigtable Nodes", region=region),
            1 if per else nodes,
            unit="node-hours",
            per=per,
        )
    ]
    if storage_type not in STORAGE:
        components.append(
            not_priced(
                f"{prefix}storage ({storage_type})",
                "GB-months",
                f"Bigtable storage type {storage_type!r} is not priced yet",
            )
        )
    else:
        components.append(
            usage(
                f"{prefix}storage ({storage_type})",
                "GB-months",
                gcp_query(side, SERVICE, FAMILY, f"Bigtable {storage_type} Storage", region=region),
                STORAGE_GB,
                quantity=side.usage(STORAGE_GB),
            )
        )
    return components


def first_cluster_region(values: Mapping[str, Any]) -> str | None:
    """An instance has no region of its own: it lives where its first cluster's zone is."""
    clusters = values.get("cluster")
    if isinstance(clusters, list) and clusters and isinstance(clusters[0], Mapping):
        return gcp_region(clusters[0].get("zone"))
    return None


GOOGLE_BIGTABLE_INSTANCE = CostModel(
    "google_bigtable_instance",
    google_bigtable_instance,
    usage_keys=(STORAGE_GB,),
    region=first_cluster_region,
    free_sub_types=(
        "google_bigtable_table",
        "google_bigtable_gc_policy",
        "google_bigtable_app_profile",
        "google_bigtable_instance_iam_binding",
        "google_bigtable_instance_iam_member",
    ),
)
