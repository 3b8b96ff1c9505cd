"""The text layer of a web page: its visible text in reading order.

Rules (docs/sources.md tells them to users):

* script, style, template, noscript, comments, form controls (select, textarea, button),
  embedded objects (svg, iframe, object, embed, canvas, audio, video) and elements hidden by
  the ``hidden`` attribute or an inline ``display:none``/``visibility:hidden`` are not text;
* block elements (p, div, headings, list items, table cells, ...) and ``<br>`` break lines;
  inline markup (``<em>15</em>%``, links, spans, elements unknown to HTML) joins with no
  space added; runs of whitespace
  collapse to one space, except inside ``<pre>``; ``&nbsp;`` is a plain space and every
  other character reference is decoded by the parser;
* boilerplate stays in the text (a citation may quote it) and is returned as regions that
  coverage leaves out: ``nav``, ``aside``, ``form``, ``dialog``, ``header`` and ``footer``
  (unless inside ``article`` or ``main``), and elements whose ARIA role is navigation, banner,
  contentinfo, complementary, search, menu or menubar. A region is its own block.

How: the parser (Lexbor, through selectolax) does the work in C. Zero-width markers (Unicode
noncharacters, which no document may use: any in the input are replaced first) are put in the
parsed tree around block elements, ``<pre>`` and the boilerplate regions; one call takes the
text of the whole body; a few regular expressions turn markers and whitespace into line
breaks, and the regions' markers into offsets.
"""

from __future__ import annotations

import re
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser

from .errors import LayerError

__all__ = ["MAX_HTML_BYTES", "MAX_HTML_DEPTH", "HtmlText", "html_text"]

# Limits (docs/security.md). Parsing takes time in proportion to the depth of the open
# elements at each tag: 100,000 nested <div>s take a minute. Real pages nest a few dozen deep.
MAX_HTML_BYTES = 64 * 1024 * 1024
MAX_HTML_DEPTH = 4096
# Tags that open an element the parser keeps open until its end tag: not void elements, and
# not those whose end tag may be left out (an unclosed <li> or <p> does not nest).
_OPENS = re.compile(
    r"<(/?)(?!(?:p|li|dt|dd|option|optgroup|tr|td|th|thead|tbody|tfoot|colgroup|caption|rb|rt|"
    r"rtc|rp|html|head|body|br|img|hr|input|meta|link|area|base|col|embed|param|source|track|"
    r"wbr|keygen|image|frame|basefont|bgsound)\b)[A-Za-z]", re.IGNORECASE)
_STEP = {"": 1, "/": -1}.__getitem__

# Markers: a block break, a region's start and end, a <pre>'s start and end.
BREAK, REGION_START, REGION_END, PRE_START, PRE_END = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4"
_MARKS = re.compile("[\ufdd0-\ufdd4]")
_MARK_REFERENCES = re.compile(r"&#(?:[xX]0*[fF][dD][dD][0-4]|0*6499[2-6]);?")

# Elements that a browser lays out as blocks (and table parts, list items, <br>): a line
# break before and after each. Other elements, those unknown to HTML included, are inline.
_BLOCKS = ("address, article, aside, blockquote, center, dd, details, dialog, dir, div, dl, dt, "
           "fieldset, figcaption, figure, footer, form, h1, h2, h3, h4, h5, h6, header, hgroup, "
           "hr, legend, li, listing, main, menu, nav, ol, p, pre, section, summary, ul, table, "
           "caption, tr, td, th, br")

_NOT_TEXT = ["script", "style", "template", "noscript", "svg", "iframe", "object", "embed",
             "canvas", "audio", "video", "select", "textarea", "button"]
_HIDDEN = "[hidden], [style]"
_HIDING_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_REGIONS = "nav, aside, form, dialog, header, footer, [role]"
_REGION_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
                 "menubar"}
_REGION_TAGS = {"nav", "aside", "form", "dialog", "header", "footer"}
_SCOPED = {"header", "footer"}   # boilerplate only outside article and main

# Whitespace runs other than a lone space (which stays as it is: most of any text).
_SPACES = re.compile("[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+")
_BREAKS = re.compile(f" ?{BREAK}(?:[ {BREAK}]*{BREAK})? ?")
_PRE_BREAKS = re.compile(f"{BREAK}+")
_SPLIT = re.compile("([\ufdd1-\ufdd4])")


class HtmlText:
    """A page's text and its boilerplate regions ``(start, end, reason)``."""

    __slots__ = ("regions", "text")

    def __init__(self, text: str, regions: list[tuple[int, int, str]]) -> None:
        self.text = text
        self.regions = regions


