"""Region resolution: attributes, provider aliases, module-scoped keys, variables, flags and environment."""

import json
from decimal import Decimal

from costgate.plan.regions import region_from_attributes
from costgate.plan.terraform import read_plan
from tests.helpers import FIXTURES, change, plan_document, run_estimate

CORE = FIXTURES / "plans" / "core"


def regions_of(document, default=None):
    return {c.address: (c.region, c.region_reason) for c in read_plan(document, "plan.json", default).changes}


def test_regions_from_provider_configuration():
    regions = regions_of(json.loads((CORE / "regions.json").read_text()))
    assert regions["aws_instance.paris"][0] == "eu-west-3"  # alias aws.paris
    assert (
        regions['module.app["eu"].aws_instance.server[0]'][0] == "eu-west-1"
    )  # provider passed into the module
    assert regions['module.app["us"].module.db.aws_db_instance.main'][0] == "us-west-2"  # module variable
    assert regions["aws_ebs_volume.in_az"][0] == "ap-southeast-1"  # the resource's own availability_zone
    assert regions["aws_nat_gateway.from_variable"][0] == "us-east-2"  # root variable


def test_terraform_0_12_module_scoped_provider_key():
    regions = regions_of(json.loads((CORE / "terraform-0.12.json").read_text()))
    assert regions["module.db.aws_db_instance.main"][0] == "eu-central-1"


def test_flag_then_environment_then_the_provider_default(monkeypatch):
    document = json.loads((CORE / "no-region.json").read_text())
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    assert regions_of(document)["aws_instance.a"] == ("us-east-1", "")
    assert assumed_of(document)["aws_instance.a"] is True
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    assert regions_of(document)["aws_instance.a"][0] == "eu-central-1"
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    assert regions_of(document)["aws_instance.a"][0] == "us-west-2"
    assert assumed_of(document)["aws_instance.a"] is False  # the environment named it
    assert regions_of(document, default="eu-west-1")["aws_instance.a"][0] == "eu-west-1"


def assumed_of(document, **kwargs):
    return {c.address: c.region_assumed for c in read_plan(document, "plan.json", **kwargs).changes}


def test_unresolved_without_the_assumption(monkeypatch):
    document = json.loads((CORE / "no-region.json").read_text())
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    (instance, *_) = read_plan(document, "plan.json", assume_default_region=False).changes
    assert (instance.region, instance.region_reason, instance.region_assumed) == (
        None,
        "region unknown: set it in the provider block or pass --region",
        False,
    )


def test_gcp_default_region_and_only_priced_providers_are_assumed(monkeypatch):
    for variable in ("GOOGLE_REGION", "CLOUDSDK_COMPUTE_REGION"):
        monkeypatch.delenv(variable, raising=False)
    document = plan_document(
        change("google_compute_address", {"name": "ip"}, name="ip"),
        change("azurerm_public_ip", {"name": "ip"}, name="ip"),
        region=None,
    )
    changes = {c.address: c for c in read_plan(document, "plan.json").changes}
    assert (
        changes["google_compute_address.ip"].region,
        changes["google_compute_address.ip"].region_assumed,
    ) == (
        "us-central1",
        True,
    )
    assert changes["azurerm_public_ip.ip"].region is None
    assert changes["azurerm_public_ip.ip"].region_assumed is False
    monkeypatch.setenv("GOOGLE_REGION", "europe-west1")
    assert assumed_of(document)["google_compute_address.ip"] is False


ASSUMED_WARNING = (
    "1 resource priced at an assumed region (aws us-east-1) because the plan names none: set `region` "
    "in the provider block, pass --region, or set AWS_REGION / GOOGLE_REGION"
)


def no_region_estimate(monkeypatch):
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    return run_estimate(json.loads((CORE / "no-region.json").read_text()))


