"""What a document says of itself: title, authors, publisher and publication date.

``factbase add`` writes these into the new source entry. A web page's own statements are read
in this order, the first that gives a value winning: JSON-LD (schema.org ``datePublished``,
``headline``, ``author``, ``publisher``), then ``<meta>`` tags (Open Graph ``article:*``,
``citation_*``, Dublin Core, ``author``...), then a ``<time datetime>`` (one marked as the
publication date first), then ``<title>``. A PDF's come from its document information
(Title, Author, CreationDate). The publication date is what relative dates in the text ("last
month") resolve against, so it is taken only from the document, never from the fetch time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .charset import decode_html, header_charset
from .errors import LayerError
from .pdf import pdf_metadata
from .warc import warc_response

__all__ = ["DocumentMeta", "document_meta", "html_meta", "partial_date", "pdf_meta"]

_DATE = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?![\d])")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_PUBLISHED_META = ("article:published_time", "datepublished", "citation_publication_date",
                   "citation_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
                   "pubdate", "publishdate", "publish-date", "date", "og:published_time",
                   "parsely-pub-date", "sailthru.date")
_TITLE_META = ("og:title", "citation_title", "twitter:title", "dc.title", "dcterms.title", "headline")
_AUTHOR_META = ("citation_author", "author", "article:author", "dc.creator", "dcterms.creator",
                "parsely-author", "sailthru.author")
_PUBLISHER_META = ("og:site_name", "citation_publisher", "citation_journal_title",
                   "dc.publisher", "dcterms.publisher", "publisher")
MAX_JSON_LD = 1_000_000


@dataclass
class DocumentMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None     # YYYY, YYYY-MM or YYYY-MM-DD, as the document gives it
    publisher: str | None = None


def partial_date(value: str | None) -> str | None:
    """The date at the start of ``value`` ("2019-12-28T09:00:00Z" gives 2019-12-28), at the
    precision it has; None when it is not a calendar date."""
    if not value:
        return None
    found = _DATE.match(value)
    if found is None:
        return None
    year, month, day = found.group(1), found.group(2), found.group(3)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if int(year) < 1:
        return None
    if month is None:
        return year
    if day is None:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def document_meta(fmt: str, data: bytes) -> DocumentMeta:
    """The metadata of a document in format ``fmt`` (an empty one for a text file)."""
    if fmt == "html":
        return html_meta(decode_html(data).text)
    if fmt == "pdf":
        return pdf_meta(data)
    if fmt == "warc":
        page = warc_response(data)
        if page.kind == "pdf":
            return pdf_meta(page.body)
        if page.kind == "html":
            return html_meta(decode_html(page.body, header_charset(page.content_type)).text)
    return DocumentMeta()


def pdf_meta(data: bytes) -> DocumentMeta:
    try:
        info = pdf_metadata(data)
    except LayerError:
        return DocumentMeta()
    authors = [a.strip() for a in re.split(r";", info.get("Author", "")) if a.strip()]
    published = None
    found = _PDF_DATE.match(info.get("CreationDate", ""))
    if found is not None:
        published = partial_date("-".join(p for p in found.groups() if p))
    return DocumentMeta(_clean(info.get("Title")), authors, published, None)


def html_meta(markup: str) -> DocumentMeta:
    tree = LexborHTMLParser(markup)
    meta = DocumentMeta()
    for item in _json_ld(tree):
        meta.published = meta.published or partial_date(_text(item.get("datePublished")))
        meta.title = meta.title or _clean(_text(item.get("headline")))
        if not meta.authors:
            meta.authors = _names(item.get("author"))
        if meta.publisher is None:
            names = _names(item.get("publisher"))
            meta.publisher = names[0] if names else None
    tags: dict[str, list[str]] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content:
            tags.setdefault(key.strip().lower(), []).append(content.strip())
    if meta.published is None:
        meta.published = next((partial_date(tags[k][0]) for k in _PUBLISHED_META
                               if k in tags and partial_date(tags[k][0])), None)
    if meta.published is None:
        meta.published = _time(tree)
    if meta.title is None:
        meta.title = next((_clean(tags[k][0]) for k in _TITLE_META if k in tags), None)
    if meta.title is None:
        title = tree.css_first("title")
        meta.title = _clean(title.text()) if title is not None else None
    if not meta.authors:
        for key in _AUTHOR_META:
            names = [v for v in tags.get(key, []) if not re.match(r"(?i)https?://", v)]
            if names:
                meta.authors = list(dict.fromkeys(_clean(n) or "" for n in names if _clean(n)))
                break
    if meta.publisher is None:
        meta.publisher = next((_clean(tags[k][0]) for k in _PUBLISHER_META if k in tags), None)
    return meta


def _json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """The JSON-LD objects of a page that describe a work (have a datePublished or headline)."""
    out: list[dict[str, Any]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        if len(raw) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack and len(out) < 100:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                if "datePublished" in item or "headline" in item:
                    out.append(item)
    return out


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        cleaned = _clean(name) if isinstance(name, str) else None
        if cleaned and not re.match(r"(?i)https?://", cleaned):
            names.append(cleaned)
    return list(dict.fromkeys(names))


def _time(tree: LexborHTMLParser) -> str | None:
    marked = tree.css_first('time[itemprop="datePublished"][datetime], time[pubdate][datetime]')
    if marked is not None:
        return partial_date(marked.attributes.get("datetime"))
    for node in tree.css("time[datetime]"):
        found = partial_date(node.attributes.get("datetime"))
        if found:
            return found
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = re.sub(r"\s+", " ", value).strip()
    return cleaned[:500] or None
