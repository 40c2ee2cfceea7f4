"""The one exception type for problems with the user's input, configuration or environment.

It is a click.ClickException with exit code 2, so every command shows it the same way
(`costgate: error: <one line>`) whichever way the command is run (console script,
`python -m costgate`, click's test runner). A bug raises anything else; the CLI turns that
into one line and exit code 2 as well, never a traceback.
"""

from __future__ import annotations

import os
import re
from typing import IO, Any

import click

EXIT_BAD_INPUT = 2

# Environment variables whose values are secrets (GITHUB_TOKEN, GOOGLE_API_KEY, AWS_SECRET_ACCESS_KEY,
# a team's PAYMENTS_SLACK_WEBHOOK, ...): a message that happens to hold one never shows it.
_SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSWORD|API_KEY|WEBHOOK|CREDENTIAL|PRIVATE_KEY", re.IGNORECASE)
_SHORTEST_SECRET = 8
# A query string can hold an API key (GCP's ?key=...), the user-info part a password
# (AWS_ENDPOINT_URL_PRICING=http://user:pass@proxy): messages show a URL without either.
_QUERY = re.compile(r"(https?://[^\s?#]+)\?[^\s]*")
_USER_INFO = re.compile(r"(\b[a-z][a-z0-9+.-]*://)[^\s/?#@]*@", re.IGNORECASE)


class CostgateError(click.ClickException):
    """A problem with the user's input or environment: shown as one line, exit code 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"costgate: error: {shown(self.format_message())}", err=file is None, file=file)


# Controls and bidirectional overrides: they could start a line or make text read other than it is.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: object, limit: int | None = None) -> str:
    """Text on one line, without controls or bidirectional overrides; runs of space become one.

    A newline in a user's value must not start a fake log line. `limit` cuts text quoted from
    elsewhere (a server's answer) to that many characters."""
    line = " ".join(_HIDDEN.sub(" ", str(text)).split())
    return line if limit is None else line[:limit]


def redacted(text: str) -> str:
    """`text` without the values of secret environment variables, URL user-info and URL query strings.

    The one redaction: error messages, the report's warnings (and so the comment and the
    table) and HTTP failure messages all pass through it.
    """
    for name, value in os.environ.items():
        if len(value) >= _SHORTEST_SECRET and _SECRET_NAME.search(name) and value in text:
            text = text.replace(value, f"${name}")
    return _QUERY.sub(r"\1?…", _USER_INFO.sub(r"\1", text))


def url_path(url: str) -> str:
    """How a message names an endpoint it called: the URL's path only (no host, user-info or query)."""
    from urllib.parse import urlsplit

    return urlsplit(url).path or "/"


def shown(text: str) -> str:
    """How every error message is printed: one line, no secrets."""
    return one_line(redacted(text))
