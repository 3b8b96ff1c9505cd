"""The text layer of a PDF (PDFium, through pypdfium2), and a page's picture for the claim page.

The text layer is the text PDFium gives for each page, in its reading order, pages joined by a
form feed (``\\f``); :attr:`PdfText.starts` keeps where each page starts, so that a citation
knows its pages. Within a page, character *i* of the text is PDFium's character *i*, whose box
:func:`span_boxes` looks up to highlight a span on the rendered page. Two characters are
rewritten one for one: PDFium's mark of a hyphen that ends a line inside a word (U+FFFE or
U+0002) becomes a soft hyphen (U+00AD), as does a hyphen that ends a page when the next page
starts in lower case. Anchoring's normalization drops a soft hyphen and the break after it
(:mod:`factbase.textmap`), so a quote typed without the hyphen anchors, and the mention
extractors read the word whole.

A PDF with pages but no text (a scan) has no text layer: :class:`LayerError` says so. So do
encrypted, damaged and oversized documents.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import LayerError

__all__ = ["MAX_PDF_PAGES", "PdfText", "pdf_metadata", "pdf_text", "render_page", "span_boxes"]

MAX_PDF_PAGES = 5000
# Pixels per PDF point of a rendered page (72 points an inch: 1.5 is 108 dpi).
RENDER_SCALE = 1.5
MAX_RENDER_PIXELS = 25_000_000
PAGE_BREAK = "\f"
SOFT_HYPHEN = "\u00ad"

# PDFium is not thread-safe: one call at a time in a process.
_LOCK = threading.Lock()
_ONE_FOR_ONE = str.maketrans({
    "\ufffe": SOFT_HYPHEN, "\x02": SOFT_HYPHEN, "\x00": "\ufffd",
    **{chr(c): "\ufffd" for c in range(1, 32) if chr(c) not in "\t\n\r\x02\x0c"},
    "\x0c": " ",  # a form feed inside a page is not a page break
})


@dataclass(frozen=True)
class PdfText:
    text: str
    starts: list[int]       # offset of each page's first character


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise LayerError("encrypted PDF (a password is needed to read it)") from None
        raise LayerError(f"not a readable PDF ({message.rstrip('.')})") from None


def pdf_text(data: bytes) -> PdfText:
    """The text layer of a PDF's bytes."""
    with _LOCK:
        doc = _open(data)
        try:
            count = len(doc)
            if count == 0:
                raise LayerError("a PDF with no pages")
            if count > MAX_PDF_PAGES:
                raise LayerError(f"{count} pages, more than the limit of {MAX_PDF_PAGES}")
            try:
                pages = [_page_text(doc, i) for i in range(count)]
            except pdfium.PdfiumError as exc:
                raise LayerError(f"a page of the PDF is damaged ({exc})") from None
        finally:
            doc.close()
    if not any(p.strip() for p in pages):
        raise LayerError(f"no text layer: {count} page{'s' if count > 1 else ''} of images only "
                         "(a scan?); cite a text version or an OCR of it")
    for i in range(count - 1):
        # A word hyphenated across a page break: PDFium marks only line ends within a page.
        before, after = pages[i], pages[i + 1]
        if (len(before) > 1 and before[-1] == "-" and before[-2].isalpha() and after[:1].islower()):
            pages[i] = before[:-1] + SOFT_HYPHEN
    starts: list[int] = []
    at = 0
    for text in pages:
        starts.append(at)
        at += len(text) + 1
    return PdfText(PAGE_BREAK.join(pages), starts)


def _page_text(doc: pdfium.PdfDocument, index: int) -> str:
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        raise LayerError(f"page {index + 1} of the PDF is damaged ({exc})") from None
    try:
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count <= 0:
                return ""
            text = textpage.get_text_range()
            if len(text) != count:
                # Characters outside the BMP or ones PDFium could not map: build the text one
                # character at a time, so that offsets stay PDFium's character indices.
                text = "".join(_char(textpage, i) for i in range(count))
            return str(text).translate(_ONE_FOR_ONE)
        finally:
            textpage.close()
    finally:
        page.close()


def _char(textpage: pdfium.PdfTextPage, index: int) -> str:
    code = pdfium_c.FPDFText_GetUnicode(textpage, index)
    if code <= 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def span_boxes(data: bytes, page: int, start: int, end: int) -> tuple[tuple[float, float],
                                                                       list[tuple[float, float, float, float]]]:
    """The page's size (points) and the boxes (left, top, right, bottom from the page's top
    left, in points) of characters ``start``-``end`` of page ``page`` (0-based), one box per
    run of characters on a line."""
    try:
        return _span_boxes(data, page, start, end)
    except pdfium.PdfiumError as exc:
        raise LayerError(f"the PDF cannot be read ({exc})") from None


@contextlib.contextmanager
def _one_page(data: bytes, page: int) -> Iterator[pdfium.PdfPage | None]:
    """Page ``page`` (0-based) of the document, under the library's lock; None when the
    document has no such page."""
    with _LOCK:
        doc = _open(data)
        try:
            if not 0 <= page < len(doc):
                yield None
                return
            try:
                pdf_page = doc[page]
            except pdfium.PdfiumError as exc:
                raise LayerError(f"page {page + 1} of the PDF is damaged ({exc})") from None
            try:
                yield pdf_page
            finally:
                pdf_page.close()
        finally:
            doc.close()


def _span_boxes(data: bytes, page: int, start: int, end: int) -> tuple[tuple[float, float],
                                                                        list[tuple[float, float, float, float]]]:
    with _one_page(data, page) as pdf_page:
        if pdf_page is None:
            return (0.0, 0.0), []
        width, height = pdf_page.get_size()
        textpage = pdf_page.get_textpage()
        try:
            count = textpage.count_chars()
            boxes: list[tuple[float, float, float, float]] = []
            for i in range(max(0, start), min(end, count)):
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                if right <= left or top <= bottom:
                    continue  # a generated space or line break has no box
                box = (left, height - top, right, height - bottom)
                last = boxes[-1] if boxes else None
                if last is not None and abs(last[1] - box[1]) < 2 and abs(last[3] - box[3]) < 2 \
                        and box[0] >= last[0] - 1:
                    boxes[-1] = (last[0], min(last[1], box[1]), max(last[2], box[2]),
                                 max(last[3], box[3]))
                else:
                    boxes.append(box)
            return (width, height), boxes
        finally:
            textpage.close()


def render_page(data: bytes, page: int, scale: float = RENDER_SCALE) -> bytes | None:
    """Page ``page`` (0-based) as a PNG, or None when there is no such page."""
    try:
        return _render_page(data, page, scale)
    except pdfium.PdfiumError as exc:
        raise LayerError(f"the PDF cannot be rendered ({exc})") from None


def _render_page(data: bytes, page: int, scale: float) -> bytes | None:
    with _one_page(data, page) as pdf_page:
        if pdf_page is None:
            return None
        width, height = pdf_page.get_size()
        if width * height * scale * scale > MAX_RENDER_PIXELS:
            scale = (MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5
        image = pdf_page.render(scale=scale).to_pil()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def pdf_metadata(data: bytes) -> dict[str, str]:
    """The document information dictionary (Title, Author, CreationDate...), empty values
    left out."""
    with _LOCK:
        doc = _open(data)
        try:
            found = doc.get_metadata_dict(skip_empty=True)
        finally:
            doc.close()
    return {str(k): str(v) for k, v in found.items()}
