"""A web snapshot (WARC, ISO 28500): the page it recorded, for its text layer.

The page is the first ``response`` (or ``resource``) record with a 2xx status: a snapshot that
``factbase add`` made holds the redirects it followed first (3xx), then the page. Its body is
read with the transfer and content encodings undone, and its type comes from the recorded
``Content-Type`` (or, when that is missing, from its first bytes). A ``.warc.gz`` is
decompressed here, member by member, up to :data:`MAX_WARC_EXPANDED` bytes, so that a
decompression bomb costs a bounded amount of memory and time before it is refused.
"""

from __future__ import annotations

import io
import logging
import zlib
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator

from .errors import LayerError

__all__ = ["MAX_WARC_EXPANDED", "WarcPage", "gunzip_capped", "warc_response"]

MAX_WARC_EXPANDED = 64 * 1024 * 1024
# A record's header block ends within this many bytes (a WARC of junk is refused at once).
MAX_HEADER_BYTES = 64 * 1024
MAX_RECORDS = 100_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")


# warcio tells of damaged records on standard error and in its log; a library must not print,
# and factbase reports a damaged snapshot as a problem of its own.
logging.getLogger("warcio").addHandler(logging.NullHandler())


class _QuietIterator(ArchiveIterator):  # type: ignore[misc]
    INC_RECORD = ""   # the message warcio writes to sys.stderr for a record cut short


@dataclass(frozen=True)
class WarcPage:
    kind: str                   # html | pdf | text
    body: bytes
    content_type: str | None    # the recorded header, charset included
    media_type: str | None      # its type alone
    url: str | None
    date: str | None            # WARC-Date: when it was fetched
    status: int | None


def gunzip_capped(data: bytes, cap: int | None = None) -> bytes:
    """Every gzip member of ``data``, decompressed, or :class:`LayerError` past ``cap`` bytes
    (:data:`MAX_WARC_EXPANDED` by default)."""
    if cap is None:
        cap = MAX_WARC_EXPANDED
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        inflate = zlib.decompressobj(31)
        try:
            while True:
                piece = inflate.decompress(rest, cap + 1 - size)
                size += len(piece)
                out.append(piece)
                if size > cap:
                    raise LayerError(f"decompresses to more than {cap} bytes (a decompression bomb?)")
                if not inflate.unconsumed_tail:
                    break
                rest = inflate.unconsumed_tail
        except zlib.error as exc:
            if not out:
                raise LayerError(f"not a readable gzip file ({exc})") from None
            break  # damaged after whole records: keep what came before
        if not inflate.eof:
            if size == 0:
                raise LayerError("not a readable gzip file (cut short)")
            break  # cut short: keep what came before
        rest = inflate.unused_data.lstrip(b"\0")
    return b"".join(out)


def warc_response(data: bytes) -> WarcPage:
    """The page a WARC recorded."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip_capped(data)
    head = data[:MAX_HEADER_BYTES].lstrip(b"\r\n")
    if head.startswith((b"WARC/", b"warc/")) and b"\r\n\r\n" not in head and b"\n\n" not in head:
        raise LayerError(f"not a readable WARC (no end of the first record's headers in "
                         f"{MAX_HEADER_BYTES} bytes)")
    try:
        return _first_page(data)
    except LayerError:
        raise
    except Exception as exc:  # warcio raises many kinds on malformed input
        raise LayerError(f"not a readable WARC ({type(exc).__name__}: {exc})"[:300]) from None


def _first_page(data: bytes) -> WarcPage:
    seen = 0
    for record in _QuietIterator(io.BytesIO(data), no_record_parse=False, arc2warc=True):
        seen += 1
        if seen > MAX_RECORDS:
            break
        if record.rec_type not in ("response", "resource"):
            continue
        status: int | None = None
        content_type: str | None
        if record.rec_type == "response" and record.http_headers is not None:
            code = (record.http_headers.get_statuscode() or "").strip()
            status = int(code) if code.isdigit() else None
            if status is None or not 200 <= status < 300:
                continue
            content_type = record.http_headers.get_header("Content-Type")
        else:
            content_type = record.rec_headers.get_header("Content-Type")
        body = record.content_stream().read(MAX_WARC_EXPANDED + 1)
        if len(body) > MAX_WARC_EXPANDED:
            raise LayerError(f"the page decompresses to more than {MAX_WARC_EXPANDED} bytes")
        media = (content_type or "").split(";")[0].strip().lower() or None
        return WarcPage(_kind(media, body), body, content_type, media,
                        record.rec_headers.get_header("WARC-Target-URI"),
                        record.rec_headers.get_header("WARC-Date"), status)
    if seen == 0:
        raise LayerError("not a WARC file (no records)")
    raise LayerError("the snapshot records no page (no response with a 2xx status)")


def _kind(media: str | None, body: bytes) -> str:
    if media in _HTML_TYPES:
        return "html"
    if media == "application/pdf":
        return "pdf"
    if media is not None and media.startswith("text/"):
        return "text"
    head = body[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[:1] == b"<" or head.startswith(b"\xef\xbb\xbf<"):
        return "html"
    raise LayerError(f"the recorded page is {media or 'of an unknown type'}, not HTML, PDF or text")