def html_text(markup: str) -> HtmlText:
    """The text layer of an HTML document (already decoded); :class:`LayerError` past the
    limits."""
    if len(markup) > MAX_HTML_BYTES:
        raise LayerError(f"a web page of {len(markup)} characters, more than the limit of "
                         f"{MAX_HTML_BYTES}")
    # A page cannot nest deeper than it has tags: the count is cheap, the estimate is not.
    if markup.count("<") > MAX_HTML_DEPTH:
        depth = max(accumulate(map(_STEP, _OPENS.findall(markup))), default=0)
        if depth > MAX_HTML_DEPTH:
            raise LayerError(f"elements nested {depth} deep, more than the limit of "
                             f"{MAX_HTML_DEPTH}")
    page = _extract(markup)
    if page is None:
        # The page itself holds marker characters (written or as references): replace them
        # and read it again. Rare, so the common case pays nothing to look for them.
        markup = _MARK_REFERENCES.sub("&#xFFFD;", _MARKS.sub("\ufffd", markup))
        page = _extract(markup)
        assert page is not None
    return page


def _extract(markup: str) -> HtmlText | None:
    """The text layer, or None when the page holds marker characters of its own."""
    tree = LexborHTMLParser(markup)
    tree.strip_tags(_NOT_TEXT)
    _drop_hidden(tree)
    blocks = tree.css(_BLOCKS)
    for node in blocks:
        node.insert_before(BREAK)
        node.insert_after(BREAK)
    pres = tree.css("pre")
    for node in pres:
        node.insert_before(PRE_START)
        node.insert_after(PRE_END)
    reasons = _mark_regions(tree)
    body = tree.body
    raw = body.text(deep=True) if body is not None else ""
    # Markers of ours that did not land in the body (a block in <head>) are fewer, never more.
    if (raw.count(BREAK) > 2 * len(blocks) or raw.count(PRE_START) > len(pres)
            or raw.count(PRE_END) > len(pres) or raw.count(REGION_START) > len(reasons)
            or raw.count(REGION_END) > len(reasons)):
        return None
    return _assemble(raw, reasons)


def _drop_hidden(tree: LexborHTMLParser) -> None:
    hidden = [n for n in tree.css(_HIDDEN)
              if "hidden" in n.attributes or _HIDING_STYLE.search(n.attributes.get("style") or "")]
    if not hidden:
        return
    ids = {n.mem_id for n in hidden}
    for node in hidden:
        # An element inside another hidden one goes with it; removing it again would touch
        # freed memory.
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            node.decompose()


def _mark_regions(tree: LexborHTMLParser) -> list[str]:
    """Put markers around each boilerplate region; the reasons, in document order."""
    reasons: list[str] = []
    for node in tree.css(_REGIONS):
        tag = node.tag or ""
        role = ""
        if tag not in _REGION_TAGS:
            role = (node.attributes.get("role") or "").strip().lower()
            if role not in _REGION_ROLES:
                continue
        elif tag in _SCOPED and _inside(node, ("article", "main")):
            continue
        reasons.append(f"boilerplate: {(role and f'role={role}') or f'<{tag}>'}")
        node.insert_before(REGION_START)
        node.insert_after(REGION_END)
    return reasons


def _inside(node: object, tags: tuple[str, ...]) -> bool:
    parent = getattr(node, "parent", None)
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _assemble(raw: str, reasons: list[str]) -> HtmlText:
    """The final text from the body's raw text: markers become line breaks and offsets."""
    if not _SPLIT.search(raw):
        return HtmlText(_flow(raw).strip(" \n"), [])
    out: list[str] = []
    size = 0
    regions: list[tuple[int, int, str]] = []
    opened: list[tuple[int, str]] = []   # outermost region first
    depth_pre = 0
    next_reason = iter(reasons)
    for piece in _SPLIT.split(raw):
        if piece == REGION_START:
            reason = next(next_reason, "boilerplate")
            # A region starts on a line of its own: after the break that the next text gets.
            opened.append((size + (1 if size else 0), reason))
            continue
        if piece == REGION_END:
            if opened:
                start, reason = opened.pop()
                if not opened and size > start:
                    regions.append((start, size, reason))
            continue
        if piece == PRE_START:
            depth_pre += 1
            continue
        if piece == PRE_END:
            depth_pre = max(0, depth_pre - 1)
            continue
        text = _PRE_BREAKS.sub("\n", piece).strip("\n") if depth_pre else _flow(piece).strip(" \n")
        if not text:
            continue
        if size:
            out.append("\n")
            size += 1
        out.append(text)
        size += len(text)
    # Regions still open at the end (markup cut short) run to the end.
    if opened:
        start, reason = opened[0]
        if size > start:
            regions.append((start, size, reason))
    regions = [(min(a, size), b, r) for a, b, r in regions if a < b]
    return HtmlText("".join(out), regions)


def _flow(text: str) -> str:
    """Collapse whitespace as a browser does, and turn each run of breaks into one line break."""
    text = _SPACES.sub(" ", text)
    text = _BREAKS.sub("\n", text)
    return text.replace("\xa0", " ") if "\xa0" in text else text
