"""Messages that teach: a table of realistic mistakes in a facts file, one row each, with the
exact code, place and text of every problem factbase answers with.

Each row edits one small, valid project (four claims on the seed article) the way a new user
got it wrong, then loads and checks it as ``factbase check`` does. Every message must name
the one thing to change. ``python tests/test_messages.py`` prints what the code answers for
each row (run against main before this change, it recorded the first run: 15 of the 81 rows
then named the fix).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from babel.numbers import list_currencies
from hypothesis import given
from hypothesis import strategies as st

import factbase
from factbase.model import json_schema
from factbase.problems import PROBLEM_TYPES, ProblemType

SEED = Path(__file__).resolve().parent.parent / "sources" / "east-asia-alliances.txt"
SHA = "3d1ab0d8a6c312b9f0fdd5547773e1d511adda497ced9c3ddaaf619cf5321cba"

BASE = f"""\
factbase: 1
sources:
  - id: fp
    path: sources/east-asia-alliances.txt
    title: East Asia's Alliances Are Falling Apart
    published: 2020-01
    sha256: {SHA}
entities:
  - id: moon-jae-in
    name: Moon Jae-in
    kind: person
    aliases: [Moon]
    roles:
      - title: President of South Korea
        aliases: [newly elected president]
  - id: comfort-women-agreement
    name: 2015 comfort women agreement
    kind: agreement
    aliases: [2015 settlement, 2015 agreement]
claims:
  - id: fund
    statement: The 2015 settlement set up a $9 million joint fund.
    subject: comfort-women-agreement
    value:
      type: money
      amount: 9000000
      currency: USD
    citations:
      - source: fp
        quote: the 2015 settlement establishing a $9 million joint fund
  - id: summit
    statement: Moon and Abe met in Chengdu on Dec. 24, 2019.
    value:
      type: date
      date: 2019-12-24
    citations:
      - source: fp
        quote: the Dec. 24, 2019, Moon-Abe summit in Chengdu
  - id: companies
    statement: The rulings may impact 284 Japanese companies.
    value:
      type: quantity
      amount: 284
      unit: companies
    citations:
      - source: fp
        quote: may impact 284 Japanese companies
  - id: moon-president
    statement: Moon Jae-in is President of South Korea.
    subject: moon-jae-in
    value:
      type: person
      entity: moon-jae-in
      role: President of South Korea
    citations:
      - source: fp
        quote: South Korea’s then newly elected president, Moon Jae-in
