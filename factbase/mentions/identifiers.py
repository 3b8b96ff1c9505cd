"""Digits that name or time something rather than count it: telephone numbers
("212-555-0187"), case and docket numbers ("08-cr-00123"), aircraft and other model numbers
("737-800"), times of day ("1200 GMT", "0900", "12.30 GMT") and numbers written with a
leading zero ("0619").

``identifier_end(text, index)`` answers for the number that starts at ``index`` (the end of
the whole code, or None when it is no such code); the quantity extractor asks before it reads
a number there, and skips to that end. Each shape is checked where the number starts
(and, for the second group of a telephone number, just before it), so the cost is a few
anchored matches per number, never a scan of the text.
"""

from __future__ import annotations

import re

# Time zones and clock words after a time of day written without a colon ("1200 GMT").
_ZONE = r"(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|JST|IST|AEST|AEDT)\b"
_SHAPES = re.compile(
    r"(?:"
    # telephone numbers: 212-555-0187, 212.555.0187, 555-0187, (212) 555-0187, 020 7946 0958
    r"\d{3}[-.]\d{3}[-.]\d{4}(?!\d)"
    r"|\d{2,5}(?:[ .]\d{3,4}){2}(?![\d,.]\d)"
    # case and docket numbers: 08-cr-00123, 1:08-cv-123 (the colon form is a time elsewhere)
    r"|\d+-[A-Za-z]{1,4}-\d+"
    # times of day: 1200 GMT, 0900 BST, 12.30 GMT, 9.15 ET (hours 0-24, minutes 00-59)
    rf"|(?:[01]?\d|2[0-4])[.:]?[0-5]\d[ \t]*{_ZONE}"
    # a leading zero that is not a decimal: 0619, 007, 08 (not 0.5, not 0)
    r"|0\d+(?![.,]?\d)(?!\.\d)"
    r")"
)
# The area code of "(212) 555-0187", before the number at ``index``.
_AREA_CODE_BEFORE = re.compile(r"(?:\(\d{2,5}\)|\+\d{1,3})[ \t]?$")
_LOCAL = re.compile(r"\d{3,4}[-. ]\d{3,4}(?!\d)")
_AREA_CODE_AT = re.compile(r"(?<=\()\d{2,5}\)[ \t]?\d{3,4}[-. ]\d{3,4}")
# Two hyphenated three-digit groups whose second is a round hundred and whose first is not
# round: an aircraft or product model ("737-800", "747-400"), never a range of that many
# ("250-300", "120-150" are ranges).
_MODEL = re.compile(r"(\d{3})-(\d{3})(?![\d,.])")


def identifier_end(text: str, index: int) -> int | None:
    """The end of the telephone, case or model number, time of day or zero-led code that
    starts with the digits at ``index``; None when they start none."""
    shape = _SHAPES.match(text, index) or _AREA_CODE_AT.match(text, index)
    if shape is not None:
        return shape.end()
    if index and _AREA_CODE_BEFORE.search(text, max(0, index - 8), index):
        local = _LOCAL.match(text, index)
        if local is not None:
            return local.end()
    model = _MODEL.match(text, index)
    if model is not None:
        first, second = int(model.group(1)), int(model.group(2))
        if first % 5 != 0 and second % 100 == 0:
            return model.end()
    return None
