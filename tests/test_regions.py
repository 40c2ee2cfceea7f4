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
