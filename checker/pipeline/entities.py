"""Named entities without a trained model: lexicon aliases and capitalised names.

Aliases from rules/lexicon/entities.yaml map every spelling to one canonical
name ("U.S.", "Washington" -> United States). Other runs of capitalised words
are taken as names once role titles are dropped ("Prime Minister Sanae
Takaichi" -> Sanae Takaichi), and a surname alone is resolved to the full name
the same document gave earlier ("Takaichi" -> Sanae Takaichi). With a trained
pipeline its `doc.ents` are used as the names instead. Results go to
`doc.spans["entities"]`, each with `_.canonical`.
"""

from __future__ import annotations

from collections import Counter

import numpy
from spacy.attrs import IS_ALPHA, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, load_lexicon
from .phrases import PhraseTable
from .readings import register_extensions
from .scan import first_character, positions

_CONNECTORS = {"of", "for", "on", "de", "la", "du", "von", "van", "der", "&"}
_MODEL_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


class EntityFinder:
    def __init__(self, nlp: Language, lexicon: Lexicon):
        self.aliases = PhraseTable(nlp, lexicon.alias_of, lower=False)
        self.titles = PhraseTable(nlp, {t: True for t in lexicon.entities.titles}, lower=False)
        self.not_names = set(lexicon.entities.not_names)
        self.combining = {w.lower() for w in lexicon.entities.combining_words}
        self.months, self.weekdays = set(lexicon.month_of), set(lexicon.weekday_of)

    def capitalised(self, token: Token) -> bool:
        text = token.text
        return (
            text[:1].isupper() and any(c.isalpha() for c in text) and not token.like_url
            and not any(c in text for c in "$€£¥₹") and not self.is_date_word(token)
        )

    def is_date_word(self, token: Token) -> bool:
        """Weekdays, "Oct.", and a month before a day ("June 5"); "Theresa May" stays a name."""
        if token.text in self.weekdays or (token.text.endswith(".") and token.text in self.months):
            return True
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return token.text in self.months and nxt is not None and nxt.text[:1].isdigit()

    def runs(self, doc: Doc, caps: list[bool]) -> list[tuple[int, int]]:
        """Maximal runs of capitalised tokens (`caps`: which are), joined by lower-case connectors."""
        runs, end, n = [], 0, len(doc)
        for i in [k for k, cap in enumerate(caps) if cap]:
            if i < end:
                continue
            j = i + 1
            while j < n:
                if caps[j] and doc[j].text not in self.not_names and not doc[j].is_sent_start:
                    j += 1
                elif self.hyphen_part(doc, j):
                    j += 2
                elif doc[j].text in _CONNECTORS:
                    k = j
                    while k < n and doc[k].text in _CONNECTORS:
                        k += 1  # "Ursula von der Leyen"
                    if k < n and caps[k] and doc[k].text not in self.not_names:
                        j = k + 1
                    else:
                        break
                else:
                    break
            runs.append((i, j))
            end = j
        return runs

    def hyphen_part(self, doc: Doc, j: int) -> bool:
        """A hyphen and lower-case word glued to the name before it ("Jae-myung")."""
        if j + 1 >= len(doc) or doc[j].text != "-" or doc[j - 1].whitespace_ or doc[j].whitespace_:
            return False
        part = doc[j + 1]
        return part.is_alpha and part.is_lower and part.lower_ not in self.combining

    def segments(self, doc: Doc, start: int, end: int, known_caps: set[str]):
        """Split a run at aliases and titles: yield (start, end, canonical or None)."""
        i = start
        while i < end:
            title = self.titles.at(doc, i)
            if title and title[1] <= end:
                i = title[1]
                continue
            if doc[i].text in self.not_names:
                i += 1
                continue
            alias = self.aliases.at(doc, i)
            # an alias stands alone unless the rest of the run is a longer name ("Japan Steel Works")
            if alias and alias[1] <= end and (alias[1] == end or self.titles.at(doc, alias[1]) or self.aliases.at(doc, alias[1])):
                yield i, alias[1], alias[0]
                i = alias[1]
                continue
            j = i + 1
            while j < end and not self.titles.at(doc, j):
                j += 1
            if alias and (i, j) == (i, alias[1]):
                yield i, j, alias[0]
            elif j - i > 1 or not doc[i].is_sent_start or doc[i].text in known_caps:
                yield i, j, None
            i = j

    @staticmethod
    def full_name(word: str, full_names: dict[str, Counter[str]]) -> str:
        """The full name a surname stands for: the one the document uses most, if any is clear."""
        ranked = full_names.get(word, Counter()).most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return word
        return ranked[0][0]

    @staticmethod
    def headings(doc: Doc, caps: list[bool]) -> set[int]:
        """The tokens of title-case lines ("Takaichi Pledges to Uphold Abe's Policy"): capitals say
        nothing there. A line is one when over 60% of its 3 or more words are capitalised and it
        does not end in a full stop, as a sentence of prose does ("The Finance Director, Regula
        Imboden, welcomed the decision.")."""
        if not len(doc):
            return set()
        alpha = doc.to_array(IS_ALPHA).astype(bool)
        starts = numpy.flatnonzero(doc.to_array(SENT_START).astype("int64") == 1)  # counted per sentence at once
        starts = starts if len(starts) and starts[0] == 0 else numpy.concatenate(([0], starts))
        words = numpy.add.reduceat(alpha.astype("int64"), starts).tolist()
        capitals = numpy.add.reduceat((alpha & numpy.array(caps, dtype=bool)).astype("int64"), starts).tolist()
        ends = [*starts[1:].tolist(), len(doc)]
        found = set()
        for start, end, count, capital in zip(starts.tolist(), ends, words, capitals):
            if count >= 3 and capital / count > 0.6 and not _full_stop(doc, start, end):
                found.update(range(start, end))
        return found

    def __call__(self, doc: Doc) -> Doc:
        upper = positions(first_character(doc, str.isupper))  # only these can be capitalised
        caps = [False] * len(doc)  # asked of every token three times below
        for i in upper:
            caps[i] = self.capitalised(doc[i])
        if doc.has_annotation("ENT_IOB"):
            runs = [(e.start, e.end) for e in doc.ents if e.label_ in _MODEL_LABELS]
        else:
            runs = self.runs(doc, caps)
        headings = self.headings(doc, caps)
        body_runs = [(s, e) for s, e in runs if s not in headings]
        known_caps = {doc[i].text for i in upper if caps[i] and not doc[i].is_sent_start and i not in headings}
        found = [seg for s, e in body_runs for seg in self.segments(doc, s, e, known_caps)]
        name_words = {t.text for s, e, c in found if c is None for t in doc[s:e]}
        for s, e in runs:  # in headings keep only aliases and words the body uses as names
            if s in headings:
                for i in range(s, e):
                    alias = self.aliases.at(doc, i)
                    if alias and alias[1] <= e:
                        found.append((i, alias[1], alias[0]))
                    elif doc[i].text in name_words:
                        found.append((i, i + 1, None))
        found.sort()
        full_names: dict[str, Counter[str]] = {}
        for s, e, canonical in found:
            if canonical is None and e - s > 1:
                full_names.setdefault(doc[e - 1].text, Counter())[doc[s:e].text] += 1
        spans = []
        for s, e, canonical in found:
            text = doc[s:e].text
            if canonical is None:
                canonical = self.full_name(text, full_names) if e - s == 1 else text
            span = Span(doc, s, e, label="ALIAS" if self.aliases.at(doc, s) else "NAME")
            span._.canonical = canonical
            spans.append(span)
        doc.spans["entities"] = spans
        return doc


def _full_stop(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) end in a full stop, quote marks and spaces after it aside."""
    k = end - 1
    while k > start and (doc[k].is_space or doc[k].is_quote):
        k -= 1
    return doc[k].text == "."


@Language.factory("checker_entities", default_config={"lexicon_dir": None})
def make_entity_finder(nlp: Language, name: str, lexicon_dir: str | None) -> EntityFinder:
    register_extensions()
    return EntityFinder(nlp, load_lexicon(lexicon_dir))
