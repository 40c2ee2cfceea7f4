"""The one HTTP transport: GitHub, Slack and the GCP billing catalog all call out through it.

A requests session whose adapter retries with urllib3's `Retry`: connection errors, 429 (for
any method: the server refused before doing anything) and 5xx (only for calls the caller says
are safe to repeat), honouring Retry-After and backing off exponentially otherwise. Every call
has a deadline: no wait runs past it (a Retry-After longer than what is left fails at once) and
each attempt's timeout shrinks to what is left. A call that fails for good raises `HttpError`,
whose message names the method and the URL's path only: tokens travel in headers, API keys in
query strings, and a Slack webhook's path is itself the secret (its caller passes `where`).
`requests` and `urllib3` are imported when a transport is made, so the CLI starts fast.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping
from typing import Any

from costgate.errors import url_path

MAX_BACKOFF_SECONDS = 30.0


class HttpError(Exception):
    """A call that failed for good. `str()` is safe to show: it never holds a secret.

    `kind` says how it ended: "refused" (an error status not worth repeating, `response` holds
    it), "exhausted" (still failing after every attempt), "out-of-time" (the next wait would pass
    the call's deadline) or "unreachable" (no answer; `cause` is the exception class name).
    """

    def __init__(
        self,
        message: str,
        kind: str,
        *,
        status: int | None = None,
        attempts: int = 1,
        response: Any = None,
        cause: str = "",
    ):
        super().__init__(message)
        self.kind = kind
        self.status = status  # the last HTTP status, None when no answer came
        self.attempts = attempts
        self.response = response
        self.cause = cause


class _OutOfTime(Exception):
    """Raised from inside urllib3's retry loop when the next wait would pass the call's deadline."""

    def __init__(self, wait: float, asked: bool):
        self.wait = wait
        self.asked = asked  # the server asked for it (Retry-After) rather than our backoff


class Transport:
    """One service's session: its headers, retry budget, timeouts and the time one call may take.

    `rate_limit_wait` looks at a final error response (one urllib3 does not retry, such as
    GitHub's 403 secondary rate limit) and returns how long to wait before repeating it, or None.
    """

    def __init__(
        self,
        service: str,
        *,
        headers: Mapping[str, str] | None = None,
        attempts: int = 5,
        backoff: float = 1.0,
        timeout: tuple[float, float] = (10.0, 30.0),
        seconds_per_call: float = 120.0,
        rate_limit_wait: Callable[[Any], float | None] | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
    ):
        import requests
        from requests.adapters import HTTPAdapter

        self.service = service
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        self.seconds_per_call = seconds_per_call
        self._rate_limit_wait = rate_limit_wait
        self.last_attempts = 0  # how many attempts the last successful call took
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic
        self._session = requests.Session()
        self._session.headers.update(headers or {})
        self._adapter = HTTPAdapter()
        self._session.mount("https://", self._adapter)
        self._session.mount("http://", self._adapter)

    def request(
        self,
        method: str,
        url: str,
        *,
        where: str | None = None,
        repeatable: bool = False,
        seconds: float | None = None,
        **send: Any,
    ) -> Any:
        """The response of a call that ended below 400; `HttpError` otherwise.

        `repeatable` says a POST or PATCH may be sent again after a 5xx or a read timeout (GET,
        PUT and DELETE always may); `where` replaces the URL's path in messages; `seconds`
        overrides how long the whole call, retries and waits included, may take.
        """
        import requests

        call = _Call(self, method, where or url_path(url), seconds or self.seconds_per_call, repeatable)
        while True:
            # One transport serves one thread: the retry policy carries this call's deadline.
            self._adapter.max_retries = call.retry()
            try:
                response = self._session.request(method, url, timeout=call.timeout(), **send)
            except _OutOfTime as out:
                raise call.out_of_time(out) from None
            except requests.RequestException as error:
                raise call.unreachable(error) from None
            if response.status_code < 400:
                self.last_attempts = call.failures + 1
                return response
            wait = (
                None if call.exhausted or self._rate_limit_wait is None else self._rate_limit_wait(response)
            )
            if wait is None:
                raise call.failed_with(response)
            call.failures += 1
            call.problem = str(response.status_code)
            if call.failures >= self.attempts:
                raise call.kept_failing(response)
            try:
                call.pause(wait, asked=True)
            except _OutOfTime as out:
                raise call.out_of_time(out) from None


class _Call:
    """One call's retry state, shared by the retry policies urllib3 derives from each other."""

    def __init__(self, transport: Transport, method: str, where: str, seconds: float, repeatable: bool):
        self.transport = transport
        self.method = method
        self.where = where
        self.seconds = seconds
        self.deadline = transport._clock() + seconds
        self.repeatable = repeatable
        self.failures = 0  # attempts that failed and were counted against the budget
        self.exhausted = False  # urllib3 ran out of attempts on a retryable status
        self.problem = ""  # the last failure: a status code or an exception class name

    def left(self) -> float:
        return self.deadline - self.transport._clock()

    def pause(self, seconds: float, *, asked: bool) -> None:
        if seconds > self.left():
            raise _OutOfTime(seconds, asked)
        if seconds > 0:
            self.transport._sleep(seconds)

    def retry(self) -> Any:
        from urllib3.util.retry import Retry

        methods = Retry.DEFAULT_ALLOWED_METHODS | ({self.method.upper()} if self.repeatable else set())
        retry = _retry_class()(
            total=max(self.transport.attempts - self.failures - 1, 0),
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=methods,
            backoff_factor=self.transport.backoff,
            respect_retry_after_header=True,
            raise_on_status=False,
            redirect=False,
        )
        retry.call = self
        return retry

    def timeout(self) -> Any:
        return _deadline_timeout_class()(*self.transport.timeout, call=self)

    def _label(self) -> str:
        return f"{self.method} {self.where}"

    def unreachable(self, error: Exception) -> HttpError:
        attempts = max(self.failures, 1)
        name = type(error).__name__
        return HttpError(
            f"cannot reach {self.transport.service} ({self._label()}) after {_attempts(attempts)}: {name}",
            "unreachable",
            attempts=attempts,
            cause=name,
        )

    def kept_failing(self, response: Any) -> HttpError:
        return HttpError(
            f"{self.transport.service} kept failing ({response.status_code} on {self._label()}) after "
            f"{_attempts(self.failures)}; try again later",
            "exhausted",
            status=response.status_code,
            attempts=self.failures,
            response=response,
        )

    def failed_with(self, response: Any) -> HttpError:
        if self.exhausted:
            return self.kept_failing(response)
        return HttpError(
            f"{self.transport.service} answered {response.status_code} on {self._label()}",
            "refused",
            status=response.status_code,
            attempts=self.failures + 1,
            response=response,
        )

    def out_of_time(self, out: _OutOfTime) -> HttpError:
        why = "asked to wait" if out.asked else "would retry in"
        return HttpError(
            f"{self.transport.service} {why} {out.wait:g} s ({self.problem} on {self._label()}), more than the "
            f"{max(self.left(), 0):.0f} s left of the {self.seconds:g} s this call may take; try again later",
            "out-of-time",
            status=int(self.problem) if self.problem.isdigit() else None,
            attempts=self.failures,
            cause="" if self.problem.isdigit() else self.problem,
        )


def _attempts(count: int) -> str:
    return f"{count} attempt{'s' if count != 1 else ''}"


@functools.cache
def _retry_class() -> type:
    """urllib3's Retry, waiting through the call (injected sleep, deadline) and counting attempts."""
    from urllib3.exceptions import InvalidHeader, MaxRetryError
    from urllib3.util.retry import Retry

    class CallRetry(Retry):
        call: _Call

        def new(self, **options: Any) -> CallRetry:
            retry = super().new(**options)
            retry.call = self.call
            return retry

        def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
            # 429 means the request was refused before it did anything: safe to repeat for any method.
            return status_code == 429 or super().is_retry(method, status_code, has_retry_after)

        def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):  # type: ignore[no-untyped-def]
            self.call.failures += 1
            self.call.problem = str(response.status) if response is not None else type(error).__name__
            try:
                return super().increment(method, url, response, error, _pool, _stacktrace)
            except MaxRetryError:
                self.call.exhausted = True
                raise

        def get_backoff_time(self) -> float:
            # urllib3 retries the first time at once; a throttled API wants a pause before that too.
            if not self.history:
                return 0.0
            return min(self.backoff_factor * 2 ** (len(self.history) - 1), MAX_BACKOFF_SECONDS)

        def sleep(self, response: Any = None) -> None:
            asked = self.asked_wait(response) if response is not None else None
            self.call.pause(self.get_backoff_time() if asked is None else asked, asked=asked is not None)

        def asked_wait(self, response: Any) -> float | None:
            value = response.headers.get("Retry-After")
            try:
                return float(self.parse_retry_after(value)) if value else None
            except InvalidHeader:  # an unreadable Retry-After counts as none
                return None

    return CallRetry


@functools.cache
def _deadline_timeout_class() -> type:
    """urllib3's Timeout whose per-attempt copy is cut to the time left before the call's deadline."""
    from urllib3.util.timeout import Timeout

    class DeadlineTimeout(Timeout):
        def __init__(self, connect: float, read: float, *, call: _Call):
            super().__init__(connect=connect, read=read)
            self.call = call

        def clone(self) -> Timeout:
            # urllib3 clones the timeout for every attempt, retries included.
            left = max(self.call.left(), 0.001)
            return Timeout(connect=min(self._connect, left), read=min(self._read, left), total=left)

    return DeadlineTimeout
