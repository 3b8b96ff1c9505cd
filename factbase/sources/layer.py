"""From a source's bytes to its text layer: the format, and one extractor per format.

Offsets everywhere in factbase are code points into a source's text layer. For a text file it
is the file as stored (a BOM or CRLF line ends included); for a web page its visible text
(:mod:`.html`); for a PDF the text of its pages (:mod:`.pdf`); for a web snapshot the text
layer of the page it recorded (:mod:`.warc`). Extraction is deterministic: the same bytes and
the same :data:`EXTRACTOR` give the same text, and `text_sha256` pins it.
"""

from __future__ import annotations

import bisect
import hashlib
from functools import lru_cache
from importlib import metadata

from ..problems import Problem, problem
from ..verify.types import TextLayer
from .charset import decode_html, header_charset
from .errors import LayerError
from .html import html_text
from .pdf import pdf_text
from .warc import warc_response

__all__ = [
    "FORMATS", "LayerError", "extract", "extractor_fingerprint", "format_of", "pages_of",
    "plain_text", "text_sha256",
]

FORMATS = ("text", "html", "pdf", "warc")
# File name endings -> format; anything else is text.
_SUFFIXES = ((".warc.gz", "warc"), (".warc", "warc"), (".html", "html"), (".htm", "html"),
             (".xhtml", "html"), (".pdf", "pdf"))
# The libraries whose output is the text layer: a new version of one may change the text.
_LIBRARIES = ("selectolax", "pypdfium2", "warcio")


def format_of(path: str, declared: str | None = None) -> str:
    """The format of a source: ``declared`` (the `format:` field) or its file name's ending."""
    if declared:
        return declared
    lower = path.lower()
    for suffix, name in _SUFFIXES:
        if lower.endswith(suffix):
            return name
    return "text"


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The versions of the libraries that make text layers: part of the cache key of a
    layer, so that an upgrade extracts again (and drift shows against `text_sha256`)."""
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ",".join(versions)


def pages_of(starts: list[int], start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """The pages (from 1) where the span ``start``-``end`` starts and ends, given where each
    page starts; (None, None) without pages or without a span."""
    if not starts or start is None or end is None:
        return None, None
    first = bisect.bisect_right(starts, start)
    last = bisect.bisect_right(starts, max(start, end - 1))
    return first, last


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def extract(fmt: str, data: bytes, source_id: str = "", source_sha256: str | None = None,
            ) -> tuple[str, TextLayer]:
    """The text layer of ``data`` in format ``fmt``; :class:`LayerError` when there is none."""
    if fmt == "text":
        return _layer(fmt, source_sha256, plain_text(data))
    if fmt == "html":
        return _html(data, None, source_id, source_sha256)
    if fmt == "pdf":
        pages = pdf_text(data)
        return _layer(fmt, source_sha256, pages.text, pages=pages.starts,
                      media_type="application/pdf")
    if fmt == "warc":
        record = warc_response(data)
        kind = record.kind
        if kind == "pdf":
            pages = pdf_text(record.body)
            return _layer(fmt, source_sha256, pages.text, pages=pages.starts,
                          media_type=record.media_type)
        if kind == "html":
            text, layer = _html(record.body, header_charset(record.content_type), source_id,
                                source_sha256)
            layer.format, layer.media_type = "warc", record.media_type
            return text, layer
        decoded = decode_html(record.body, header_charset(record.content_type) or "utf-8")
        return _layer(fmt, source_sha256, decoded.text, media_type=record.media_type)
    raise LayerError(f"unknown format {fmt!r}")


def plain_text(data: bytes) -> str:
    """A text file's text: UTF-8, as stored."""
    if b"\x00" in data:
        raise LayerError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LayerError(f"not UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start})"
                         ) from None


def _html(data: bytes, header: str | None, source_id: str,
          source_sha256: str | None) -> tuple[str, TextLayer]:
    decoded = decode_html(data, header)
    page = html_text(decoded.text)
    problems: list[Problem] = []
    if decoded.mislabelled is not None:
        label, rule = decoded.mislabelled
        problems.append(problem("charset-mismatch", source_id=source_id, field_path="path",
                                source=source_id, label=label, rule=rule,
                                used=decoded.rule))
    return _layer("html", source_sha256, page.text, regions=page.regions, problems=problems,
                  media_type="text/html")


def _layer(fmt: str, source_sha256: str | None, text: str, *, pages: list[int] | None = None,
           regions: list[tuple[int, int, str]] | None = None,
           problems: list[Problem] | None = None,
           media_type: str | None = None) -> tuple[str, TextLayer]:
    return text, TextLayer(fmt, source_sha256, text_sha256(text), pages or [], regions or [],
                           problems or [], media_type)
