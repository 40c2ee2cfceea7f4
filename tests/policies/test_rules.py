"""Every policy kind: the exact findings and the savings the pricing engine computes for them."""

from decimal import Decimal

import pytest

from costgate.estimate.pricer import Pricer
from costgate.gate.attribution import attribute
from costgate.gate.policies import policy_from_dict
from costgate.gate.policies.kinds import evaluate
from costgate.pricing.setup import price_chain
from tests.gate_helpers import config, priced
from tests.helpers import cents, change

DEV = {"env": "dev"}


def run(policy, *changes, cfg=None, path="plan.json", configuration=None):
    cfg = cfg or config()
    estimate = priced(*changes, path=path, configuration=configuration)
    raw = {"id": "p1", "description": "test", "severity": "warn", **policy}
    return evaluate(
        estimate, cfg, (policy_from_dict(raw),), attribute(estimate, cfg), Pricer(price_chain("embedded"))
    )


def only(findings):
    (finding,) = findings
    return finding


# -- required tags / ownership ------------------------------------------------------------------------


def test_required_tags_and_labels():
    findings = run(
        {"kind": "required_tags", "tags": ["team", "env"]},
        change("aws_ebs_volume", {"type": "gp2", "size": 1, "tags": {"team": "web"}}, name="a"),
        change(
            "aws_ebs_volume", {"type": "gp2", "size": 1, "tags_all": {"team": "web", "env": "dev"}}, name="b"
        ),
        change("google_compute_disk", {"type": "pd-ssd", "size": 1, "labels": {}}, name="c"),
        change("aws_nat_gateway", {"allocation_id": "x"}, name="untaggable"),
    )
    assert [(f.address, f.message, f.monthly_saving) for f in findings] == [
        ("aws_ebs_volume.a", "missing required tags: env", None),
        ("google_compute_disk.c", "missing required labels: team, env", None),
    ]


def test_require_owner():
    cfg = config(teams={"web": {}})
    findings = run(
        {"kind": "require_owner", "severity": "block"},
        change("aws_ebs_volume", {"type": "gp2", "size": 1, "tags": {"team": "web"}}, name="owned"),
        change("aws_ebs_volume", {"type": "gp2", "size": 1}, name="orphan"),
        cfg=cfg,
    )
    assert [(f.address, f.severity) for f in findings] == [("aws_ebs_volume.orphan", "block")]


# -- sizing per environment ---------------------------------------------------------------------------

DB = {"engine": "postgres", "multi_az": False, "storage_type": "gp2", "allocated_storage": 20}


def test_maximum_size_in_dev_only():
    policy = {"kind": "sizing", "severity": "block", "max_size": "xlarge", "scope": {"environments": ["dev"]}}
    findings = run(
        policy,
        change("aws_db_instance", {**DB, "instance_class": "db.m5.2xlarge", "tags": DEV}, name="big"),
        change("aws_db_instance", {**DB, "instance_class": "db.m5.xlarge", "tags": DEV}, name="ok"),
        change(
            "aws_db_instance", {**DB, "instance_class": "db.m5.2xlarge", "tags": {"env": "prod"}}, name="prod"
        ),
    )
    finding = only(findings)
    assert (finding.address, finding.severity) == ("aws_db_instance.big", "block")
    assert finding.message == "instance_class db.m5.2xlarge is larger than xlarge, the maximum in dev"


def test_allowed_and_denied_globs():
    allowed = run(
        {"kind": "sizing", "allowed": ["t3.*"]}, change("aws_instance", {"instance_type": "m5.large"})
    )
    assert only(allowed).message == "instance_type m5.large is not allowed (allowed: t3.*)"
    denied = run(
        {"kind": "sizing", "denied": ["*.4xlarge"]}, change("aws_instance", {"instance_type": "m5.4xlarge"})
    )
    assert only(denied).message == "instance_type m5.4xlarge is denied"
    assert (
        run({"kind": "sizing", "allowed": ["t3.*"]}, change("aws_instance", {"instance_type": "t3.large"}))
        == ()
    )


def test_maximum_node_counts_with_environment_from_a_label():
    policy = {
        "kind": "sizing",
        "max_node_count": 2,
        "scope": {"resource_types": ["google_container_node_pool"]},
    }
    pool = {
        "autoscaling": [{"min_node_count": 3, "max_node_count": 10}],
        "node_config": [{"labels": {}}],
        "labels": {"env": "dev"},
    }
    finding = only(run(policy, change("google_container_node_pool", pool)))
    assert finding.message == "min_node_count = 3 exceeds 2 in dev"


