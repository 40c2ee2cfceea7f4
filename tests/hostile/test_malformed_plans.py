"""Malformed plans: each is one line and exit 2 naming the part, in `breakdown` and in `check` alike."""

from __future__ import annotations

import copy
import json

import pytest

from tests.helpers import FIXTURES
from tests.hostile.runs import CHECK_CONFIG, assert_handled, run_in_process

BASE = json.loads((FIXTURES / "plans" / "aws" / "compute.json").read_text())


def mutated(change) -> dict:
    plan = copy.deepcopy(BASE)
    change(plan)
    return plan


def first(plan):
    return plan["resource_changes"][0]


CASES = {
    "change null": (
        mutated(lambda p: first(p).update(change=None)),
        "resource_changes[0] ('aws_instance.windows') change: expected an object, got null",
    ),
    "change a list": (
        mutated(lambda p: first(p).update(change=[1])),
        "change: expected an object, got a list",
    ),
    "configuration text": (
        mutated(lambda p: p.update(configuration="x")),
        "configuration: expected an object, got text",
    ),
    "variables a list": (
        mutated(lambda p: p.update(variables=[1])),
        "variables: expected an object, got a list",
    ),
    "address a number": (
        mutated(lambda p: first(p).update(address=5)),
        "resource_changes[0].address: expected the resource address as text",
    ),
    "type a number": (
        mutated(lambda p: first(p).update(type=5)),
        "('aws_instance.windows').type: expected text, got a number",
    ),
    "provider_name a list": (
        mutated(lambda p: first(p).update(provider_name=["aws"])),
        ".provider_name: expected text, got a list",
    ),
    "after as text": (
        mutated(lambda p: first(p)["change"].update(after="m5.large")),
        "change.after: expected an object, got text",
    ),
    "actions as text": (
        mutated(lambda p: first(p)["change"].update(actions="create")),
        "change.actions: expected a list of action names",
    ),
    "after_sensitive a number": (
        mutated(lambda p: first(p)["change"].update(after_sensitive=3)),
        "change.after_sensitive: expected true, false, an object or a list",
    ),
    "state resources [null]": (
        {"format_version": "1.0", "values": {"root_module": {"resources": [None]}}},
        "values.root_module.resources[0]: expected an object, got null",
    ),
    "state child module text": (
        {"format_version": "1.0", "values": {"root_module": {"child_modules": ["x"]}}},
        "values.root_module.child_modules[0]: expected an object, got text",
    ),
    "nested 3,000 levels": (
        '{"format_version": "1.2", "resource_changes": [], "x": ' + "[" * 3000 + "]" * 3000 + "}",
        "the JSON is nested more than 200 levels deep",
    ),
    "nested 990 levels in a tag": (
        json.dumps(BASE).replace(
            '"monitoring": true', '"tags": ' + "[" * 990 + "]" * 990 + ', "monitoring": true', 1
        ),
        "the JSON is nested more than 200 levels deep",
    ),
    "lone surrogate": (
        json.dumps(BASE).replace("m5.large", "m5.large\\ud800", 1),
        "the JSON holds a lone UTF-16 surrogate",
    ),
}


@pytest.mark.parametrize("command", ["breakdown", "check"])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_malformed_plan_is_one_line_exit_2(tmp_path, command, case):
    document, expected = CASES[case]
    path = tmp_path / "plan.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    config = ["--config", CHECK_CONFIG] if command == "check" else []
    code, stdout, stderr = run_in_process(command, str(path), *config)
    assert_handled(code, stdout, stderr)
    assert code == 2
    assert stderr == f"costgate: error: {path}: {expected}\n" or expected in stderr


def test_odd_length_utf16_is_a_decoding_error(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"\xff\xfe" + json.dumps(BASE).encode("utf-16-le") + b"x")
    code, _, stderr = run_in_process("breakdown", str(path))
    assert code == 2 and "not valid UTF-16 text" in stderr and "truncated data" in stderr


@pytest.mark.parametrize("command", ["breakdown", "check"])
def test_a_wholly_sensitive_after_is_not_priced_rather_than_priced_from_defaults(tmp_path, command):
    plan = mutated(lambda p: first(p)["change"].update(after_sensitive=True))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    config = ["--config", CHECK_CONFIG] if command == "check" else []
    code, stdout, stderr = run_in_process(command, str(path), "--format", "json", *config)
    assert_handled(code, stdout, stderr)
    report = json.loads(stdout)
    windows = next(r for r in report["resources"] if r["address"] == "aws_instance.windows")
    assert windows["status"] == "not_priced"
    assert windows["reason"].endswith("depends on a sensitive value (instance_type)")
    assert windows["monthly_after"] == "0.00"


def test_an_unknown_value_never_shows_as_its_repr(tmp_path):
    plan = copy.deepcopy(BASE)
    balancer = next(rc for rc in plan["resource_changes"] if rc["type"] == "aws_lb")
    balancer["change"]["after_sensitive"] = {"load_balancer_type": True}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    code, stdout, stderr = run_in_process("breakdown", str(path), "--format", "json")
    assert code == 0 and "Unknown(" not in stdout
    (shown,) = [r for r in json.loads(stdout)["resources"] if r["address"] == balancer["address"]]
    assert shown["status"] == "not_priced"
    assert shown["reason"] == (
        "Load balancer: unknown load balancer type unknown (depends on a sensitive value: load_balancer_type)"
    )


def test_configuration_parts_of_the_wrong_type_are_skipped_with_a_warning(tmp_path):
    plan = copy.deepcopy(json.loads((FIXTURES / "plans" / "core" / "regions.json").read_text()))
    providers = plan["configuration"]["provider_config"]
    providers["aws"]["expressions"]["region"] = {"references": 5}
    providers["aws.paris"]["module_address"] = "\u202egnp.exe"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    code, stdout, stderr = run_in_process("breakdown", str(path), "--format", "json")
    assert_handled(code, stdout, stderr)
    assert code == 0
    (warning,) = [w for w in json.loads(stdout)["warnings"] if "unexpected type" in w]
    assert warning == (
        f"{path}: configuration parts of an unexpected type were ignored "
        "(provider_config.aws.expressions.region.references, provider_config.aws.paris.module_address)"
    )
