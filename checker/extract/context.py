"""What a claim is about: subject, predicate and the time it refers to.

Read from the claim's sentence without a parser, so the rules are simple and
explainable: the subject is the nearest named entity before the claim (a
possessor such as "Takaichi's" in "Takaichi's approach" only when nothing
better is near); a figure's predicate is what it measures or counts, the head
noun after it ("15% tariff"), the noun it is an amount in ("€150 million in
emergency aid") or the content word before it ("pledged $550 billion", "a
deficit of"); a date's, a time's or a place's is the event it dates or
locates (`events`); and the time is the nearest date in the same sentence ("2%
of GDP by 2027"). What a shared currency name stands for comes from the whole
article (`currency`).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from ..models import Claim, Kind, TimeRef
from ..pipeline.lemmas import lookup_lemma
from ..pipeline.readings import Reading
from .currency import CurrencyContext
from .events import EventReader
from .normalize import Normalized

_POSSESSIVE = {"’s", "'s", "’", "'"}
_COORDINATORS = {"and", "but", "while", "whereas", "yet"}


def _coordinated(doc: Doc, start: int, end: int) -> bool:
    """Whether another main clause starts between tokens start and end (a semicolon, or a
    comma and a coordinating word: "Japan pledged $500 billion to the United States, and the
    two leaders spoke on October 27"): a name before it is not the subject after it."""
    return any(doc[i].text == ";" or (doc[i].text == "," and i + 1 < end and doc[i + 1].lower_ in _COORDINATORS)
               for i in range(start, end))
_PREPOSITIONS = {"with", "to", "from", "for", "against", "by", "at", "on", "into", "toward", "towards", "via", "than"}


@dataclass(frozen=True)
class Source:
    """Where a Doc came from: the document id, the text the pipeline read (and the way
    back to the file's offsets), and where in that text the Doc's piece starts."""

    document: str
    text: Normalized
    offset: int = 0

    def span(self, start_char: int, end_char: int) -> tuple[int, int]:
        """A Doc's character span as offsets into the file."""
        return self.text.start(self.offset + start_char), self.text.end(self.offset + end_char)


SENTENCE_CHARS = 1200  # a longer sentence is stored in stretches of half to all of this, cut at spaces


def claim_id(document: str, kind: str, start: int, end: int) -> str:
    """A stable id: the same claim in the same file always gets the same id."""
    return "c" + hashlib.sha1(f"{document}\0{kind}\0{start}\0{end}".encode()).hexdigest()[:12]


class ContextReader:
    """Subject, predicate and time of a span, from its sentence."""

    def __init__(self, lexicon: Lexicon):
        self.light = {w.lower() for w in lexicon.predicates.light_words}
        self.object_preps = set(lexicon.predicates.object_prepositions)
        self.keep = set(lexicon.predicates.content_stop_words)
        self.auxiliaries = set(lexicon.predicates.auxiliaries)
        self.bases = {a for aliases in lexicon.units.ratio_bases.values() for a in aliases}
        self.calendar_words = set(lexicon.month_of) | set(lexicon.weekday_of)
        self.time_words = {w for w in lexicon.events.day_parts if w.isalpha()} | set(lexicon.dates.relative_days)
        self.currency = CurrencyContext(lexicon)  # what "$" or "francs" stands for in the article
        self.events = EventReader(lexicon)  # which event a date, a time or a place belongs to
        self.place_zones = lexicon.times.place_zones  # places the zone database names otherwise
        self.speech_verbs = {v for v in lexicon.speech.verbs if " " not in v}

    def event(self, span: Span) -> str | None:
        """The predicate of a date, a time of day or a place: the event it dates or locates
        (see `events`)."""
        return self.events.event(span)

    def content(self, token: Token) -> bool:
        """A word that can say what a figure is about: not a stop, light or calendar word,
        nor a time of day ("Occupancy this morning stood at 112%")."""
        return (
            token.is_alpha
            and token.is_lower
            and (not token.is_stop or token.lower_ in self.keep)
            and token.lower_ not in self.light
            and token.text not in self.calendar_words
            and token.lower_ not in self.time_words
        )

    @staticmethod
    def head(token: Token) -> str:
        if token.lower_.endswith("ing"):
            return token.lower_
        return lookup_lemma(token.lower_) if token.is_title else (token.lemma_ or token.text).lower()

    def subject(self, span: Span, exclude: str | None = None, own_clause: bool = False) -> str | None:
        """The name the claim is about: the nearest entity before it in its sentence (`own_clause`:
        in its own main clause, as the event of a date, a time or a place is read), else after it."""
        doc, sent = span.doc, span.sent
        entities = [
            e for e in in_sentence(doc, "entities", sent)
            if e.text not in self.bases and e._.canonical != exclude
            and (e.end <= span.start and not (own_clause and _coordinated(doc, e.end, span.start)) or e.start >= span.end)
        ]
        # an entity after a preposition is rarely the subject ("... interoperability with U.S. forces")
        before = [e for e in entities if e.end <= span.start
                  and not (e.start > sent.start and doc[e.start - 1].lower_ in _PREPOSITIONS)] or \
                 [e for e in entities if e.end <= span.start]
        # a possessor names the subject when it owns the figure's own phrase ("Japan's debt-to-GDP
        # ratio exceeding 250%"), not when a clause lies between ("Takaichi's approach, with shares ...")
        usable = [
            e for e in before
            if not (e.end < len(doc) and doc[e.end].text in _POSSESSIVE)
            or not any(t.is_punct and t.text not in _POSSESSIVE and t.text != "-" for t in doc[e.end : span.start])
        ]
        chosen = (usable or before or entities[:1] or [None])[-1 if (usable or before) else 0]
        return chosen._.canonical if chosen is not None else None

    def predicate(self, span: Span) -> str | None:
        """What a figure measures or counts: the head noun after it ("a 15% tariff"), the verb
        after a count ("8,500 homes had been destroyed"), the noun it is an amount in ("€150
        million in emergency aid"), else the content word before it ("pledged $550 billion",
        "a deficit of CHF 48 million", "Occupancy stood at 92 per cent")."""
        doc, sent, k = span.doc, span.sent, span.end
        if k < sent.end and self.content(doc[k]):
            return self.head(doc[k])
        spent = k + 1 < sent.end and doc[k].lower_ in self.object_preps and self.content(doc[k + 1])
        obj = doc[k + 1].lower_ if spent else None  # "2% of GDP on defense" -> defense spending
        found = self._count_verb(span) or self._amount_in(span) or self._before(span, obj) or obj
        if found is None and k + 1 < sent.end and doc[k].lower_ in ("in", "of") and self.content(doc[k + 1]):
            return self.head(doc[k + 1])
        return found

    def _count_verb(self, span: Span) -> str | None:
        """"8,500 homes had been destroyed": the participle after a count and its auxiliaries."""
        if span.label_ != "COUNT":
            return None
        doc, sent, k = span.doc, span.sent, span.end
        j = self._inserted(doc, k, sent.end)
        while j < sent.end and doc[j].lower_ in self.auxiliaries:
            j += 1
        if j > k and j < sent.end and doc[j].is_alpha and doc[j].is_lower and doc[j].lower_.endswith(("ed", "en")):
            return (doc[j].lemma_ or doc[j].lower_).lower()
        return None

    @staticmethod
    def _inserted(doc: Doc, k: int, end: int) -> int:
        """Past what stands between a count and its verb ("11 people in total, including the
        driver, were injured"): "in total" or "in all", and a clause set off by commas."""
        if k + 1 < end and doc[k].lower_ == "in" and doc[k + 1].lower_ in ("total", "all"):
            k += 2
        if k < end and doc[k].text == ",":
            close = next((j for j in range(k + 1, min(end, k + 9)) if doc[j].text == ","), None)
            k = close + 1 if close is not None else k
        return k

    def _amount_in(self, span: Span) -> str | None:
        """The noun phrase an amount is given in, without an article ("€150 million in
        emergency aid", "6.8 metres in height"): what it is an amount of. Not a count's ("3,200
        residents in flooded areas" is where), nor a place ("in northern Luzon")."""
        doc, sent, k = span.doc, span.sent, span.end
        if span.label_ == "COUNT" or k + 1 >= sent.end or doc[k].lower_ != "in":
            return None
        j = k + 1
        while j < min(sent.end, k + 4) and self.content(doc[j]):
            j += 1
        if j == k + 1 or (j < sent.end and (doc[j].is_title or doc[j].like_num)):
            return None
        return self._phrase(doc, j - 1, k + 1)

    def _before(self, span: Span, obj: str | None) -> str | None:
        """The content word before a figure, in its phrase ("pledged $550 billion", "a deficit
        of"), with the word before it ("small deficit") or the object after ("defense spending")."""
        doc, sent = span.doc, span.sent
        for i in range(span.start - 1, max(sent.start, span.start - 7) - 1, -1):
            t = doc[i]
            if t.is_punct or t.text in _POSSESSIVE:
                break
            if self.content(t) or self.opening(t):
                if obj:
                    return f"{obj} {self.head(t)}"
                return self._phrase(doc, i, sent.start)
        return None

    def _phrase(self, doc: Doc, i: int, first: int) -> str:
        """Word i's head, with the content word before it when there is one ("small deficit")."""
        word = self.head(doc[i])
        return f"{doc[i - 1].lower_} {word}" if i > first and self.content(doc[i - 1]) else word

    def opening(self, token: Token) -> bool:
        """A content word capitalised only because it opens the sentence ("Occupancy stood at
        92 per cent", "Sales reached ..."), not a name (the entities there)."""
        if not (token.is_sent_start and token.is_title and token.is_alpha):
            return False
        lower = token.lower_
        if (token.is_stop and lower not in self.keep) or lower in self.light or lower in self.time_words:
            return False
        entities = in_sentence(token.doc, "entities", token.sent)
        return not (entities and entities[0].start == token.i)

    def time(self, span: Span) -> TimeRef | None:
        """The date in the claim's sentence that it is stated for, nearest after it, else before;
        `relation` the word that ties it ("in", "by"; a speech verb for "said on Thursday")."""
        doc, sent = span.doc, span.sent
        dates = [d for d in in_sentence(doc, "dates", sent) if d.end <= span.start or d.start >= span.end]
        if not dates:
            return None
        best = min(dates, key=lambda d: (d.start - span.end) if d.start >= span.end else 3 * (span.start - d.end))
        reading: Reading = best._.reading
        relation = reading.qualifier if reading.qualifier in ("by", "since", "until") else None
        if relation is None and best.start > 0 and doc[best.start - 1].is_alpha and doc[best.start - 1].is_lower:
            relation = doc[best.start - 1].lower_
            if relation == "on" and best.start > 1 and doc[best.start - 2].lower_ in self.speech_verbs:
                relation = doc[best.start - 2].lower_  # "the unions said on Thursday": the day it was reported
        value = reading.value if isinstance(reading.value, str) else None
        return TimeRef(text=best.text, value=value, relation=relation)


def in_sentence(doc: Doc, group: str, sent: Span) -> list[Span]:
    """The spans of a group that start in a sentence, in order. The group is listed and
    indexed once per Doc: iterating a SpanGroup builds every Span anew, and doing so for
    each claim made a Doc's claims cost its claims times its spans."""
    key = f"checker.spans.{group}"
    if key not in doc.user_data:
        spans = sorted(doc.spans.get(group, []), key=lambda s: s.start)
        doc.user_data[key] = ([s.start for s in spans], spans)
    starts, spans = doc.user_data[key]
    return spans[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]


def sentence_around(text: str, sentence: tuple[int, int], claim: tuple[int, int], cache: dict) -> tuple[int, str]:
    """(offset, words) of a claim's sentence in `text`, stripped: the whole sentence, or of
    one longer than `SENTENCE_CHARS` the stretch the claim starts in. Each claim keeps its
    own copy of its sentence, so a whole sentence made an article without sentence breaks
    cost memory with the square of its length. The stretches are the same for every claim
    of the sentence (`cache` keeps them per Doc), so claims side by side still share one
    sentence, as the engine's checks within a sentence need."""
    start, end = sentence
    if end - start > SENTENCE_CHARS:
        bounds = cache.get(sentence) or cache.setdefault(sentence, _stretches(text, start, end))
        k = bisect_right(bounds, claim[0]) - 1
        start, end = bounds[k], max(bounds[k + 1], claim[1])
    words = text[start:end]
    return start + len(words) - len(words.lstrip()), words.strip()


def _stretches(text: str, start: int, end: int) -> list[int]:
    """Where a long sentence's stretches start (and, last, where it ends): each cut at the
    last space in its second half, else at its full length."""
    bounds = [start]
    while end - bounds[-1] > SENTENCE_CHARS:
        space = text.rfind(" ", bounds[-1] + SENTENCE_CHARS // 2, bounds[-1] + SENTENCE_CHARS)
        bounds.append(space + 1 if space >= 0 else bounds[-1] + SENTENCE_CHARS)
    return [*bounds, end]


def make_claim(source: Source, span: Span, kind: Kind, **fields) -> Claim:
    """A Claim for a span, with offsets moved from the Doc to the source file; its text and
    sentence are the file's, as written (see `normalize`)."""
    sent = span.sent
    start, end = source.span(span.start_char, span.end_char)
    sentence = source.span(sent.start_char, sent.end_char)  # the sentence the claim starts in
    cache = span.doc.user_data.setdefault("checker.stretches", {})
    sentence_start, words = sentence_around(source.text.original, sentence, (start, end), cache)
    return Claim(
        id=claim_id(source.document, kind.value, start, end),
        document=source.document,
        start=start,
        end=end,
        text=source.text.original[start:end],
        kind=kind,
        sentence=words,
        sentence_start=sentence_start,
        **fields,
    )
