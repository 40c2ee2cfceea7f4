"""PlanContext's indexes answer exactly what a scan over every resource answered (on the real-plan corpus)."""

from __future__ import annotations

import pytest

from costgate.plan.addresses import resource_part
from costgate.plan.context import PlanContext, _references, _target
from costgate.plan.read import read_document
from costgate.plan.terraform import read_plan
from costgate.resources.registry import REGION_HOOKS
from tests.helpers import CORPUS, change, plan_document

PLANS = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []


def _scan_of_type(changes, resource_type, is_after):
    found = []
    for target in changes:
        if target.mode != "managed" or target.deposed or target.type != resource_type:
            continue
        values = (target.after if is_after else target.before) or None
        if values is not None:
            found.append((target.address, id(values)))
    return found


def _scan_referring(context, changes, change, resource_type, attribute, is_after):
    own = resource_part(change.address).split("[", 1)[0]
    found = []
    for other in changes:
        if (
            other.mode != "managed"
            or other.deposed
            or other.module != change.module
            or other.type != resource_type
        ):
            continue
        references = _references(context.config_expressions(other), attribute.split("."))
        if any(ref == own or ref.startswith(own + ".") for ref in references):
            found.extend(t.change.address for t in _target(other, is_after))
    return found


def _readable(path):
    try:
        return read_plan(read_document(path), path.name, "us-east-1", region_hooks=REGION_HOOKS)
    except Exception:  # noqa: BLE001 - plans costgate rejects have no context to compare
        return None


@pytest.mark.skipif(not PLANS, reason="the shared corpus is not beside the repository")
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem[:60])
def test_indexes_match_a_full_scan_on_the_corpus(path):
    plan = _readable(path)
    if plan is None:
        pytest.skip("costgate rejects this plan")
    context = PlanContext(plan.changes, plan.configuration)
    types = sorted({c.type for c in plan.changes})
    for is_after in (True, False):
        for resource_type in types:
            indexed = sorted(
                (t.change.address, id(t.values)) for t in context.of_type(resource_type, is_after)
            )
            assert indexed == sorted(_scan_of_type(plan.changes, resource_type, is_after))
        for item in plan.changes:
            for resource_type, attribute in (
                ("aws_appautoscaling_target", "resource_id"),
                ("google_compute_autoscaler", "target"),
                ("aws_volume_attachment", "instance_id"),
            ):
                indexed = [
                    t.change.address for t in context.referring(item, resource_type, attribute, is_after)
                ]
                assert sorted(indexed) == sorted(
                    _scan_referring(context, plan.changes, item, resource_type, attribute, is_after)
                )


def test_value_index_finds_targets_by_attribute_text():
    # Two autoscaling targets for two tables; each table finds only its own, whatever the plan order.
    plan = read_plan(
        plan_document(
            change(
                "aws_appautoscaling_target",
                {"resource_id": "table/b", "service_namespace": "dynamodb"},
                name="tb",
            ),
            change("aws_dynamodb_table", {"name": "a"}, name="a"),
            change(
                "aws_appautoscaling_target",
                {"resource_id": "table/a", "service_namespace": "dynamodb"},
                name="ta",
            ),
            change("aws_appautoscaling_target", {"resource_id": ["table/a"]}, name="odd"),
        ),
        "plan.json",
    )
    context = PlanContext(plan.changes, plan.configuration)
    found = context.of_type_with("aws_appautoscaling_target", "resource_id", "table/a", True)
    assert [t.change.address for t in found] == ["aws_appautoscaling_target.ta"]
    assert context.of_type_with("aws_appautoscaling_target", "resource_id", "table/c", True) == []
