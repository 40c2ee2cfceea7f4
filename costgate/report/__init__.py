"""Renderers for an Estimate: table (terminal), JSON (machines), markdown (the PR comment)."""

from __future__ import annotations

from decimal import Decimal

from costgate.model import ResourceEstimate


def by_size_of_change(resource: ResourceEstimate) -> tuple[Decimal, Decimal, str]:
    """Largest change first, then largest cost, then address: the order every report lists resources in."""
    return (-abs(resource.monthly_delta), -resource.monthly_after, resource.address)
