"""What a document says of itself (title, authors, publisher, publication date), for
`factbase add` (issue 15)."""

from __future__ import annotations

import pytest
from source_files import PAGE, make_pdf

from factbase.sources.meta import DocumentMeta, document_meta, html_meta, partial_date


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-12-28T09:00:00Z", "2019-12-28"), ("2019-12-28", "2019-12-28"), ("2019-12", "2019-12"),
    ("2019", "2019"), ("2019-2-3", "2019-02-03"), (" 2019-12-28 ", "2019-12-28"),
    ("2019-02-30", None), ("2019-13", None), ("0000", None), ("20191228", None), ("Dec 28", None),
    ("", None), (None, None),
])
def test_partial_date(value: str | None, expected: str | None) -> None:
    assert partial_date(value) == expected


@pytest.mark.parametrize(("head", "expected"), [
    # JSON-LD first, then meta tags, then <time>, then <title>.
    (PAGE, DocumentMeta("Japan and Korea set up a fund", ["Jane Doe", "John Roe"], "2019-12-28",
                        "Example News")),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"@type": "Article", '
     '"headline": "Graph", "datePublished": "2020-01-05", "author": "A. Writer"}]}</script>',
     DocumentMeta("Graph", ["A. Writer"], "2020-01-05", None)),
    ('<script type="application/ld+json">{broken json</script><meta property="og:title" content="OG">'
     '<meta name="author" content="https://example.test/staff/1"><meta name="citation_author" '
     'content="Roe, John"><meta name="citation_author" content="Doe, Jane">'
     '<meta name="citation_publication_date" content="2018/05/01"><meta name="DC.date" content="2018-05">',
     DocumentMeta("OG", ["Roe, John", "Doe, Jane"], "2018-05-01", None)),
    ("<title> Plain   title </title><p>Posted <time datetime='2017-03-04T10:00'>March 4</time>",
     DocumentMeta("Plain title", [], "2017-03-04", None)),
    ("<time datetime='2001-01-01'>old</time><time pubdate datetime='2017-03-04'>x</time>",
     DocumentMeta(None, [], "2017-03-04", None)),
    ("<p>nothing at all</p>", DocumentMeta()),
])
def test_html_meta(head: str, expected: DocumentMeta) -> None:
    assert html_meta(head) == expected


def test_pdf_meta() -> None:
    data = make_pdf([["x"]], title="Annual Report", author="Jane Doe; John Roe",
                    created="2020-03-05T10:00:00")
    assert document_meta("pdf", data) == DocumentMeta("Annual Report", ["Jane Doe", "John Roe"],
                                                      "2020-03-05", None)
    assert document_meta("pdf", b"not a pdf") == DocumentMeta()
    assert document_meta("text", b"anything") == DocumentMeta()
