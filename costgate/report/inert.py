"""Untrusted text made inert for each place it is shown: the one home of every escaping rule.

Addresses, names, tags, module keys, team names, reasons and warnings come from the plan, the
config or the report, which a pull request's author can write. Whatever the output, such text
must read as the characters it is and do nothing: no markdown, HTML, links, @mentions or
issue references in the comment; no GitHub Actions workflow commands (`::error`,
`::add-mask::`, `##[...]`) in anything that can reach a job log; no Slack formatting, links or
mentions in an alert. Every renderer calls one of the functions here, and nothing else.
"""

from __future__ import annotations

import html
import re

from costgate.errors import one_line

# Bidirectional controls (U+202E shows "txt.exe" as "exe.txt"), other invisible format
# characters that reorder or hide text, and C0/C1 controls (the terminal's escape sequences).
_WORD_JOINER = "\u2060"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_ISSUE_REFERENCE = re.compile(r"(?i)\b(GH)(?=\\?-\d)")
_WWW = re.compile(r"(?i)\bwww(?=\\?\.)")
# Slack formats *bold*, _italic_, ~strike~ and `code`, and has no escape for them: the
# full-width forms read the same and format nothing.
_SLACK_LOOKALIKES = str.maketrans({"*": "\uff0a", "_": "\uff3f", "~": "\uff5e", "`": "\uff40"})


def for_log(text: object) -> str:
    """For the terminal, stderr and anything a GitHub Actions log shows.

    One line, so nothing can start a line of its own; and `::` and `##[` lose their meaning
    even where a table wraps the text onto a new line.
    """
    return one_line(text).replace("::", ": :").replace("##[", "# #[")


def for_markdown(text: object) -> str:
    """Literal characters in GitHub markdown, table cells included."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _unlinked(_MARKDOWN_SPECIALS.sub(r"\\\1", text))


def for_html(text: object) -> str:
    """Literal characters inside an HTML block of the comment (a <summary>), where markdown is not read."""
    return _unlinked(html.escape(one_line(text), quote=False))


def _unlinked(text: str) -> str:
    # A word joiner after @ and #, inside :// and www. and after GH in GH-123 stops mentions,
    # issue references and auto-links without changing what people read.
    text = text.replace("@", "@" + _WORD_JOINER).replace("#", "#" + _WORD_JOINER)
    text = text.replace(":/", ":" + _WORD_JOINER + "/")
    text = _ISSUE_REFERENCE.sub(r"\1" + _WORD_JOINER, text)
    return _WWW.sub("www" + _WORD_JOINER, text)


def for_slack(text: object) -> str:
    """Slack mrkdwn text that formats, links and mentions nothing."""
    return _slack_unlinked(one_line(text).translate(_SLACK_LOOKALIKES))


def for_slack_code(text: object) -> str:
    """Text inside a Slack `code` span: only a backtick (which would end it) and &<> need care."""
    return _slack_unlinked(one_line(text).replace("`", "\uff40"))


def _slack_unlinked(text: str) -> str:
    # &, < and > are Slack's own escapes (<@U123>, <!here>, <url|label>); the word joiner in
    # :// and www. stops the auto-linking of bare URLs.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace(":/", ":" + _WORD_JOINER + "/")
    return _WWW.sub("www" + _WORD_JOINER, text)
