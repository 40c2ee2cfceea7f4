"""Every shipped policy pack validates against the schema and loads; pack errors name file and line."""

import jsonschema
import pytest
import yaml

from costgate.errors import CostgateError
from costgate.gate.policies import load_policies, shipped_packs
from costgate.gate.policies.kinds import KINDS
from costgate.yaml_file import schema

PACKS = sorted(shipped_packs().values())


def test_there_are_packs():
    assert {p.name for p in PACKS} >= {"finops-defaults.yml", "example-platform.yml"}


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_every_shipped_pack_is_valid(pack):
    jsonschema.validate(yaml.safe_load(pack.read_text()), schema("policy.schema.json"))
    policies = load_policies([str(pack)])
    assert policies
    for policy in policies:
        assert policy.kind in KINDS


def test_every_kind_the_schema_accepts_is_implemented():
    kinds = set(schema("policy.schema.json")["properties"]["policies"]["items"]["properties"]["kind"]["enum"])
    assert kinds == set(KINDS)


def test_finops_defaults_covers_the_best_practices():
    (pack,) = [p for p in PACKS if p.name == "finops-defaults.yml"]
    kinds = {policy.kind for policy in load_policies([str(pack)])}
    assert kinds == {
        "gp2_to_gp3",
        "io1_to_gp3",
        "previous_generation",
        "graviton",
        "multi_az_non_production",
        "nat_per_az_non_production",
        "oversized_node_pool",
        "pd_ssd_to_balanced",
        "unattached_eip",
    }


def test_pack_errors(tmp_path):
    bad = tmp_path / "mine.yml"
    bad.write_text("policies:\n  - id: x\n    description: d\n    severity: fatal\n    kind: sizing\n")
    with pytest.raises(
        CostgateError, match=r"^mine.yml:4 policies\[0\].severity: expected one of info, warn, block$"
    ):
        load_policies([str(bad)])
    bad.write_text(
        "policies:\n  - id: x\n    description: d\n    severity: warn\n    kind: sizing\n    max_sise: large\n"
    )
    with pytest.raises(
        CostgateError, match=r"^mine.yml:6 policies\[0\].max_sise: unknown key; did you mean max_size\?$"
    ):
        load_policies([str(bad)])
    with pytest.raises(CostgateError, match="policy file not found"):
        load_policies([str(tmp_path / "missing.yml")])


def test_duplicate_ids_across_packs(tmp_path):
    text = "policies:\n  - {id: same, description: d, severity: info, kind: graviton}\n"
    (tmp_path / "a.yml").write_text(text)
    (tmp_path / "b.yml").write_text(text)
    with pytest.raises(
        CostgateError, match=r"b.yml:2 policies\[0\].id: policy id same is already defined in a.yml"
    ):
        load_policies([str(tmp_path / "a.yml"), str(tmp_path / "b.yml")])
