"""The one HTTP transport, against stand-ins on 127.0.0.1: what it retries, how long it waits, what it says."""

from __future__ import annotations

from contextlib import closing

import pytest

from costgate.deliver.http import HttpError, Transport
from tests.standin import Reply, StandIn

KEY = "AIza-query-secret"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")


def transport(slept, **options) -> Transport:
    return Transport("Svc", sleep=slept.append, **options)


def test_retry_after_in_seconds_or_as_a_date_is_honoured():
    slept: list[float] = []
    later = "Wed, 21 Oct 2099 07:28:00 GMT"  # a date this far ahead is longer than any call may take
    with closing(StandIn(Reply(503, headers={"Retry-After": "2"}), Reply(200, {"ok": True}))) as server:
        assert transport(slept).request("GET", f"{server.url}/a").json() == {"ok": True}
    assert slept == [2.0]
    with (
        closing(StandIn(Reply(429, headers={"Retry-After": later}))) as server,
        pytest.raises(HttpError, match=r"^Svc asked to wait \d+ s \(429 on GET /a\), more than the 120 s"),
    ):
        transport(slept).request("GET", f"{server.url}/a")
    assert slept == [2.0] and len(server.seen) == 1


def test_an_unreadable_retry_after_falls_back_to_the_backoff():
    slept: list[float] = []
    with closing(StandIn(Reply(429, headers={"Retry-After": "soon"}), Reply(200, {}))) as server:
        transport(slept, backoff=0.25).request("GET", f"{server.url}/a")
    assert slept == [0.25]


def test_a_post_is_repeated_after_a_5xx_only_when_the_caller_says_so_but_always_after_a_429():
    slept: list[float] = []
    with closing(StandIn(Reply(500))) as server:
        with pytest.raises(HttpError) as error:
            transport(slept).request("POST", f"{server.url}/a", json={})
        assert (error.value.kind, error.value.status, len(server.seen)) == ("refused", 500, 1)
        assert error.value.response.status_code == 500
    with closing(StandIn(Reply(500), Reply(201, {}))) as server:
        assert (
            transport(slept).request("POST", f"{server.url}/a", json={}, repeatable=True).status_code == 201
        )
        assert len(server.seen) == 2
    with closing(StandIn(Reply(429), Reply(201, {}))) as server:
        assert transport(slept).request("POST", f"{server.url}/a", json={}).status_code == 201
        assert len(server.seen) == 2


def test_messages_name_the_method_and_path_never_the_query_or_a_header():
    slept: list[float] = []
    headers = {"Authorization": "Bearer ghs_header_secret"}
    with closing(StandIn(Reply(503))) as server:
        with pytest.raises(HttpError) as error:
            transport(slept, attempts=3, headers=headers).request("GET", f"{server.url}/v1/skus?key={KEY}")
        assert server.seen[0].headers["Authorization"] == "Bearer ghs_header_secret"
    assert str(error.value) == "Svc kept failing (503 on GET /v1/skus) after 3 attempts; try again later"
    assert (error.value.kind, error.value.attempts) == ("exhausted", 3)
    with closing(StandIn(Reply(404))) as server, pytest.raises(HttpError) as error:
        transport(slept).request("POST", f"{server.url}/services/T/B/hook-secret", json={}, where="webhook")
    assert str(error.value) == "Svc answered 404 on POST webhook"
    for message in (str(error.value), repr(error.value)):
        assert KEY not in message and "hook-secret" not in message and "ghs_" not in message


def test_an_attempt_gets_only_the_time_left_before_the_deadline():
    now = [0.0]
    slept: list[float] = []
    svc = transport(slept, timeout=(10.0, 30.0), seconds_per_call=100.0, clock=lambda: now[0])
    from costgate.deliver.http import _Call

    call = _Call(svc, "GET", "/a", 100.0, repeatable=False)
    assert (call.timeout().clone().connect_timeout, call.timeout().clone().total) == (10.0, 100.0)
    now[0] = 95.0  # 5 s left: both the connect and the read timeout shrink to it
    attempt = call.timeout().clone()
    assert (attempt.connect_timeout, attempt._read, attempt.total) == (5.0, 5.0, 5.0)


def test_a_successful_call_reports_how_many_attempts_it_took():
    slept: list[float] = []
    svc = transport(slept)
    with closing(StandIn(Reply(502), Reply(502), Reply(200, {}))) as server:
        svc.request("GET", f"{server.url}/a")
    assert svc.last_attempts == 3 and slept == [1.0, 2.0]