def test_environment_from_path_pattern_and_workspace(monkeypatch):
    policy = {"kind": "sizing", "max_size": "large", "scope": {"environments": ["dev"]}}
    big = change("aws_instance", {"instance_type": "t3.xlarge"})
    by_path = config(environment={"paths": {"dev": ["envs/dev/**"]}})
    assert only(run(policy, big, cfg=by_path, path="envs/dev/plan.json")).message.endswith("in dev")
    assert run(policy, big, cfg=by_path, path="envs/prod/plan.json") == ()
    monkeypatch.setenv("TF_WORKSPACE", "dev")
    by_workspace = config(environment={"workspace_env": "TF_WORKSPACE"})
    assert len(run(policy, big, cfg=by_workspace)) == 1


# -- over-provisioning best practices (savings from the pricing engine) ---------------------------------


def test_gp2_to_gp3_volume():
    finding = only(run({"kind": "gp2_to_gp3"}, change("aws_ebs_volume", {"type": "gp2", "size": 100})))
    assert finding.monthly_saving == Decimal("2.00")  # 100 GB x ($0.10 - $0.08)
    assert (
        finding.message
        == "gp2 volume; the same size as gp3 costs $8.00/month instead of $10.00 (saves $2.00)"
    )


def test_gp2_to_gp3_instance_root_volume_defaults_to_gp2():
    finding = only(run({"kind": "gp2_to_gp3"}, change("aws_instance", {"instance_type": "t3.micro"})))
    assert finding.monthly_saving == Decimal("0.16")  # default 8 GB root: 8 x ($0.10 - $0.08)
    instance = {"instance_type": "t3.micro", "root_block_device": [{"volume_type": "gp3", "volume_size": 8}]}
    assert run({"kind": "gp2_to_gp3"}, change("aws_instance", instance)) == ()


def test_io1_to_gp3_when_iops_allow():
    finding = only(
        run({"kind": "io1_to_gp3"}, change("aws_ebs_volume", {"type": "io1", "size": 500, "iops": 3000}))
    )
    # io1: 500 x $0.125 + 3000 x $0.065 = $257.50; gp3: 500 x $0.08 = $40.00, 3,000 IOPS included
    assert finding.monthly_saving == Decimal("217.50")
    assert finding.message.startswith("io1 volume with 3000 IOPS; gp3 with the same IOPS costs $40.00/month")


def test_io1_above_gp3_iops_goes_to_io2():
    finding = only(
        run({"kind": "io1_to_gp3"}, change("aws_ebs_volume", {"type": "io1", "size": 100, "iops": 20000}))
    )
    # io2 lists the same GB-month and IOPS-month prices as io1 up to 32,000 IOPS: no saving, more durability
    assert finding.monthly_saving == Decimal("0.000")
    assert finding.message.startswith(
        "io1 volume with 20000 IOPS (above gp3's 16000); io2 costs $1,312.50/month"
    )


def test_previous_generation_priced_and_not_priced():
    root = {"root_block_device": [{"volume_type": "gp3", "volume_size": 8}]}
    finding = only(
        run({"kind": "previous_generation"}, change("aws_instance", {"instance_type": "t2.micro", **root}))
    )
    assert cents(finding.monthly_saving) == Decimal("0.88")  # 730 h x ($0.0116 - $0.0104) = $0.876
    assert finding.message.startswith("t2.micro is a previous generation; t3.micro costs $8.23/month")
    m5 = only(
        run({"kind": "previous_generation"}, change("aws_instance", {"instance_type": "m5.large", **root}))
    )
    # m6i.large lists at m5.large's $0.096/h: the same money buys the newer generation
    assert m5.monthly_saving == Decimal("0.000")
    assert m5.message.startswith(
        "m5.large is a previous generation; m6i.large costs $70.72/month instead of $70.72"
    )
    m4 = only(
        run({"kind": "previous_generation"}, change("aws_instance", {"instance_type": "m4.large", **root}))
    )
    assert m4.monthly_saving == Decimal("2.920")  # 730 h x ($0.100 - $0.096) = $2.92
    assert m4.message.startswith(
        "m4.large is a previous generation; m6i.large costs $70.72/month instead of $73.64"
    )


def test_graviton_priced_and_without_a_price():
    finding = only(
        run({"kind": "graviton"}, change("aws_db_instance", {**DB, "instance_class": "db.m5.large"}))
    )
    assert cents(finding.monthly_saving) == Decimal("13.87")  # 730 h x ($0.171 - $0.152) = $13.87
    assert "db.m6g.large costs $118.37/month instead of $132.24" in finding.message
    r5 = only(
        run({"kind": "graviton"}, change("aws_db_instance", {**DB, "instance_class": "db.r5.24xlarge"}))
    )
    assert r5.monthly_saving is None
    assert "db.r6g.24xlarge: no price for the alternative" in r5.message


