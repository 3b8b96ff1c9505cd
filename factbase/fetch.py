"""Fetch a web page and keep it as a web snapshot (WARC): what the page said when it was cited.

Only ``http`` and ``https`` URLs are fetched, every hop of a redirect included. Redirects are
followed one by one (at most :data:`MAX_REDIRECTS`) and each is recorded: the snapshot holds a
``warcinfo`` record, then for every hop the request as sent and the response as received
(status line, headers, body still in its content encoding), each with the time it was
fetched. A response larger than ``max_bytes`` or slower than ``timeout`` is refused. The
page is the last hop's response, which must have a 2xx status.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from . import __version__

__all__ = ["MAX_FETCH_BYTES", "FetchError", "Fetched", "fetch"]

MAX_FETCH_BYTES = 50 * 1024 * 1024
MAX_REDIRECTS = 10
TIMEOUT = 30.0
USER_AGENT = f"factbase/{__version__} (+https://factbase.dev/sources/)"
_REDIRECTS = (301, 302, 303, 307, 308)
# Headers of the transport, not of the payload: the body is stored without them.
_HOP_HEADERS = {"transfer-encoding", "connection", "keep-alive"}


class FetchError(Exception):
    """A URL that could not be fetched; the message says why."""


@dataclass
class Fetched:
    url: str                                 # the page's URL, after redirects
    status: int
    content_type: str | None
    warc: bytes                              # the snapshot, gzipped
    fetched: str                             # when the page was fetched (ISO 8601, UTC)
    redirects: list[tuple[str, int, str]] = field(default_factory=list)  # (from, status, to)


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched, not {scheme or 'this'}")


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_FETCH_BYTES,
          transport: httpx.BaseTransport | None = None,
          now: dt.datetime | None = None) -> Fetched:
    """Fetch ``url`` and record it; :class:`FetchError` when it cannot be had."""
    _check_scheme(url)
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record(
        "factbase-add.warc.gz", {"software": USER_AGENT, "format": "WARC File Format 1.1"}))
    redirects: list[tuple[str, int, str]] = []
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
               "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport,
                          headers=headers) as client:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                when = now or dt.datetime.now(dt.UTC)
                stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
                with client.stream("GET", current) as response:
                    body = _body(response, max_bytes, current)
                    _record(writer, response.request, response, body, stamp)
                    location = response.headers.get("location")
                    if response.status_code in _REDIRECTS and location:
                        target = urljoin(current, location)
                        redirects.append((current, response.status_code, target))
                        _check_scheme(target)
                        current = target
                        continue
                    if not 200 <= response.status_code < 300:
                        raise FetchError(f"{current}: HTTP {response.status_code} "
                                         f"{response.reason_phrase}".rstrip())
                    return Fetched(current, response.status_code,
                                   response.headers.get("content-type"), out.getvalue(), stamp,
                                   redirects)
            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None


def _body(response: httpx.Response, max_bytes: int, url: str) -> bytes:
    """The body as sent (content encoding kept), refused past ``max_bytes``."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: {declared} bytes, more than the limit of {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: more than the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _record(writer: WARCWriter, request: httpx.Request, response: httpx.Response, body: bytes,
            stamp: str) -> None:
    target = str(request.url)
    path = request.url.raw_path.decode("ascii", "replace") or "/"
    sent = StatusAndHeaders(f"GET {path} HTTP/1.1",
                            [(k.decode("latin-1"), v.decode("latin-1"))
                             for k, v in request.headers.raw], is_http_request=True)
    kept = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw
            if k.decode("latin-1").lower() not in _HOP_HEADERS]
    received = StatusAndHeaders(f"{response.status_code} {response.reason_phrase}".rstrip(), kept,
                                protocol="HTTP/1.1")
    answer = writer.create_warc_record(target, "response", payload=io.BytesIO(body),
                                       http_headers=received,
                                       warc_headers_dict={"WARC-Date": stamp})
    asked = writer.create_warc_record(
        target, "request", payload=io.BytesIO(b""), http_headers=sent,
        warc_headers_dict={"WARC-Date": stamp,
                           "WARC-Concurrent-To": answer.rec_headers.get_header("WARC-Record-ID")})
    writer.write_record(asked)
    writer.write_record(answer)
