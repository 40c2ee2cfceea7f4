"""Bad and odd input files: one clear line, exit code 2, or decoded and read on."""

import codecs
import json

import pytest

from costgate.errors import CostgateError
from costgate.plan.read import parse_document, read_document

PLAN = {"format_version": "1.2", "resource_changes": []}
PLAN_TEXT = json.dumps(PLAN)


def error_of(raw: bytes) -> str:
    with pytest.raises(CostgateError) as caught:
        parse_document(raw, "plan.json")
    return str(caught.value)


def test_plain_utf8_plan_is_read():
    assert parse_document(PLAN_TEXT.encode(), "plan.json") == PLAN


def test_utf16_with_bom_from_powershell_is_decoded():
    raw = codecs.BOM_UTF16_LE + (PLAN_TEXT + "\r\n").encode("utf-16-le")
    assert parse_document(raw, "plan.json") == PLAN


def test_utf8_bom_is_skipped():
    assert parse_document(codecs.BOM_UTF8 + PLAN_TEXT.encode(), "plan.json") == PLAN


def test_setup_terraform_wrapper_lines_are_skipped():
    raw = (
        "[command]/home/runner/work/_temp/terraform-bin show -json tfplan\n"
        + PLAN_TEXT
        + "\n::debug::Terraform exited with code 0.\n::debug::exitcode: 0\n"
    ).encode()
    assert parse_document(raw, "plan.json") == PLAN


def test_binary_plan_file_tells_how_to_convert():
    message = error_of(b"PK\x03\x04\x14\x00\x00\x00tfplan")
    assert (
        message
        == "plan.json: this is a binary Terraform plan file; run `terraform show -json plan.out > plan.json` and pass plan.json"
    )


def test_empty_file():
    assert "the file is empty" in error_of(b"  \n")


def test_truncated_json():
    assert "the JSON ends early" in error_of(PLAN_TEXT[:-7].encode())


def test_not_json():
    assert error_of(b"Error: No configuration files").startswith("plan.json: not valid JSON")


def test_json_that_is_not_a_plan():
    assert "not a Terraform plan or state" in error_of(b'{"name": "package.json"}')
    assert "not a Terraform plan or state" in error_of(b"[1, 2, 3]")


def test_text_after_the_document_is_rejected():
    assert "unexpected text after the JSON" in error_of((PLAN_TEXT + "\nhello").encode())


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(CostgateError, match="no such file"):
        read_document(tmp_path / "nope.json")
    with pytest.raises(CostgateError, match="is a directory"):
        read_document(tmp_path)


def test_other_binary_files():
    assert "binary file" in error_of(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00")