def test_a_plan_that_names_no_region_is_priced_at_us_east_1_with_one_warning(monkeypatch):
    estimate = no_region_estimate(monkeypatch)
    resources = {r.address: r for r in estimate.resources}
    instance = resources["aws_instance.a"]
    # t3.micro 730 h x $0.0104 = $7.592; 8 GB gp2 x $0.10 = $0.80; $8.392 in all
    assert (instance.status, instance.region, instance.monthly_after) == (
        "priced",
        "us-east-1",
        Decimal("8.392"),
    )
    assert instance.region_assumed is True
    # A free role and an unsupported type are priced at no region, assumed or not.
    assert resources["aws_iam_role.r"].region_assumed is False
    assert resources["aws_transfer_server.sftp"].region_assumed is False
    assert estimate.region_assumed_count == 1
    assert [w for w in estimate.warnings if "assumed region" in w] == [ASSUMED_WARNING]


def test_the_assumed_region_count_survives_the_json_round_trip_and_merge(monkeypatch):
    from costgate.gate.merge import merge_results
    from costgate.report.json_load import report_from_dict
    from costgate.report.json_report import report_dict

    estimate = no_region_estimate(monkeypatch)
    document = report_dict(estimate)
    assert document["summary"]["region_assumed"] == 1
    loaded = report_from_dict(json.loads(json.dumps(document)), "report.json")
    assert loaded.region_assumed_count == 1
    merged = merge_results([("a/report.json", loaded), ("b/report.json", loaded)])
    assert merged.region_assumed_count == 2
    assert report_dict(merged)["summary"]["region_assumed"] == 2


def test_the_warning_names_each_assumed_default():
    from costgate.plan.regions import assumed_region_warning

    assert assumed_region_warning([]) is None
    assert assumed_region_warning(["us-central1", "us-east-1", "us-east-1"]) == (
        "3 resources priced at an assumed region (aws us-east-1, google us-central1) because the plan names "
        "none: set `region` in the provider block, pass --region, or set AWS_REGION / GOOGLE_REGION"
    )


def test_config_key_turns_the_assumption_off(tmp_path, monkeypatch):
    from costgate.cli.options import priced_plans
    from costgate.estimate.pricer import Pricer
    from costgate.gate.config import load_config
    from costgate.pricing.setup import price_chain

    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    config_file = tmp_path / "costgate.yml"
    config_file.write_text("pricing:\n  assume_default_region: false\n")
    config = load_config(str(config_file))
    assert config.assume_default_region is False
    plan = str(CORE / "no-region.json")
    estimate = priced_plans((plan,), None, Pricer(price_chain("embedded")), config)
    instance = next(r for r in estimate.resources if r.address == "aws_instance.a")
    assert (instance.status, instance.reason) == (
        "not_priced",
        "region unknown: set it in the provider block or pass --region",
    )
    assert estimate.region_assumed_count == 0
    assert not [w for w in estimate.warnings if "assumed region" in w]
    # --region still wins over the assumption, whatever the config says.
    flagged = priced_plans((plan,), "eu-west-1", Pricer(price_chain("embedded")))
    assert next(r for r in flagged.resources if r.address == "aws_instance.a").region_assumed is False


def test_config_key_must_be_a_boolean(tmp_path):
    import pytest

    from costgate.errors import CostgateError
    from costgate.gate.config import load_config

    config_file = tmp_path / "costgate.yml"
    config_file.write_text("pricing:\n  assume_default_region: sometimes\n")
    with pytest.raises(CostgateError, match="assume_default_region"):
        load_config(str(config_file))


def test_gcp_zone_region_and_multi_region_location():
    assert region_from_attributes("google", {"zone": "us-central1-a"}) == "us-central1"
    assert region_from_attributes("google", {"region": "europe-west1"}) == "europe-west1"
    assert region_from_attributes("google", {"location": "US"}) == "us"
    assert region_from_attributes("google", {"location": "asia-southeast1-b"}) == "asia-southeast1"


def test_aws_provider_6_region_attribute_wins():
    document = plan_document(change("aws_instance", {"instance_type": "t3.micro", "region": "eu-central-1"}))
    assert regions_of(document)["aws_instance.this"][0] == "eu-central-1"


def test_gcp_zone_self_link_maps_to_its_region():
    from costgate.plan.regions import region_from_attributes

    assert (
        region_from_attributes("google", {"zone": "projects/foobar/global/zones/us-central1-a"})
        == "us-central1"
    )


