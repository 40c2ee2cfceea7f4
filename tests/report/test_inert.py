"""The one home of escaping: markdown, HTML summaries, GitHub Actions logs, Slack mrkdwn."""

from __future__ import annotations

import pytest

from costgate.errors import one_line
from costgate.report.inert import for_html, for_log, for_markdown, for_slack, for_slack_code

WJ = "\u2060"


def test_one_line_drops_breaks_controls_and_bidirectional_overrides():
    assert one_line("a\nb\r\n\tc") == "a b c"
    assert one_line("invoice\u202etxt.exe") == "invoice txt.exe"
    assert one_line("\x1b[31mred\x1b[0m") == "[31mred [0m"  # no escape sequence reaches a terminal
    assert one_line("\u2066isolate\u2069 \u200fmark") == "isolate mark"


@pytest.mark.parametrize(
    "hostile",
    [
        "x\n::error file=a::pwned",
        "x\r\n::add-mask::secret",
        "::set-output name=a::b",
        "##[error]legacy command",
        "  ::warning::indented",
    ],
)
def test_for_log_leaves_no_workflow_command(hostile):
    safe = for_log(hostile)
    assert "\n" not in safe and "\r" not in safe
    assert "::" not in safe and "##[" not in safe


def test_for_log_keeps_the_text_readable():
    assert for_log("module.a::b") == "module.a: :b"
    assert for_log("aws_instance.web") == "aws_instance.web"


def test_for_markdown_stops_references_mentions_and_links():
    assert for_markdown("GH-123") == f"GH{WJ}\\-123"
    assert for_markdown("see #12 by @bob") == f"see \\#{WJ}12 by @{WJ}bob"
    assert for_markdown("https://x.io") == f"https:{WJ}//x\\.io"
    assert for_markdown("www.x.io") == f"www{WJ}\\.x\\.io"
    assert for_markdown("a<b>|c") == "a&lt;b&gt;\\|c"
    assert for_markdown("txt\u202eexe") == "txt exe"


def test_for_html_escapes_for_a_summary():
    assert for_html("<b>@team</b> & GH-7") == f"&lt;b&gt;@{WJ}team&lt;/b&gt; &amp; GH{WJ}-7"


def test_for_slack_formats_links_and_mentions_nothing():
    text = for_slack("*bold* _it_ ~strike~ `code` <!here> <@U1> https://evil.io www.evil.io a & b\nnext")
    for formatting in "*_~`":
        assert formatting not in text
    assert "<" not in text and ">" not in text and "\n" not in text
    assert "https://" not in text and "www." not in text
    assert "&amp; b" in text and "&lt;!here&gt;" in text
    # people read the same characters (full-width forms)
    assert "＊bold＊ ＿it＿ ～strike～ ｀code｀" in text


def test_for_slack_code_keeps_underscores_inside_a_code_span():
    assert for_slack_code("aws_instance.a`b\nc") == "aws_instance.a｀b c"
