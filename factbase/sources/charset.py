"""Which character encoding a web page's bytes are in, decided as a browser decides it.

The order is the HTML standard's: a byte order mark, then the charset of the HTTP
``Content-Type`` header (known for a web snapshot), then a ``<meta charset>`` or
``<meta http-equiv="Content-Type">`` in the first bytes of the document, then UTF-8 when the
bytes are valid UTF-8, else windows-1252. Labels are read as the Encoding Standard reads them
(``iso-8859-1``, ``latin1`` and ``ascii`` all mean windows-1252; a page cannot declare UTF-16
in a ``<meta>``).

A label that does not decode the bytes (a page that says UTF-8 and is not) is a mislabelled
page: the bytes are read by the next rule that does decode them, and the caller reports it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode_html", "label_of"]

# How far into the document a <meta> charset is looked for (the standard says 1024 bytes;
# pages with long preambles put it later, and looking further costs nothing measurable).
PRESCAN_BYTES = 4096

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_META = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})""", re.IGNORECASE)
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:+-]{1,40})""", re.IGNORECASE)
# The Encoding Standard's aliases where Python's differ (the rest Python knows by name).
_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "windows-1252": "cp1252",
    "x-cp1252": "cp1252", "cp819": "cp1252", "ibm819": "cp1252", "iso-ir-100": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874",
    "x-sjis": "shift_jis", "gb2312": "gbk", "gb_2312": "gbk", "x-gbk": "gbk",
    "unicode-1-1-utf-8": "utf-8", "utf8": "utf-8", "x-user-defined": "cp1252",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str            # the Python codec that decoded the bytes
    rule: str               # bom | header | meta | utf-8 | windows-1252
    # When a declared charset did not decode the bytes: what it was and which rule declared it.
    mislabelled: tuple[str, str] | None = None


def label_of(label: str | None) -> str | None:
    """The Python codec a charset label names, or None for an unknown or non-text label."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # rot13, base64, zlib...: codecs, not character encodings
    return info.name


def header_charset(content_type: str | None) -> str | None:
    """The charset label of a ``Content-Type`` header value, if it names one."""
    if not content_type:
        return None
    found = _CONTENT_TYPE_CHARSET.search(content_type)
    return found.group(1) if found else None


def decode_html(data: bytes, header: str | None = None) -> Decoded:
    """The page's text, decoded by the first rule that applies and decodes it."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(name, errors="replace"), name, "bom")
    declared: list[tuple[str, str, str]] = []   # (codec, label, rule)
    codec = label_of(header)
    if codec is not None:
        declared.append((codec, header or "", "header"))
    found = _META.search(data[:PRESCAN_BYTES])
    if found is not None:
        label = found.group(1).decode("ascii", "replace")
        codec = label_of(label)
        if codec is not None and codec.startswith("utf-16"):
            codec = "utf-8"  # a page that could be read to find <meta> is not UTF-16
        if codec is not None:
            declared.append((codec, label, "meta"))
    mislabelled: tuple[str, str] | None = None
    if declared:
        codec, label, rule = declared[0]
        try:
            return Decoded(data.decode(codec), codec, rule)
        except UnicodeDecodeError:
            mislabelled = (label, rule)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8", mislabelled)
    except UnicodeDecodeError:
        pass
    # windows-1252 leaves five bytes undefined; they become U+FFFD, as in a browser.
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252", "windows-1252", mislabelled)
