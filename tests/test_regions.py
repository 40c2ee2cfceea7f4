"""Region resolution: attributes, provider aliases, module-scoped keys, variables, flags and environment."""

import json

from costgate.plan.regions import region_from_attributes
from costgate.plan.terraform import read_plan
from tests.helpers import FIXTURES, change, plan_document

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


def test_flag_then_environment_then_unresolved(monkeypatch):
    document = json.loads((CORE / "no-region.json").read_text())
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    assert regions_of(document)["aws_instance.a"] == (
        None,
        "region unknown: set it in the provider block or pass --region",
    )
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    assert regions_of(document)["aws_instance.a"][0] == "eu-central-1"
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    assert regions_of(document)["aws_instance.a"][0] == "us-west-2"
    assert regions_of(document, default="eu-west-1")["aws_instance.a"][0] == "eu-west-1"


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
