"""`factbase export --format w3c`: one W3C Web Annotation per citation (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from source_files import PAGE, make_warc

from factbase.cli import cli

FACTS = """\
factbase: 1
title: Export test
sources:
  - id: snapshot
    path: sources/news.warc.gz
    url: https://example.test/news
  - id: seed
    path: sources/seed.txt
claims:
  - id: fund
    statement: The 2015 agreement set up a $9 million fund.
    value: {type: money, amount: 9000000, currency: USD}
    citations:
      - source: snapshot
        quote: a $9 million joint fund
      - source: seed
        quote: held $8 million
  - id: lost
    statement: Something not in the text.
    value: {type: quote}
    citations:
      - source: seed
        quote: never written anywhere
"""


def test_export_w3c(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "news.warc.gz").write_bytes(make_warc(
        "https://example.test/news", PAGE.encode(), date="2020-01-15T10:00:00Z"))
    (tmp_path / "sources" / "seed.txt").write_text("The fund held $8 million in 2019.\n",
                                                   encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    out = tmp_path / "annotations.jsonld"
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "facts.yaml"), "--format", "w3c",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("@context", "type", "label", "total")} == {
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
        "label": "Export test", "total": 3}
    first, second, lost = data["first"]["items"]
    assert first == {
        "id": "urn:factbase:citation:fund:0",
        "type": "Annotation",
        "motivation": "assessing",
        "body": [
            {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
             "value": "The 2015 agreement set up a $9 million fund."},
            {"type": "TextualBody", "purpose": "classifying", "format": "application/json",
             "value": '{"amount": "9000000", "currency": "USD", "type": "money"}'},
            {"type": "TextualBody", "purpose": "assessing", "format": "text/plain",
             "value": "verified"},
        ],
        "target": {
            "source": "https://example.test/news",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "a $9 million joint fund",
                 "prefix": " 2019\nThe 2015 agreement set up ",
                 "suffix": " for the surviving comfort women"},
                {"type": "TextPositionSelector", "start": 130, "end": 153},
            ],
            "state": {"type": "TimeState", "sourceDate": "2020-01-15T10:00:00Z",
                      "cached": "sources/news.warc.gz"},
        },
    }
    assert second["target"] == {"source": "sources/seed.txt", "selector": [
        {"type": "TextQuoteSelector", "exact": "held $8 million", "prefix": "The fund ",
         "suffix": " in 2019.\n"},
        {"type": "TextPositionSelector", "start": 9, "end": 24}]}
    assert second["body"][2]["value"] == "contradicted"
    assert lost["target"] == {"source": "sources/seed.txt", "selector": [
        {"type": "TextQuoteSelector", "exact": "never written anywhere"}]}
    assert lost["body"][2]["value"] == "unanchored"
    # Deterministic, and to standard output by default.
    again = CliRunner().invoke(cli, ["export", str(tmp_path / "facts.yaml")])
    assert again.exit_code == 0
    assert again.stdout == out.read_text(encoding="utf-8")


def test_export_of_a_broken_facts_file(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text("factbase: 1\nclaims: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "facts.yaml")])
    assert result.exit_code == 1
    assert "yaml-syntax" in result.output