def test_multi_az_outside_production():
    db = {**DB, "instance_class": "db.m5.large", "multi_az": True}
    finding = only(run({"kind": "multi_az_non_production"}, change("aws_db_instance", {**db, "tags": DEV})))
    # instance 730 h x ($0.356 - $0.178) = $129.94; storage 20 GB x ($0.23 - $0.115) = $2.30
    assert finding.monthly_saving == Decimal("132.24")
    assert (
        run({"kind": "multi_az_non_production"}, change("aws_db_instance", {**db, "tags": {"env": "prod"}}))
        == ()
    )
    assert (
        run({"kind": "multi_az_non_production"}, change("aws_db_instance", db)) == ()
    )  # environment unknown


def test_one_nat_per_az_outside_production():
    nat = {"allocation_id": "eipalloc-1", "connectivity_type": "public", "tags": DEV}
    findings = run(
        {"kind": "nat_per_az_non_production"},
        change("aws_nat_gateway", nat, name="a"),
        change("aws_nat_gateway", nat, name="b"),
    )
    finding = only(findings)
    assert finding.address == "aws_nat_gateway.b"
    assert finding.monthly_saving == Decimal("32.85")  # 730 h x $0.045


def test_oversized_node_pool_without_a_price_says_so():
    pool = {
        "node_count": 5,
        "node_config": [{"machine_type": "e2-standard-4"}],
        "labels": {"env": "dev"},
        "location": "nowhere-east1",  # a region no catalog prices (with none, us-central1 is assumed)
    }
    finding = only(run({"kind": "oversized_node_pool"}, change("google_container_node_pool", pool)))
    assert finding.monthly_saving is None
    assert finding.message.startswith("node_count = 5 in dev; 2 nodes: no price for the alternative (")


def test_pd_ssd_without_a_price_says_so():
    finding = only(
        run(
            {"kind": "pd_ssd_to_balanced"},
            # a region no catalog prices (with none, us-central1 is assumed)
            change("google_compute_disk", {"type": "pd-ssd", "size": 100, "zone": "nowhere-east1-a"}),
        )
    )
    assert finding.monthly_saving is None
    assert finding.message.startswith("pd-ssd disk; pd-balanced: no price for the alternative (")


def test_unattached_eip():
    finding = only(run({"kind": "unattached_eip"}, change("aws_eip", {"domain": "vpc"})))
    assert finding.monthly_saving == Decimal("3.650")  # public IPv4: 730 h x $0.005 = $3.65
    assert finding.message == "Elastic IP attached to nothing (charged by the hour); removing it saves $3.65"
    assert run({"kind": "unattached_eip"}, change("aws_eip", {"domain": "vpc", "instance": "i-123"})) == ()
    associated = {
        "root_module": {
            "resources": [
                {
                    "address": "aws_eip.this",
                    "type": "aws_eip",
                    "name": "this",
                    "mode": "managed",
                    "expressions": {},
                },
                {
                    "address": "aws_eip_association.this",
                    "type": "aws_eip_association",
                    "name": "this",
                    "mode": "managed",
                    "expressions": {"allocation_id": {"references": ["aws_eip.this.id", "aws_eip.this"]}},
                },
            ]
        }
    }
    assert (
        run({"kind": "unattached_eip"}, change("aws_eip", {"domain": "vpc"}), configuration=associated) == ()
    )


# -- module defaults ----------------------------------------------------------------------------------


def module_configuration(variables):
    return {
        "root_module": {
            "module_calls": {
                "orders_db": {
                    "source": "./modules/db",
                    "expressions": {
                        "instance_class": {"constant_value": "db.m5.2xlarge"},
                        "name": {"constant_value": "orders"},
                    },
                    "module": {
                        "variables": variables,
                        "resources": [
                            {
                                "address": "aws_db_instance.this",
                                "mode": "managed",
                                "type": "aws_db_instance",
                                "name": "this",
                                "expressions": {"instance_class": {"references": ["var.instance_class"]}},
                            }
                        ],
                    },
                }
            }
        }
    }


ORDERS_DB = change("aws_db_instance", {**DB, "instance_class": "db.m5.2xlarge"}, module="module.orders_db")


def test_module_default_override_costs_the_difference():
    configuration = module_configuration({"instance_class": {"default": "db.m5.large"}, "name": {}})
    finding = only(run({"kind": "module_defaults"}, ORDERS_DB, configuration=configuration))
    assert finding.address == "module.orders_db.aws_db_instance.this"
    assert finding.monthly_saving == Decimal("389.82")  # 730 h x ($0.712 - $0.178)
    assert finding.message == (
        "module.orders_db sets instance_class = db.m5.2xlarge; the module default db.m5.large costs $389.82 less per month"
    )


