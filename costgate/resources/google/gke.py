"""GKE clusters and node pools (cloud.google.com/kubernetes-engine/pricing).

A cluster pays a management fee per cluster-hour ($0.10 for zonal, regional and
Autopilot clusters; the free-tier credit for one zonal/Autopilot cluster per billing
account is not applied). Nodes are Compute Engine VMs: a node pool runs
`node_count` (or the autoscaling minimum) nodes in each of its zones.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, hourly, number
from costgate.resources.google.disks import DEFAULT, disk_components, local_ssd_components
from costgate.resources.google.machines import gpu_components, machine_components

SERVICE = "Kubernetes Engine"
_ZONE = re.compile(r"^[a-z]+-[a-z]+\d+-[a-z]$")
_POOL_NAME = re.compile(r"^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$")  # GKE's rule for node pool names
REGIONAL_ZONES = 3  # a regional cluster without node_locations runs nodes in three zones of its region
DEFAULT_MACHINE_TYPE = "e2-medium"
DEFAULT_NODE_DISK_GB = 100


def _zones(location: Any, node_locations: Any) -> int | Unknown:
    if isinstance(node_locations, Unknown):
        return node_locations
    zonal = isinstance(location, str) and bool(_ZONE.match(location))
    if isinstance(node_locations, list) and node_locations:
        if not all(isinstance(zone, str) for zone in node_locations):
            return Unknown("node_locations", "the plan's node_locations is not a list of zones")
        # A zonal cluster's node_locations are its additional zones (the docs say to omit the cluster's own).
        return len(set(node_locations) | ({location} if zonal else set()))
    if isinstance(location, Unknown):
        return location
    return 1 if zonal else REGIONAL_ZONES


def node_components(
    side: Side, per: Capacity | None, pool: str = "", label: str = "Node"
) -> list[CostComponent]:
    """One node of the pool described by the node_config block under `pool` ("node_pool.0." for an
    inline pool of a cluster, "" for a node pool resource or the default pool).

    Read through Side.setting, so a machine type or disk the provider computes gives GKE's
    default, while one configured but known only after apply stays unknown (never a wrong default).
    """
    config = side.block(f"{pool}node_config") or {}
    preemptible = config.get("preemptible") is True or config.get("spot") is True
    components = machine_components(
        side,
        side.setting(f"{pool}node_config.0.machine_type", DEFAULT_MACHINE_TYPE),
        preemptible=preemptible,
        label=f"{label} usage",
        per=per,
    )
    disk_size = side.setting(f"{pool}node_config.0.disk_size_gb", None)
    components += disk_components(
        side,
        side.setting(f"{pool}node_config.0.disk_type", "pd-standard"),
        Decimal(DEFAULT_NODE_DISK_GB) if disk_size is None else number(disk_size),
        label=f"{label} boot disk",
        per=per,
        note=DEFAULT if disk_size is None else "",
    )
    components += local_ssd_components(side, int(config.get("local_ssd_count") or 0), per=per)
    components += gpu_components(side, config.get("guest_accelerator"), preemptible=preemptible, per=per)
    return components


def google_container_cluster(side: Side) -> list[CostComponent]:
    location = side.get("location")
    autopilot = side.get("enable_autopilot") is True
    if autopilot:
        description, kind = "Autopilot Kubernetes Clusters", "Autopilot"
    elif isinstance(location, str) and _ZONE.match(location):
        description, kind = "Zonal Kubernetes Clusters", "zonal"
    else:
        description, kind = "Regional Kubernetes Clusters", "regional"
    components = [
        hourly(
            f"Cluster management fee ({kind})",
            gcp_query(side, SERVICE, "Compute", description, region="global"),
        )
    ]
    if autopilot:
        return components  # Autopilot bills pod resource requests, which depend on the workloads
    cluster_zones = side.setting("node_locations", None)
    pools = side.get("node_pool")
    if isinstance(pools, list) and pools:
        # Inline node_pool blocks replace the default pool (initial_node_count is then not used).
        for index, pool in enumerate(pools):
            if isinstance(pool, dict):
                components += _inline_pool(side, index, pool, location, cluster_zones)
        return components
    if side.get("remove_default_node_pool") is True:
        return components
    zones = _zones(location, cluster_zones)
    # initial_node_count is per zone: a regional cluster runs it in each of its three zones.
    nodes = number(side.setting("initial_node_count", 1), Decimal(1))
    if isinstance(zones, Unknown) or isinstance(nodes, Unknown):
        missing = zones if isinstance(zones, Unknown) else nodes
        return components + [hourly("Default node pool", missing)]  # type: ignore[arg-type]
    count = int(nodes) * zones
    return components + node_components(side, Capacity("nodes", count, count, count))


def _inline_pool(
    side: Side, index: int, pool: dict[str, Any], location: Any, cluster_zones: Any
) -> list[CostComponent]:
    """One node_pool block of a cluster: node_count (else initial_node_count, else the autoscaling
    minimum) nodes in each zone of the pool's node_locations, else the cluster's.

    A resource's estimate has one capacity range, and a cluster may have several pools, so each
    pool's components carry its node count in their quantity and name instead.
    """
    prefix = f"node_pool.{index}."
    # The name goes into component names: only a name GKE accepts, else the pool's position.
    given = pool.get("name")
    name = given if isinstance(given, str) and _POOL_NAME.match(given) else str(index)
    pool_zones = side.setting(prefix + "node_locations", None)
    zones = _zones(location, pool_zones if pool_zones else cluster_zones)
    if isinstance(zones, Unknown):
        return [hourly(f"Node pool {name}: node usage", zones)]  # type: ignore[arg-type]
    size = _pool_size(side, prefix, zones)
    if isinstance(size, Unknown):
        return [hourly(f"Node pool {name}: node usage", size)]  # type: ignore[arg-type]
    nodes = size.current
    label = f"Node pool {name} ({nodes} node{'s' if nodes != 1 else ''}): node"
    return [
        replace(component, monthly_quantity=component.monthly_quantity * nodes)
        if isinstance(component.monthly_quantity, Decimal)
        else component
        for component in node_components(side, None, pool=prefix, label=label)
    ]


def _pool_size(side: Side, prefix: str, zones: int) -> Capacity | Unknown:
    autoscaling = side.block(prefix + "autoscaling")
    node_count = number(side.get(prefix + "node_count"))
    if node_count is None or isinstance(node_count, Unknown):
        node_count = number(side.get(prefix + "initial_node_count"), node_count)
    if autoscaling:
        total = autoscaling.get("total_min_node_count") is not None or (
            autoscaling.get("total_max_node_count") is not None
        )
        scale = 1 if total else zones
        minimum = int(autoscaling.get("total_min_node_count" if total else "min_node_count") or 0) * scale
        maximum = int(autoscaling.get("total_max_node_count" if total else "max_node_count") or 0) * scale
        maximum = max(maximum, minimum)
        current = int(node_count) * zones if isinstance(node_count, Decimal) else minimum
        current = max(minimum, min(current, maximum))
        return Capacity("nodes", current, minimum, maximum)
    if isinstance(node_count, Decimal):
        count = int(node_count) * zones
        return Capacity("nodes", count, count, count)
    return node_count if isinstance(node_count, Unknown) else Unknown("node_count", "node_count is not set")


NODES = UsageKey("nodes", "nodes", "Nodes per zone on average, instead of node_count")


def google_container_node_pool(side: Side) -> list[CostComponent]:
    # With `[count.index]` the reference reaches the cluster with this pool's own index (PlanContext).
    cluster = next(iter(side.referenced("cluster", "google_container_cluster")), None)
    location = side.setting("location", None)  # computed from the cluster when not configured
    if location is None and cluster is not None:
        location = cluster.get("location")
    # node_locations is computed (unknown until apply) when not configured: the location decides then.
    node_locations = side.setting("node_locations", None)
    if not node_locations and cluster is not None:
        node_locations = cluster.setting("node_locations", None)
    zones = _zones(location, node_locations)
    autoscaling = side.block("autoscaling")
    node_count = number(side.get("node_count")) if side.usage(NODES) is None else side.usage(NODES)
    if node_count is None or isinstance(node_count, Unknown):
        node_count = number(side.get("initial_node_count"), node_count)
    if isinstance(zones, Unknown):
        return [hourly("Node usage", zones)]  # type: ignore[arg-type]
    if autoscaling and (
        autoscaling.get("total_min_node_count") is not None
        or autoscaling.get("total_max_node_count") is not None
    ):
        minimum = int(autoscaling.get("total_min_node_count") or 0)
        maximum = int(autoscaling.get("total_max_node_count") or minimum)
        current = int(node_count) * zones if isinstance(node_count, Decimal) else minimum
    elif autoscaling:
        minimum = int(autoscaling.get("min_node_count") or 0) * zones
        maximum = int(autoscaling.get("max_node_count") or 0) * zones
        current = int(node_count) * zones if isinstance(node_count, Decimal) else minimum
    elif isinstance(node_count, Decimal):
        minimum = maximum = current = int(node_count) * zones
    else:
        reason = (
            node_count if isinstance(node_count, Unknown) else Unknown("node_count", "node_count is not set")
        )
        return [hourly("Node usage", reason)]
    current = max(minimum, min(current, maximum)) if maximum >= minimum else current
    return node_components(side, Capacity("nodes", current, minimum, max(maximum, current)))


GOOGLE_CONTAINER_CLUSTER = CostModel("google_container_cluster", google_container_cluster)
GOOGLE_CONTAINER_NODE_POOL = CostModel(
    "google_container_node_pool",
    google_container_node_pool,
    usage_keys=(NODES,),
    follows=("google_container_cluster",),
)