def test_region_hooks_apply_to_their_type_only_after_the_generic_attributes():
    from costgate.plan.regions import RegionResolver
    from costgate.plan.terraform import read_plan as read

    def hook(values):
        return values.get("home")

    document = plan_document(
        change("google_thing", {"home": "asia-east1"}, name="by_hook", provider="google"),
        change(
            "google_thing", {"home": "asia-east1", "zone": "europe-west4-b"}, name="zoned", provider="google"
        ),
        change("google_other", {"home": "asia-east1"}, name="other", provider="google"),
        region="us-central1",
        provider="google",
    )
    regions = {
        c.address: c.region for c in read(document, "plan.json", region_hooks={"google_thing": hook}).changes
    }
    assert regions == {
        "google_thing.by_hook": "asia-east1",
        "google_thing.zoned": "europe-west4",  # the resource's own zone wins over the hook
        "google_other.other": "us-central1",  # no hook for this type: the provider's region
    }
    # Without hooks the resolver falls back to the provider configuration.
    resolver = RegionResolver(document["configuration"], {}, None)
    by_hook = read(document, "plan.json").changes[0]
    assert resolver.resolve(by_hook) == {"region": "us-central1"}


def test_spanner_and_bigtable_region_hooks_from_the_registry():
    from costgate.resources.registry import REGION_HOOKS

    spanner = REGION_HOOKS["google_spanner_instance"]
    bigtable = REGION_HOOKS["google_bigtable_instance"]
    assert spanner({"config": "regional-europe-west1"}) == "europe-west1"
    assert spanner({"config": "nam3"}) is None  # multi-region configs are priced under their own name
    assert (
        spanner({"config": ["regional-europe-west1"]}) is None
    )  # an odd plan value is no region, not an error
    assert bigtable({"cluster": [{"zone": "asia-northeast1-b"}, {"zone": "us-east1-c"}]}) == "asia-northeast1"
    assert bigtable({"cluster": {"zone": "asia-northeast1-b"}}) is None
    assert bigtable({"cluster": [{"zone": 7}]}) is None
    assert set(REGION_HOOKS) == {"google_spanner_instance", "google_bigtable_instance"}


def test_the_commands_read_plans_with_the_registry_region_hooks(tmp_path):
    from costgate.cli.options import priced_plans
    from costgate.estimate.pricer import Pricer
    from costgate.pricing.setup import price_chain

    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps(
            plan_document(
                change("google_spanner_instance", {"config": "regional-europe-west1", "num_nodes": 1}),
                region=None,
            )
        )
    )
    (resource,) = priced_plans((str(path),), None, Pricer(price_chain("embedded"))).resources
    assert resource.region == "europe-west1"


def test_plan_reader_does_not_import_resources():
    """plan/ reads plans; the cost models in resources/ read plan/, never the other way (the CLI passes the hooks)."""
    import ast
    from pathlib import Path

    import costgate.plan

    for path in Path(costgate.plan.__file__).parent.glob("*.py"):
        imported = [
            node.module or ""
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.ImportFrom)
        ] + [
            alias.name
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        resources = [name for name in imported if name.startswith("costgate.resources")]
        assert resources == [], path.name


def test_google_beta_resources_are_located_like_google_ones(monkeypatch):
    for variable in ("GOOGLE_REGION", "CLOUDSDK_COMPUTE_REGION"):
        monkeypatch.delenv(variable, raising=False)
    assert region_from_attributes("google-beta", {"zone": "europe-west4-b"}) == "europe-west4"
    document = plan_document(change("google_compute_disk", {"size": 10}, provider="google-beta"), region=None)
    (disk,) = read_plan(document, "plan.json").changes
    assert (disk.region, disk.region_assumed) == ("us-central1", True)
    monkeypatch.setenv("GOOGLE_REGION", "asia-east1")
    (disk,) = read_plan(document, "plan.json").changes
    assert (disk.region, disk.region_assumed) == ("asia-east1", False)