"""

Edit = tuple[str, str]
Answer = tuple[str, str, str]  # code, file:line:col (or claim: field), message


def _row(name: str, edits: Edit | list[Edit], *answers: Answer) -> object:
    return pytest.param(edits if isinstance(edits, list) else [edits], list(answers), id=name)


def edited(edits: list[Edit]) -> str:
    text = BASE
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


def answers(folder: Path, text: str) -> list[Answer]:
    """What factbase answers for the facts ``text`` in a project at ``folder`` (the working
    folder): the problems of loading, else of checking."""
    (folder / "sources").mkdir(exist_ok=True)
    shutil.copy(SEED, folder / "sources")
    (folder / "facts.yaml").write_text(text, encoding="utf-8", errors="surrogateescape")
    try:
        facts = factbase.load(folder / "facts.yaml")
    except factbase.FactsError as exc:
        found = exc.problems
    else:
        found = factbase.check(facts, workers=1).problems
    return [(p.code, p.at.replace(f"{folder}/", ""), p.message.replace(str(folder), "PROJECT"))
            for p in found]


MISTAKES = [
    # -- misspelled fields, at every level
    _row('qoute', ('        quote: the 2015 settlement', '        qoute: the 2015 settlement'),
         ('schema', 'facts.yaml:30:9', 'claims.0.citations.0.qoute: unknown field; did you mean `quote`?')),
    _row('sorce', ('      - source: fp\n        quote: the Dec.', '      - sorce: fp\n        quote: the Dec.'),
         ('schema', 'facts.yaml:37:9', 'claims.1.citations.0.sorce: unknown field; did you mean `source`?')),
    _row('citation', ('    citations:\n      - source: fp\n        quote: may', '    citation:\n      - source: fp\n        quote: may'),
         ('schema', 'facts.yaml:45:5', 'claims.2.citation: unknown field; did you mean `citations`?')),
    _row('vaule', ('    value:\n      type: quantity', '    vaule:\n      type: quantity'),
         ('schema', 'facts.yaml:41:5', 'claims.2.vaule: unknown field; did you mean `value`?')),
    _row('entitiy', ('      entity: moon-jae-in', '      entitiy: moon-jae-in'),
         ('schema', 'facts.yaml:53:7', 'claims.3.value.entitiy: unknown field; did you mean `entity`?')),
    _row('statment', ('    statement: Moon and Abe', '    statment: Moon and Abe'),
         ('schema', 'facts.yaml:32:5', 'claims.1.statment: unknown field; did you mean `statement`?')),
    _row('publised', ('    published: 2020-01', '    publised: 2020-01'),
         ('schema', 'facts.yaml:6:5', 'sources.0.publised: unknown field; did you mean `published`?')),
    _row('alias', ('    aliases: [Moon]', '    alias: [Moon]'),
         ('schema', 'facts.yaml:12:5', 'entities.0.alias: unknown field; did you mean `aliases`?')),
    _row('titel', ('      - title: President', '      - titel: President'),
         ('schema', 'facts.yaml:14:9', 'entities.0.roles.0.titel: unknown field; did you mean `title`?')),
    _row('top-level-claim', ('claims:\n', 'claim:\n'),
         ('schema', 'facts.yaml:20:1', 'claim: unknown field; did you mean `claims`?')),
    _row('qualifer', ('      unit: companies', '      unit: companies\n      qualifer: about'),
         ('schema', 'facts.yaml:45:7', 'claims.2.value.qualifer: unknown field; did you mean `qualifier`?')),
    _row('colour-not-close', ('    statement: Moon and Abe', '    colour: red\n    statement: Moon and Abe'),
         ('schema', 'facts.yaml:32:5', 'claims.1.colour: unknown field; expected one of id, statement, subject, predicate, value, tags, citations, ignore, note')),
    # -- amounts and currencies
    _row('amount-1.6bn', ('      amount: 9000000', '      amount: 1.6bn'),
         ('schema', 'facts.yaml:26:15', 'claims.0.value.amount: \'1.6bn\' is not a number; write `amount: 1600000000`, or give the whole value as the shorthand `value: "$1.6bn"`')),
    _row('amount-$9-million', ('      amount: 9000000', '      amount: "$9 million"'),
         ('schema', 'facts.yaml:26:15', 'claims.0.value.amount: \'$9 million\' is not a number; write `amount: 9000000`, or give the whole value as the shorthand `value: "$9 million"`')),
    _row('amount-9-million', ('      amount: 9000000', '      amount: 9 million'),
         ('schema', 'facts.yaml:26:15', 'claims.0.value.amount: \'9 million\' is not a number; write `amount: 9000000`, or give the whole value as the shorthand `value: "$9 million"`')),
    _row('amount-digit-commas', ('      amount: 9000000', '      amount: 9,000,000'),
         ('schema', 'facts.yaml:26:15', "claims.0.value.amount: '9,000,000' is not a number: YAML 1.2 has no digit separators; write 9000000")),
    _row('quantity-amount-284-companies', ('      amount: 284', '      amount: 284 companies'),
         ('schema', 'facts.yaml:43:15', 'claims.2.value.amount: \'284 companies\' is not a number; write `amount: 284`, or give the whole value as the shorthand `value: "284 companies"`')),
    _row('currency-usd-lowercase', ('      currency: USD', '      currency: usd'),),
    _row('currency-eur-lowercase', ('      currency: USD', '      currency: eur'),
         ('unit-mismatch', 'facts.yaml:26:15', "the span says '$9 million' (9000000 USD), the claim says 9000000 EUR; correct the claim's unit or currency, or cite the words that say it")),
    _row('currency-dollar-sign', ('      currency: USD', '      currency: "$"'),
         ('schema', 'facts.yaml:27:17', "claims.0.value.currency: '$' is a currency sign, not an ISO 4217 code; write `currency: USD` (or AUD, CAD, HKD, SGD, ... for another)")),
    _row('currency-dollars', ('      currency: USD', '      currency: dollars'),
         ('schema', 'facts.yaml:27:17', "claims.0.value.currency: 'dollars' is a currency name, not an ISO 4217 code; write `currency: USD` (or AUD, CAD, HKD, SGD, ... for another)")),
    _row('currency-euro-sign', ('      currency: USD', '      currency: €'),
         ('schema', 'facts.yaml:27:17', "claims.0.value.currency: '€' is a currency sign, not an ISO 4217 code; write `currency: EUR`")),
    _row('currency-xyz', ('      currency: USD', '      currency: XYZ'),
         ('schema', 'facts.yaml:27:17', "claims.0.value.currency: 'XYZ' is not an ISO 4217 currency code; write one such as USD, EUR or GBP")),
    _row('currency-missing', ('      currency: USD\n', ''),
         ('schema', 'facts.yaml:25:7', 'claims.0.value.currency: required field is missing; add `currency:` (an ISO 4217 currency code such as USD, JPY, KRW or EUR)')),
    # -- dates
    _row('date-dec-2019', ('      date: 2019-12-24', '      date: Dec 2019'),
         ('schema', 'facts.yaml:35:13', "claims.1.value.date: 'Dec 2019' is not YYYY, YYYY-MM or YYYY-MM-DD; write `date: 2019-12`")),
    _row('date-dec-24-2019', ('      date: 2019-12-24', '      date: Dec. 24, 2019'),
         ('schema', 'facts.yaml:35:13', "claims.1.value.date: 'Dec. 24, 2019' is not YYYY, YYYY-MM or YYYY-MM-DD; write `date: 2019-12-24`")),
    _row('date-2019-13', ('      date: 2019-12-24', '      date: 2019-13'),
         ('schema', 'facts.yaml:35:13', "claims.1.value.date: '2019-13' has no month 13 (months are 01 to 12); write YYYY, YYYY-MM or YYYY-MM-DD")),
    _row('date-2019-12-5', ('      date: 2019-12-24', '      date: 2019-12-5'),
         ('schema', 'facts.yaml:35:13', "claims.1.value.date: '2019-12-5' is not YYYY, YYYY-MM or YYYY-MM-DD; write `date: 2019-12-05` (two digits for month and day)")),
    _row('date-24/12/2019', ('      date: 2019-12-24', '      date: 24/12/2019'),
         ('schema', 'facts.yaml:35:13', "claims.1.value.date: '24/12/2019' is not YYYY, YYYY-MM or YYYY-MM-DD; write `date: 2019-12-24`")),
    _row('date-05/06/2019', ('      date: 2019-12-24', '      date: 05/06/2019'),
         ('schema', 'facts.yaml:35:13', "claims.1.value.date: '05/06/2019' is ambiguous (day/month or month/day); write `date: 2019-06-05` or `date: 2019-05-06`")),
    _row('date-feb-30', ('      date: 2019-12-24', '      date: 2019-02-30'),
         ('schema', 'facts.yaml:35:13', 'claims.1.value.date: 2019-02-30 is not a day of the calendar: February 2019 has 28 days')),
    _row('date-a-period', ('      date: 2019-12-24', '      date: Dec 2018 to Jan 2019'),
         ('schema', 'facts.yaml:35:13', "claims.1.value.date: 'Dec 2018 to Jan 2019' is a period; write `from: 2018-12` and `to: 2019-01` in place of `date`")),
    _row('published-yesterday', ('    published: 2020-01', '    published: yesterday'),
         ('schema', 'facts.yaml:6:16', "sources.0.published: 'yesterday' is relative; write the date itself, as YYYY, YYYY-MM or YYYY-MM-DD (the day it was published)")),
    _row('published-01/2020', ('    published: 2020-01', '    published: 01/2020'),
         ('schema', 'facts.yaml:6:16', "sources.0.published: '01/2020' is not YYYY, YYYY-MM or YYYY-MM-DD; write `published: 2020-01`")),
    # -- value types, kinds and other choices
    _row('type-monye', ('      type: money', '      type: monye'),
         ('schema', 'facts.yaml:25:7', "claims.0.value: unknown value type 'monye'; did you mean `type: money`?")),
    _row('type-number', ('      type: quantity', '      type: number'),
         ('schema', 'facts.yaml:42:7', "claims.2.value: unknown value type 'number'; did you mean `type: quantity`?")),
    _row('type-weight', ('      type: quantity', '      type: weight'),
         ('schema', 'facts.yaml:42:7', "claims.2.value: unknown value type 'weight'; expected one of date, money, quantity, change, person, entity, quote")),
    _row('kind-persn', ('    kind: person', '    kind: persn'),
         ('schema', 'facts.yaml:11:11', "entities.0.kind: 'persn' is not one of person, organization, place, agreement, event, other; did you mean `kind: person`?")),
    _row('kind-company', ('    kind: agreement', '    kind: company'),
         ('schema', 'facts.yaml:18:11', "entities.1.kind: 'company' is not one of person, organization, place, agreement, event, other; did you mean `kind: organization`?")),
    _row('qualifier-approx', ('      unit: companies', '      unit: companies\n      qualifier: approx'),
         ('schema', 'facts.yaml:45:18', "claims.2.value.qualifier: 'approx' is not one of about, nearly, odd, at-least, at-most, more-than, less-than; did you mean `qualifier: about`?")),
    # -- shorthand values
    _row('shorthand-with-words', ('    value:\n      type: quantity\n      amount: 284\n      unit: companies\n', '    value: 284 Japanese companies\n'),
         ('invalid-value', 'facts.yaml:41:12', "shorthand '284 Japanese companies' is not one value (found '284'); write the typed form {type: quantity, amount: 284, unit: companies}")),
    _row('shorthand-two-values', ('    value:\n      type: money\n      amount: 9000000\n      currency: USD\n', '    value: $9m joint fund in 2015\n'),
         ('invalid-value', 'facts.yaml:24:12', "shorthand '$9m joint fund in 2015' holds several values ('$9m', '2015'); keep the one the claim means, or write its typed form, such as {type: money, amount: 9000000, currency: USD}")),
    _row('shorthand-relative', ('    value:\n      type: date\n      date: 2019-12-24\n', '    value: last December\n'),
         ('invalid-value', 'facts.yaml:33:12', 'shorthand \'last December\' is a relative date; write the date it means ("December 2019", "Dec. 24, 2019")')),
    # -- fields missing, empty or of the wrong shape
    _row('role-without-title', ('      - title: President of South Korea\n        aliases', '      - aliases'),
         ('schema', 'facts.yaml:14:9', 'entities.0.roles.0.title: required field is missing; add `title:` (the role\'s title, such as "Prime Minister of Japan")')),
    _row('statement-missing', ('    statement: The rulings may impact 284 Japanese companies.\n', ''),
         ('schema', 'facts.yaml:39:5', 'claims.2.statement: required field is missing; add `statement:` (the claim in one sentence, for readers)')),
    _row('citations-empty', ('    citations:\n      - source: fp\n        quote: may impact 284 Japanese companies\n', '    citations: []\n'),
         ('schema', 'facts.yaml:45:16', 'claims.2.citations: is empty; a claim cites at least one span: add `- source: …` with its `quote: …`')),
    _row('authors-not-a-list', ('    published: 2020-01', '    authors: Elliot Silverberg\n    published: 2020-01'),
         ('schema', 'facts.yaml:6:14', 'sources.0.authors: expected a list; write `authors: [Elliot Silverberg]`')),
    _row('id-with-capitals', ('  - id: fund', '  - id: Fund 1'),
         ('schema', 'facts.yaml:21:9', 'claims.0.id: expected a slug (lowercase letters, digits and hyphens); write `id: fund-1`')),
    _row('version-2', ('factbase: 1', 'factbase: 2'),
         ('unsupported-version', 'facts.yaml:1:11', 'factbase: 2 is not a supported format version; write `factbase: 1`')),
    _row('version-missing', ('factbase: 1\n', ''),
         ('schema', 'facts.yaml:1:1', 'factbase: required field is missing; add `factbase: 1` (the format version) as the first line')),
    _row('sha256-short', ('    sha256: 3d1ab0d8a6c312b9f0fdd5547773e1d511adda497ced9c3ddaaf619cf5321cba', '    sha256: 3d1ab0d8'),
         ('schema', 'facts.yaml:7:13', 'sources.0.sha256: expected 64 lowercase hex digits; let `factbase pin` write it')),
    # -- YAML
    _row('tab-indent', ('      - source: fp\n        quote: may', '      - source: fp\n\tquote: may'),
         ('yaml-syntax', 'facts.yaml:47:1', 'a tab indents this line, and YAML indents with spaces only: replace the tab with spaces (YAML: while scanning a plain scalar found a tab character that violates indentation)')),
    _row('duplicate-key', ('    subject: moon-jae-in\n', '    subject: moon-jae-in\n    subject: moon-jae-in\n'),
         ('duplicate-key', 'facts.yaml:51:5', "duplicate key 'subject' (first at line 50); keep only one of the two")),
    _row('colon-in-value', ('    statement: The rulings may', '    statement: Note: the rulings may'),
         ('yaml-syntax', 'facts.yaml:40:20', 'a colon and a space inside an unquoted value start a mapping: put the value in quotes (YAML: mapping values are not allowed in this context)')),
    _row('quotes-in-quotes', ('    statement: The rulings may impact 284 Japanese companies.', '    statement: "The rulings "may" impact 284 Japanese companies."'),
         ('yaml-syntax', 'facts.yaml:40:30', 'text after a quoted value: if the value has quotes inside, wrap it in the other kind of quotes (\'He said "no"\') (YAML: while parsing a block mapping did not find expected key)')),
    _row('not-utf8', ("    title: East Asia's", '    title: East Asia\udce9s'),
         ('facts-unreadable', 'facts.yaml:5:21', 'facts.yaml: not UTF-8 (byte 0xe9); save the file as UTF-8')),
    # -- references
    _row('source-id-typo', ('      - source: fp\n        quote: may impact 284 Japanese companies\n', '      - source: ffp\n        quote: may impact 284 Japanese companies\n'),
         ('unknown-source', 'facts.yaml:46:17', "citation names source 'ffp', which is not declared; did you mean 'fp'?")),
    _row('subject-id-typo', ('    subject: comfort-women-agreement', '    subject: comfort-woman-agreement'),
         ('unknown-entity', 'facts.yaml:23:14', "subject names entity 'comfort-woman-agreement', which is not declared; did you mean 'comfort-women-agreement'?"),
         ('unused-entity', 'facts.yaml:16:9', "entity 'comfort-women-agreement' is referenced by no claim; make it a claim's `subject` or value, or remove it")),
    _row('value-entity-typo', ('      entity: moon-jae-in', '      entity: moon-jaein'),
         ('unknown-entity', 'facts.yaml:53:15', "value.entity names entity 'moon-jaein', which is not declared; did you mean 'moon-jae-in'?"),
         ('value-mismatch', 'facts.yaml:53:15', "the span says 'Moon Jae-in' (moon-jae-in), the claim says moon-jaein (President of South Korea); correct the claim's value, or cite the words that say it")),
    _row('duplicate-claim-id', ('  - id: companies', '  - id: summit'),
         ('duplicate-id', 'facts.yaml:39:9', "claim id 'summit' is already used at facts.yaml:31:9; give this claim another id")),
    _row('include-missing', ('sources:\n', 'include: [claims/*.yaml]\nsources:\n'),
         ('include-not-found', 'facts.yaml:2:11', "include 'claims/*.yaml' matched no file; correct the pattern (relative to this file's folder) or remove it")),
    _row('unused-source', ('entities:\n', '  - id: memo\n    text: A memo nobody cites.\nentities:\n'),
         ('unused-source', 'facts.yaml:8:9', "source 'memo' is cited by no claim; cite it or remove it")),
    # -- sources
    _row('path-typo', ('sources/east-asia-alliances.txt', 'sources/east-asia-alliance.txt'),
         ('source-missing', 'facts.yaml:4:11', "source 'fp': sources/east-asia-alliance.txt does not exist; did you mean sources/east-asia-alliances.txt?")),
    _row('path-outside', ('sources/east-asia-alliances.txt', '../east-asia-alliances.txt'),
         ('path-outside-root', 'facts.yaml:4:11', '../east-asia-alliances.txt resolves outside the project folder PROJECT; copy the file into that folder and give its path relative to it')),
    _row('sha256-wrong', ('3d1ab0d8a6c312b9', '3d1ab0d8a6c312b8'),
         ('source-changed', 'facts.yaml:7:13', "source 'fp': sha256 is 3d1ab0d8a6c312b9f0fdd5547773e1d511adda497ced9c3ddaaf619cf5321cba, pinned 3d1ab0d8a6c312b8f0fdd5547773e1d511adda497ced9c3ddaaf619cf5321cba; check the claims that cite it, then re-pin with `factbase pin`")),
    # -- quotes
    _row('quote-typo', ('the 2015 settlement establishing', 'the 2015 setlement establishing'),
         ('quote-fuzzy', 'facts.yaml:30:16', 'quote matched fuzzily at 3805-3861 (score 98.2); the source reads "the 2015 settlement establishing a $9 million joint fund": copy it into `quote`')),
    _row('quote-not-in-source', ('        quote: may impact 284 Japanese companies\n', '        quote: may affect 284 Japanese firms\n'),
         ('quote-not-found', 'facts.yaml:47:16', 'quote not found in source \'fp\'; the closest passage (at 1956-1984, score 72.4) reads "may impact 284 Japanese companies": quote the source\'s words exactly (diff: may [-affe-]{+impa+}ct 284 Japanese [-fi-]{+co+}[-r-]m[-s-]{+p+})')),
    _row('quote-twice-in-source', [('      date: 2019-12-24', '      date: 1965'), ('the Dec. 24, 2019, Moon-Abe summit in Chengdu', '1965 treaty')],
         ('quote-ambiguous', 'facts.yaml:38:16', 'quote occurs 2 times in source \'fp\' (at 3658-3669, 4463-4474; the first is used); to pick one, add prefix: "a "')),
    _row('offsets-wrong', ('        quote: may impact 284 Japanese companies\n', '        quote: may impact 284 Japanese companies\n        start: 10\n        end: 40\n'),
         ('offset-mismatch', 'facts.yaml:48:16', "start/end 10-40 hold 's Alliances Are Falling Apart\\n', not the quote; remove `start` and `end`, or let `factbase pin` rewrite them")),
    _row('mention-not-in-quote', ('        quote: the 2015 settlement establishing a $9 million joint fund\n', '        quote: the 2015 settlement establishing a $9 million joint fund\n        mention: 9 million dollars\n'),
         ('mention-not-found', 'facts.yaml:31:18', "mention '9 million dollars' is not inside the quote; copy it from the quote's own words")),
    _row('ignore-not-in-source', ('claims:\n', 'ignore:\n  - source: fp\n    quote: Subscribe now\n    reason: a teaser\nclaims:\n'),
         ('ignore-not-found', 'facts.yaml:22:12', "ignore entry for source 'fp' matches nothing; copy its quote from the source, or correct its range")),
    # -- what the span says
    _row('amount-wrong', ('      amount: 9000000', '      amount: 8000000'),
         ('value-mismatch', 'facts.yaml:26:15', "the span says '$9 million' (9000000 USD), the claim says 8000000 USD; correct the claim's value, or cite the words that say it")),
    _row('currency-wrong', ('      currency: USD', '      currency: EUR'),
         ('unit-mismatch', 'facts.yaml:26:15', "the span says '$9 million' (9000000 USD), the claim says 9000000 EUR; correct the claim's unit or currency, or cite the words that say it")),
    _row('date-wrong', ('      date: 2019-12-24', '      date: 2019-12-25'),
         ('value-mismatch', 'facts.yaml:35:13', "the span says 'Dec. 24, 2019' (2019-12-24), the claim says 2019-12-25; correct the claim's value, or cite the words that say it")),
    _row('date-more-precise-than-span', [('      date: 2019-12-24', '      date: 2017-05-10'), ('the Dec. 24, 2019, Moon-Abe summit in Chengdu', 'began unraveling in May 2017')],
         ('precision-mismatch', 'facts.yaml:35:13', 'the span says May 2017 (month), the claim says 2017-05-10 (day); write `date: 2017-05`, or cite a span that gives the day')),
    _row('value-not-in-quote', ('        quote: may impact 284 Japanese companies\n', '        quote: Japanese companies\n'),
         ('quote-ambiguous', 'facts.yaml:47:16', 'quote occurs 2 times in source \'fp\' (at 1971-1989, 8955-8973; the first is used); to pick one, add suffix: "."'),
         ('value-not-found', 'facts.yaml:43:15', 'no quantity mention in the span supports 284 companies; quote the words that say it')),
    _row('role-not-declared', ('      role: President of South Korea', '      role: Prime Minister'),
         ('role-not-found', 'facts.yaml:53:15', "the span names 'moon-jae-in' but not the role 'Prime Minister'; the entity declares 'President of South Korea': claim one of them, or quote the words that give 'Prime Minister'"),
         ('undeclared-role', 'facts.yaml:53:15', "entity 'moon-jae-in' does not declare the role 'Prime Minister': it was matched as written; declare it under `roles:` (with its aliases) to match its other forms")),
    _row('role-misspelled', ('      role: President of South Korea', '      role: President of South Corea'),
         ('role-not-found', 'facts.yaml:53:15', "the span names 'moon-jae-in' but not the role 'President of South Corea'; did you mean the declared role 'President of South Korea'?"),
         ('undeclared-role', 'facts.yaml:53:15', "entity 'moon-jae-in' does not declare the role 'President of South Corea': it was matched as written; declare it under `roles:` (with its aliases) to match its other forms")),
    _row('subject-not-in-span', ('    subject: comfort-women-agreement', '    subject: moon-jae-in'),
         ('subject-not-in-span', 'facts.yaml:23:14', "the span names neither 'Moon Jae-in' nor any of its aliases; quote the words that name it, or add the name the span uses to the entity's `aliases`"),
         ('unused-entity', 'facts.yaml:16:9', "entity 'comfort-women-agreement' is referenced by no claim; make it a claim's `subject` or value, or remove it")),
    _row('relative-date-without-published', [('    published: 2020-01\n', ''), ('      date: 2019-12-24', '      date: 2019-08'), ('the Dec. 24, 2019, Moon-Abe summit in Chengdu', 'This past August')],
         ('relative-date-unresolved', 'facts.yaml:34:13', "'This past August' is relative and source 'fp' has no `published` date; add it to the source (YYYY-MM-DD)")),
    _row('conflicting-claims', [('    subject: comfort-women-agreement\n', '    subject: comfort-women-agreement\n    predicate: fund-amount\n'), ('  - id: moon-president\n', '  - id: fund-again\n    statement: The fund was $8 million.\n    subject: comfort-women-agreement\n    predicate: fund-amount\n    value: $8 million\n    citations:\n      - source: fp\n        quote: a $9 million joint fund\n  - id: moon-president\n')],
         ('value-mismatch', 'facts.yaml:53:12', "the span says '$9 million' (9000000 USD), the claim says 8000000 USD; correct the claim's value, or cite the words that say it"),
         ('conflicting-claims', 'facts.yaml:53:12', "claims 'fund-again' and 'fund (facts.yaml:21)' give comfort-women-agreement/fund-amount different values; correct one of them, or give them different predicates")),
]


def test_the_project_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert answers(tmp_path, BASE) == []


@pytest.mark.parametrize(("edits", "expected"), MISTAKES)
def test_message(edits: list[Edit], expected: list[Answer], tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert answers(tmp_path, edited(edits)) == expected


@pytest.mark.parametrize(("text", "at", "message"), [
    ("- a\n- b\n", (1, 1), "(document): the document must be a mapping: start it with "
     "`factbase: 1`, then `sources:`, `claims:`..."),
    ("factbase: 1\n[a, b]: 1\n", (2, 1), "(document): mapping keys must be plain scalars: write "
     "the key as a word (`quote:`), not a list or mapping"),
])
def test_a_document_of_the_wrong_shape(text: str, at: tuple[int, int], message: str) -> None:
    with pytest.raises(factbase.FactsError) as caught:
        factbase.loads(text)
    assert [(p.code, p.line, p.column, p.message) for p in caught.value.problems] == [
        ("schema", *at, message)]


# -- YAML that a person got wrong by hand: what to change comes first, PyYAML's words after.
@pytest.mark.parametrize(("text", "at", "message"), [
    ("a:\n\t- b\n", (2, 1), "a tab indents this line, and YAML indents with spaces only: replace "
     "the tab with spaces (YAML: while scanning for the next token found character that cannot "
     "start any token)"),
    ("a: \"abc\nb: 1\n", (3, 1), "the quoted value opened at line 1 is never closed: add the "
     "closing quote (YAML: while scanning a quoted scalar found unexpected end of stream)"),
    ("a:\n  b: 1\n c: 2\n", (3, 2), "this line is indented unlike the lines above it: line it up "
     "with them (YAML: while parsing a block mapping did not find expected key)"),
    ("a: [x, y\nb: 1\n", (2, 2), "the `[` list opened at line 1 is not closed: add `]` (YAML: "
     "while parsing a flow sequence did not find expected ',' or ']')"),
    ("a: {x: 1\n", (2, 1), "the `{` mapping opened at line 1 is not closed: add `}` (YAML: while "
     "parsing a flow mapping did not find expected ',' or '}')"),
    ("a: @x\n", (1, 4), "a value cannot start with '@' unquoted: put the value in quotes (YAML: "
     "while scanning for the next token found character that cannot start any token)"),
])
def test_yaml_syntax_says_what_to_change(text: str, at: tuple[int, int], message: str) -> None:
    with pytest.raises(factbase.FactsError) as caught:
        factbase.loads(text)
    assert [(p.code, p.line, p.column, p.message) for p in caught.value.problems] == [
        ("yaml-syntax", *at, message)]


# -- the same teaching for facts built in Python and for factbase.verify()
def test_plain_data_gets_the_nearest_field() -> None:
    with pytest.raises(factbase.FactsError) as caught:
        factbase.FactSet(sources=[{"id": "memo", "text": "x", "publised": "2020"}])
    assert [p.message for p in caught.value.problems] == [
        "sources.0.publised: unknown field; did you mean `published`?"]


@pytest.mark.parametrize(("value", "messages"), [
    ({"type": "money", "amount": "1.6bn", "currency": "usd"},
     ["value.amount: '1.6bn' is not a number; write `amount: 1600000000`, or give the whole "
      "value as the shorthand `value: \"$1.6bn\"`"]),
    ({"type": "money", "amount": "9m", "currency": "£"},
     ["value.amount: '9m' is not a number; write `amount: 9000000`",
      "value.currency: '£' is a currency sign, not an ISO 4217 code; write `currency: GBP` (or "
      "FKP, GIP, SHP, SSP for another)"]),
    ({"type": "date", "date": "Dec 2019"},
     ["value.date: 'Dec 2019' is not YYYY, YYYY-MM or YYYY-MM-DD; write `date: 2019-12`"]),
    ({"type": "quantity", "amount": "$9 million"},
     ["value.amount: '$9 million' is not a number; write `amount: 9000000` with `type: money` and "
      "`currency: USD`"]),
    ({"type": "quantty", "amount": 5},
     ["value: unknown value type 'quantty'; did you mean `type: quantity`?"]),
])
def test_verify_teaches_too(value: dict[str, str], messages: list[str]) -> None:
    result = factbase.verify(value, "The fund was $1.6bn in December 2019.")
    assert [(p.code, p.message) for p in result.problems] == [
        ("invalid-value", m) for m in messages]


def test_published_of_a_passage_is_rewritten() -> None:
    with pytest.raises(factbase.FactsError) as caught:
        factbase.verify("$9 million", "It cost $9 million.", published="Dec. 24, 2019")
    assert [p.message for p in caught.value.problems] == [
        "published: 'Dec. 24, 2019' is not YYYY, YYYY-MM or YYYY-MM-DD; write "
        "`published: 2019-12-24`"]


# -- currencies: any case of a known code is that code
@given(st.sampled_from(sorted(list_currencies())), st.lists(st.booleans(), min_size=3, max_size=3))
def test_any_case_of_a_code_is_the_code(code: str, upper: list[bool]) -> None:
    written = "".join(c if up else c.lower() for c, up in zip(code, upper, strict=True))
    value = factbase.MoneyValue(type="money", amount=5, currency=written)
    assert value.currency == code


def test_the_schema_admits_any_case() -> None:
    schema = json.dumps(json_schema())
    assert '"pattern": "^[A-Za-z]{3}$"' in schema
    assert '"pattern": "^[A-Z]{3}$"' not in schema


# -- the registry: every template ends with what to change, or is filled by a part that does
@pytest.mark.parametrize("kind", PROBLEM_TYPES, ids=lambda k: k.code)
def test_every_template_names_a_fix(kind: ProblemType) -> None:
    delegated = ("{reason}", "{hint}")
    assert "; " in kind.template or kind.template.endswith(delegated) \
        or "write `" in kind.template, kind.template


if __name__ == "__main__":
    # What the code on the path answers for each row, e.g. the first run of the table:
    # PYTHONPATH=<a checkout of main> .venv/bin/python tests/test_messages.py
    import os
    import tempfile

    for row in MISTAKES:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary).resolve()
            os.chdir(folder)
            print(f"### {row.id}")  # type: ignore[attr-defined]
            for answer in answers(folder, edited(row.values[0])):  # type: ignore[attr-defined]
                print(f"    {answer!r}")
    sys.exit(0)
