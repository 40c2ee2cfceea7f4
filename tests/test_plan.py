"""The plan reader over every shape Terraform writes, built on fixtures/plans/core."""

import json
from decimal import Decimal

import pytest

from costgate.errors import CostgateError
from costgate.plan.read import read_document
from costgate.plan.terraform import read_plan
from tests.helpers import FIXTURES, run_estimate

CORE = FIXTURES / "plans" / "core"


def load(name: str) -> dict:
    return json.loads((CORE / name).read_text())


def by_address(plan):
    return {change.address: change for change in plan.changes}


def test_actions_are_normalised():
    changes = by_address(read_plan(load("actions.json"), "actions.json"))
    assert changes["aws_instance.create_before_destroy"].action == "replace"
    assert changes["aws_instance.destroy_before_create"].action == "replace"
    assert changes["aws_instance.old (deposed a1b2c3d4)"].action == "delete"
    assert changes["aws_instance.old (deposed a1b2c3d4)"].deposed
    assert changes["aws_instance.forgotten"].action == "forget"
    assert changes["aws_instance.odd_noop"].action == "no-op"
    assert changes["data.aws_ami.ubuntu"].action == "read"
    assert changes["data.aws_ami.ubuntu"].mode == "data"


def test_actions_are_priced_on_the_right_side():
    result = run_estimate(load("actions.json"))
    resources = {r.address: r for r in result.resources}
    # replace t3.medium -> m5.large: before 730 x 0.0416 + 8 GB x 0.10 = 30.368 + 0.80 = 31.168
    # after 730 x 0.096 + 0.80 = 70.88
    replaced = resources["aws_instance.create_before_destroy"]
    assert (replaced.monthly_before, replaced.monthly_after) == (Decimal("31.1680"), Decimal("70.8800"))
    # deposed t3.large is deleted: 730 x 0.0832 + 0.80 = 61.536 goes away
    deposed = resources["aws_instance.old (deposed a1b2c3d4)"]
    assert (deposed.monthly_before, deposed.monthly_after) == (Decimal("61.5360"), Decimal(0))
    # forget: Terraform stops managing it, the instance keeps running, cost unchanged (70.88 both sides)
    forgotten = resources["aws_instance.forgotten"]
    assert forgotten.monthly_before == forgotten.monthly_after == Decimal("70.8800")
    # a no-op with after = null does not crash: nothing to price, and it says so
    odd = resources["aws_instance.odd_noop"]
    assert (odd.status, odd.reason, odd.monthly_delta) == (
        "not_priced",
        "the plan holds no attribute values for this resource",
        0,
    )
    # data sources are read, never priced, never listed
    assert "data.aws_ami.ubuntu" not in resources


def test_modules_count_and_for_each_addresses():
    changes = by_address(read_plan(load("regions.json"), "regions.json"))
    server = changes['module.app["eu"].aws_instance.server[0]']
    assert server.module == 'module.app["eu"]'
    db = changes['module.app["us"].module.db.aws_db_instance.main']
    assert db.module == 'module.app["us"].module.db'


def test_state_is_priced_as_current_monthly_cost():
    plan = read_plan(load("state.json"), "state.json")
    assert plan.is_state
    result = run_estimate(load("state.json"))
    resources = {r.address: r for r in result.resources}
    # t3.medium in us-east-2: 730 x 0.0416 = 30.368; root 20 GB gp3 x 0.08 = 1.60 -> 31.968
    assert resources["aws_instance.web"].monthly_after == Decimal("31.9680")
    # sc1 1000 GB x 0.015 = 15.00, in a child module
    assert resources["module.data.aws_ebs_volume.archive"].monthly_after == Decimal("15.000")
    assert result.monthly_delta == 0
    assert result.monthly_after == Decimal("46.9680")


def test_unknown_future_format_is_read_with_a_warning():
    plan = read_plan(load("future-format.json"), "future-format.json")
    assert plan.warnings == (
        "future-format.json: plan format_version 1.3 is newer than costgate knows (1.2); read as 1.x",
    )
    assert len(plan.changes) == 1


def test_unknown_major_format_is_an_error():
    with pytest.raises(CostgateError, match="unsupported plan format_version 2.0"):
        read_plan({"format_version": "2.0", "resource_changes": []}, "plan.json")


def test_malformed_resource_change_is_a_clear_error():
    with pytest.raises(CostgateError, match="a resource_changes entry is malformed"):
        read_plan(
            {
                "format_version": "1.2",
                "resource_changes": [{"address": "x", "change": {"actions": ["dance"]}}],
            },
            "p",
        )


def test_sensitive_values_are_masked_and_never_printed():
    changes = by_address(read_plan(load("sensitive.json"), "sensitive.json"))
    secret = changes["aws_db_instance.secret"]
    assert "hunter2" not in repr(secret.after)
    result = run_estimate(load("sensitive.json"))
    (resource,) = result.resources
    # the instance class is sensitive: that component is not priced, the reason says why
    instance = resource.components[0]
    assert instance.not_priced_reason == "depends on a sensitive value (instance_class)"
    assert "hunter2" not in repr(result)


def test_unknown_values_make_components_not_priced_not_zero():
    result = run_estimate(load("unknowns.json"))
    resources = {r.address: r for r in result.resources}
    from_template = resources["aws_instance.from_template"]
    instance = from_template.components[0]
    assert instance.not_priced_reason == "depends on a value known only after apply (instance_type)"
    # the root volume is computed by the provider: priced at its 8 GB gp2 default (8 x 0.10)
    assert from_template.monthly_after == Decimal("0.80")
    volume = resources["aws_ebs_volume.from_snapshot"]
    assert volume.status == "not_priced"
    assert (
        volume.reason
        == "Storage (General Purpose SSD, gp3): depends on a value known only after apply (size)"
    )
    # allocated_storage is configured from a variable that is unknown: not priced, the instance is
    sized_later = resources["aws_db_instance.sized_later"]
    storage = next(c for c in sized_later.components if c.name.startswith("Storage"))
    assert storage.not_priced_reason == "depends on a value known only after apply (allocated_storage)"
    assert sized_later.monthly_after == Decimal("24.8200")  # db.t3.small MySQL 730 x 0.034


def test_the_example_plan_reads_from_a_file():
    document = read_document(FIXTURES / "plans" / "example.json")
    plan = read_plan(document, "example.json")
    assert len(plan.changes) == 8