def test_a_cheaper_override_is_not_a_finding():
    configuration = module_configuration({"instance_class": {"default": "db.m5.2xlarge"}})
    cheap = change("aws_db_instance", {**DB, "instance_class": "db.m5.large"}, module="module.orders_db")
    configuration["root_module"]["module_calls"]["orders_db"]["expressions"]["instance_class"][
        "constant_value"
    ] = "db.m5.large"
    assert run({"kind": "module_defaults"}, cheap, configuration=configuration) == ()


def test_module_default_from_the_local_module_source(tmp_path):
    module = tmp_path / "modules" / "db"
    module.mkdir(parents=True)
    (module / "variables.tf").write_text(
        'variable "instance_class" {\n  type    = string\n  default = "db.m5.xlarge"\n}\n'
    )
    finding = only(
        run(
            {"kind": "module_defaults"},
            ORDERS_DB,
            configuration=module_configuration({}),
            path=str(tmp_path / "plan.json"),
        )
    )
    assert finding.monthly_saving == Decimal("259.88")  # 730 h x ($0.712 - $0.356)


@pytest.mark.parametrize("modules", [["module.other_*"], ["module.orders_*"]])
def test_module_globs_select_calls(modules):
    configuration = module_configuration({"instance_class": {"default": "db.m5.large"}})
    found = run({"kind": "module_defaults", "modules": modules}, ORDERS_DB, configuration=configuration)
    assert len(found) == (1 if modules == ["module.orders_*"] else 0)


def test_module_default_of_an_attribute_in_a_nested_block():
    web = {
        "source": "./modules/web",
        "expressions": {"root_size": {"constant_value": 100}},
        "module": {
            "variables": {"root_size": {"default": 8}},
            "resources": [
                {
                    "type": "aws_instance",
                    "name": "this",
                    "expressions": {
                        "instance_type": {"constant_value": "m5.large"},
                        # a nested block is a list of expression maps
                        "root_block_device": [{"volume_size": {"references": ["var.root_size"]}}],
                    },
                }
            ],
        },
    }
    instance = change(
        "aws_instance",
        {"instance_type": "m5.large", "root_block_device": [{"volume_size": 100}]},
        module="module.web",
    )
    finding = only(
        run(
            {"kind": "module_defaults"},
            instance,
            configuration={"root_module": {"module_calls": {"web": web}}},
        )
    )
    # the root volume at the default: (100 GB - 8 GB) x $0.10 = $9.20 less
    assert finding.monthly_saving == Decimal("9.20")
    assert finding.message == (
        "module.web sets root_size = 100; the module default 8 costs $9.20 less per month"
    )


@pytest.mark.parametrize(
    "odd",
    [
        {"expressions": ["instance_class"]},  # expressions that are a list
        {"module": {"variables": [{"instance_class": "db.m5.large"}], "resources": []}},  # variables a list
        {"expressions": {"instance_class": {"constant_value": {"size": "large"}}}},  # a map constant
        {"module": {"variables": {"instance_class": {"default": ["db.m5.large"]}}}},  # a list default
        {"module": {"variables": {"instance_class": "db.m5.large"}, "resources": "none"}},
        {"module": {"resources": [{"type": "aws_db_instance"}, "x", {"name": "y", "expressions": []}]}},
    ],
)
def test_module_defaults_skip_configuration_of_an_unexpected_shape(odd):
    configuration = module_configuration({"instance_class": {"default": "db.m5.large"}})
    configuration["root_module"]["module_calls"]["orders_db"].update(odd)
    assert run({"kind": "module_defaults"}, ORDERS_DB, configuration=configuration) == ()


def test_scope_by_team_and_resource_type():
    cfg = config(teams={"web": {}, "data": {}})
    volumes = (
        change("aws_ebs_volume", {"type": "gp2", "size": 1, "tags": {"team": "web"}}, name="web"),
        change("aws_ebs_volume", {"type": "gp2", "size": 1, "tags": {"team": "data"}}, name="data"),
    )
    web_only = run({"kind": "gp2_to_gp3", "scope": {"teams": ["web"]}}, *volumes, cfg=cfg)
    assert [(f.address, f.team) for f in web_only] == [("aws_ebs_volume.web", "web")]
    instances_only = run(
        {"kind": "gp2_to_gp3", "scope": {"resource_types": ["aws_instance"]}}, *volumes, cfg=cfg
    )
    assert instances_only == ()
