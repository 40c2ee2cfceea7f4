"""The one YAML loader: every file kind (costgate.yml, a policy pack, the usage file) refuses hostile input
with one line naming the file, the line and the key path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from costgate.errors import CostgateError
from costgate.estimate.usage import load_usage_file
from costgate.gate.config import load_config
from costgate.gate.policies import load_policies
from costgate.yaml_file import load_yaml_file


@dataclass(frozen=True)
class Kind:
    file_name: str
    number_at: str  # a document with {value} where the file takes a number (on line `number_line`)
    number_key: str
    not_a_number: str  # what the schema says to a string there
    load: Callable[[str], object]
    full_path: bool  # the usage file's messages name the path as given, the others the file name

    def write(self, tmp_path: Path, text: str | bytes) -> str:
        path = tmp_path / self.file_name
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
        return str(path)

    def shown(self, path: str) -> str:
        return path if self.full_path else self.file_name


CONFIG = Kind(
    "costgate.yml",
    "teams:\n  payments:\n    monthly_budget: {value}\n",
    "3 teams.payments.monthly_budget",
    "expected a number",
    load_config,
    full_path=False,
)
POLICY = Kind(
    "pack.yml",
    "policies:\n  - id: big-pools\n    description: d\n    severity: warn\n    kind: oversized_node_pool\n"
    "    max_node_count: {value}\n",
    "6 policies[0].max_node_count",
    "expected a whole number",
    lambda path: load_policies([path]),
    full_path=False,
)
USAGE = Kind(
    "usage.yml",
    "version: 0.1\nresource_usage:\n  aws_nat_gateway.main:\n    monthly_data_processed_gb: {value}\n",
    "4 resource_usage.aws_nat_gateway.main.monthly_data_processed_gb",
    "expected a number",
    load_usage_file,
    full_path=True,
)
KINDS = [CONFIG, POLICY, USAGE]


def error_of(kind: Kind, tmp_path: Path, text: str | bytes) -> tuple[str, str]:
    path = kind.write(tmp_path, text)
    with pytest.raises(CostgateError) as raised:
        kind.load(path)
    return str(raised.value), kind.shown(path)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.file_name)
@pytest.mark.parametrize(
    ("value", "what"),
    [
        (".nan", "expected a finite number, got .nan"),
        (".NaN", "expected a finite number, got .NaN"),
        (".inf", "expected a finite number, got .inf"),
        ("-.inf", "expected a finite number, got -.inf"),
        ("1.0e+309", "expected a finite number, got 1.0e+309"),  # a float beyond the double range is inf
        ("9" * 5000, "expected a number below 10^15"),  # Python itself refuses to convert 4,300+ digits
        ("-" + "9" * 5000, "expected a number below 10^15"),
        ("1_000_000_000_000_000", "expected a number below 10^15"),
        ("-3", "expected a number at least 0"),
    ],
)
def test_hostile_numbers_name_file_line_and_key(tmp_path, kind, value, what):
    message, shown = error_of(kind, tmp_path, kind.number_at.format(value=value))
    assert message == f"{shown}:{kind.number_key}: {what}"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.file_name)
@pytest.mark.parametrize("value", ["lots", "'12'", "1e309", "true", "[1]"])
def test_text_where_a_number_belongs(tmp_path, kind, value):
    # PyYAML reads YAML 1.1, where 1e309 (no dot) is text, not a number.
    message, shown = error_of(kind, tmp_path, kind.number_at.format(value=value))
    assert message == f"{shown}:{kind.number_key}: {kind.not_a_number}"


def test_the_largest_accepted_number_is_exact(tmp_path):
    # 15 nines is below 10^15; str() first keeps the YAML 0.1 as Decimal("0.1"), not its binary expansion.
    config = load_config(CONFIG.write(tmp_path, CONFIG.number_at.format(value="999_999_999_999_999")))
    assert config.teams["payments"].monthly_budget == Decimal(999_999_999_999_999)
    usage = load_usage_file(USAGE.write(tmp_path, USAGE.number_at.format(value="0.1")))
    assert usage.by_address["aws_nat_gateway.main"] == {"monthly_data_processed_gb": Decimal("0.1")}


def laughs(levels: int) -> str:
    # "billion laughs": each level lists the previous one ten times, 10^levels values in a few lines
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.file_name)
@pytest.mark.parametrize(
    ("text", "where_what"),
    [
        (laughs(9), "6 l5: more than 500,000 values once aliases are expanded"),
        # merge keys copy the merged mapping: 2^40 keys by the last line
        (
            "m0: &m0 {a: 1}\n"
            + "".join(f"m{n}: &m{n} {{<<: [*m{n - 1}, *m{n - 1}]}}\n" for n in range(1, 41)),
            "1 (top level): more than 500,000 values once aliases are expanded",
        ),
        (
            "loop: &loop\n  again: *loop\n",
            "2 loop.again: an alias refers to the mapping or list that holds it",
        ),
        ("a: 1\nb: 2\na: 3\n", "3 a: duplicate key (first on line 1)"),
        ("ok: {}\n2024: {}\n", "2 (top level): a key must be text (put it in quotes)"),
        ("? [a, b]\n: c\n", "1 (top level): a key must be text (put it in quotes)"),
        ("when: !!timestamp yesterday\n", "1 when: not a valid timestamp"),
        ("count: !!int many\n", "1 count: not a valid int"),
        (
            "".join("  " * n + f"k{n}:\n" for n in range(70)),
            "65 " + ".".join(f"k{n}" for n in range(64)) + ": nested more than 64 levels deep",
        ),
    ],
    ids=[
        "billion-laughs",
        "merge-bomb",
        "alias-cycle",
        "duplicate-key",
        "number-key",
        "list-key",
        "timestamp",
        "int",
        "deep",
    ],
)
def test_hostile_documents_name_file_and_line(tmp_path, kind, text, where_what):
    message, shown = error_of(kind, tmp_path, text)
    assert message == f"{shown}:{where_what}"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.file_name)
def test_unreadable_text_names_the_line(tmp_path, kind):
    message, shown = error_of(kind, tmp_path, b"a: 1\nb: caf\xe9\n")
    assert message == f"{shown}:2: not UTF-8 text (invalid continuation byte); save the file as UTF-8"
    message, shown = error_of(kind, tmp_path, "a: 1\nb: \x00\n")
    assert message.startswith(f"{shown}:2: not valid YAML (unacceptable character #x0000")
    message, shown = error_of(kind, tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert message.startswith(f"{shown}:1: not valid YAML (")
    message, shown = error_of(kind, tmp_path, "a: !!python/object/apply:os.system [echo hi]\n")
    assert message == (
        f"{shown}:1: not valid YAML (could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system')"
    )


def test_without_libyaml_deep_nesting_is_still_one_line(tmp_path, monkeypatch):
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)  # PyYAML's pure-Python parser recurses instead
    message, _ = error_of(CONFIG, tmp_path, "teams: {}\na: " + "[" * 2000 + "]" * 2000 + "\n")
    assert message == "costgate.yml:2: not valid YAML (nested too deeply)"
    message, _ = error_of(CONFIG, tmp_path, "a: 1\nb: \x00\n")
    assert message.startswith("costgate.yml:2: not valid YAML (unacceptable character #x0000")


def test_a_file_over_10_mb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "costgate.yml"
    path.write_text("# padding\n" * 1_000_001)
    with pytest.raises(
        CostgateError, match=r"^costgate.yml: larger than 10 MB; costgate reads at most that$"
    ):
        load_config(str(path))


def test_a_key_with_control_characters_is_shown_escaped_on_one_line(tmp_path):
    # A double-quoted YAML key may hold ESC and newlines: neither reaches the terminal or the log raw.
    text = 'teams:\n  "web\\e[31m\\n::warning::x":\n    monthly_budgt: 1\n'
    message, _ = error_of(CONFIG, tmp_path, text)
    assert message == (
        "costgate.yml:3 teams.web\\x1b[31m\\n::warning::x.monthly_budgt: unknown key; did you mean monthly_budget?"
    )


def test_aliases_and_merge_keys_still_work_and_errors_follow_them(tmp_path):
    text = (
        "teams:\n"
        "  web: &defaults\n"
        "    monthly_budget: 500\n"
        "    owners: {paths: [infra/web/**]}\n"
        "  api:\n"
        "    <<: *defaults\n"
        "    current_monthly_spend: 120\n"
    )
    config = load_config(CONFIG.write(tmp_path, text))
    api = config.teams["api"]
    assert (api.monthly_budget, api.current_monthly_spend, api.owner_paths) == (
        Decimal(500),
        Decimal(120),
        ("infra/web/**",),
    )
    message, _ = error_of(CONFIG, tmp_path, text.replace("120", "-120"))
    assert message == "costgate.yml:7 teams.api.current_monthly_spend: expected a number at least 0"


def test_the_document_traces_values_to_their_lines(tmp_path):
    path = tmp_path / "costgate.yml"
    path.write_text("teams:\n  web:\n    monthly_budget: 5\ndiscounts:\n  - {provider: aws, percent: 7}\n")
    document = load_yaml_file(path, "config.schema.json")
    assert document.data["discounts"] == [{"provider": "aws", "percent": 7}]
    assert document.line(["teams", "web", "monthly_budget"]) == 3
    assert document.line(["teams", "web"], of_key=True) == 2
    assert document.line(["discounts", 0, "percent"]) == 5
    assert document.line(["teams", "absent", "key"]) == 2  # the nearest known parent: teams' value
    assert document.describe(["discounts", 0], "why") == "costgate.yml:5 discounts[0]: why"
