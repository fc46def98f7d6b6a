"""Which event a date, a time of day or a place belongs to: the event word of its clause.

Two reports of one event seldom share their wording ("the treaty was signed on 10 June" /
"Estonia and Latvia signed a treaty on Thursday"), but they share the verb or event noun
the date belongs to, and two events of one story ("signed on 10 June" / "the Storting will
debate the report in November") seldom do; that word is the claim's predicate. Without a
parser it is read from the clause around the date phrase (the date with its preposition,
the dates and times beside it and the part of the day: "at noon on Thursday, 24 July"; a
time of day and a place are read the same way, "the treaty was signed in Riga" -> sign):

1. a date that modifies a noun dates that noun ("the March 2 broadcast", "Friday's summit");
2. else the nearest verb or event noun before the phrase in its own clause, not across a
   comma, a clause word ("when", "and") or another date ("signed a treaty on Thursday" ->
   sign); a light verb ("was made", "is scheduled") gives way to the event noun it goes
   with, across a relative word or an inserted clause;
3. else the verb or event noun after the phrase, before any preposition, in the clause the
   date opens or stands in ("On 5 May, the launch ...", "An inquiry on Tuesday blamed ...");
4. else what stands before the phrase: a verb of aspect ("The event began at 16:37"), or a
   noun that can be read as a verb ("The board meets on 6 May");
5. else nothing: a dateline or a heading names no event, and a guess would pair unrelated dates.

Verbs are told by form through the pipeline's lookup lemmas (an inflection of a word the
table lists as a verb: "signed" -> sign, "sank" -> sink) and by the word before a base
form ("will host"); what form cannot tell is in rules/lexicon/events.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from ..pipeline.lemmas import lookup_lemma

REACH = 15  # words looked at on either side of a date phrase
_JOINERS = {",", "(", ")", "-", "–", "—", "/", "and", "to", "until", "through"}  # between two dates of one phrase
_GROUPS = {"dates": "date", "times": "time", "figures": "figure", "places": "place"}
_POSSESSIVE = {"'s", "’s"}


@lru_cache(maxsize=1 << 14)
def is_verb(lemma: str) -> bool:
    """Whether the lookup table lists a verb form of a word ("signing", "signed" -> sign):
    the test that tells "signed" or "reopen" from "treaty" or "province"."""
    forms = [lemma + "ing", lemma + "ed", lemma + lemma[-1:] + "ing"]
    if lemma.endswith("e"):
        forms += [lemma[:-1] + "ing", lemma + "d"]
    return any(lookup_lemma(form) == lemma for form in forms)


def noun_lemma(word: str) -> str:
    """A noun's lemma: a plural made singular, a noun in -ing read as its verb ("the opening"
    -> open, as "opened"), any other word as written ("ground" stays, not "grind")."""
    return lookup_lemma(word) if word.endswith(("s", "ing")) else word


def marks(doc: Doc) -> dict[int, tuple[str, Span]]:
    """Token index -> (kind, span) of the date, time, figure or place holding it, once per Doc."""
    key = "checker.frames.marks"
    if key not in doc.user_data:
        found: dict[int, tuple[str, Span]] = {}
        for group, kind in _GROUPS.items():
            for span in doc.spans.get(group, []):
                found.update((k, (kind, span)) for k in range(span.start, span.end))
        doc.user_data[key] = found
    return doc.user_data[key]


def hyphened(doc: Doc, i: int, step: int) -> int:
    """The far end of the hyphened word token i is part of ("hit-and-run", "pile-up"), going
    left (step -1) or right (step 1); i itself when it is a word of its own."""
    k = i
    while 0 <= k + 2 * step < len(doc) and doc[k + step].text == "-" and _attached(doc, min(k, k + 2 * step)):
        k += 2 * step
    return k


def _attached(doc: Doc, left: int) -> bool:
    """Whether tokens left, left + 1 ("-") and left + 2 are written without spaces."""
    return not doc[left].whitespace_ and not doc[left + 1].whitespace_ and doc[left].is_alpha and doc[left + 2].is_alpha


@dataclass
class _Left:
    """What the left scan has passed: a light verb (which lets it cross into an inserted
    clause, `crossed` of them), and the words to fall back on."""

    light: bool = False
    crossed: int = 0
    aspect: str | None = None  # "began"
    nominal: str | None = None  # "meets", "the report"

    def note(self, what: str | None, word: str | None, aspect: set[str]) -> None:
        self.light = self.light or what == "light"
        self.aspect = self.aspect or (word if what == "light" and word in aspect else None)
        self.nominal = self.nominal or (word if what == "nominal" and not self.crossed else None)

    @property
    def fallback(self) -> str | None:
        return self.aspect or self.nominal


class EventReader:
    """The event word of a date, a time of day or a place (module docstring)."""

    def __init__(self, lexicon: Lexicon):
        e = lexicon.events
        self.event_nouns, self.particles = set(e.event_nouns), set(e.particles)
        self.light, self.aspect = set(e.light_verbs) | set(e.aspect_verbs), set(e.aspect_verbs)
        self.light_phrases, self.same_form, self.openers = set(e.light_phrases), set(e.same_form_past), set(e.verb_openers)
        self.clause, self.relative, self.prepositions = set(e.clause_words), set(e.relative_words), set(e.prepositions)
        self.determiners, self.day_parts, self.empty = set(e.determiners), set(e.day_parts), set(e.empty_heads)
        self.keep = set(lexicon.predicates.content_stop_words)
        self.place_prepositions = set(lexicon.places.prepositions)
        self.named_pairs = {w for w in lexicon.synonym_group if w.count(" ") == 1}  # "phone call"

    def event(self, span: Span) -> str | None:
        doc, kind = span.doc, {"TIME": "time", "PLACE": "place"}.get(span.label_, "date")
        start, end = self.phrase(span, kind)
        modified = self.modified(span, end) if kind != "place" else None  # "the Antofagasta region" is where
        found, fallback = self.before(doc, start, span.sent.start, kind)
        return modified or found or self.after(doc, start, end, span.sent, kind) or fallback

    # --- the date phrase ------------------------------------------------------------

    def phrase(self, span: Span, kind: str) -> tuple[int, int]:
        """Token bounds of the date with what belongs to it: its preposition and part of the
        day ("in the early hours of"), and the dates and times beside it ("on Tuesday, 9
        September", "at 7.42am on 12 March", "from 23 July to 27 July"); of a place, its
        preposition ("off Danao City")."""
        doc, sent, spans = span.doc, span.sent, marks(span.doc)
        prepositions = self.place_prepositions if kind == "place" else ()
        start = span.start
        while start > sent.start:
            k = start - 1
            if _dated(spans, k):
                start = spans[k][1].start
            elif doc[k].lower_ in self.day_parts or doc[k].lower_ in prepositions or (
                    doc[k].text in _JOINERS and _dated(spans, k - 1)):
                start = k
            else:
                break
        end = span.end
        while end < sent.end and (_dated(spans, end) or self._trails(doc, start, end)):
            end = spans[end][1].end if _dated(spans, end) else end + 1
        return start, end

    def _trails(self, doc: Doc, start: int, end: int) -> bool:
        """Whether token `end` belongs to the date phrase before it: a part of the day
        ("Friday night"), a joiner or preposition before another date or time ("Tuesday, 9
        September", "on Tuesday at 10:40"), or the bracket that closes one ("Saturday (July 24)")."""
        token = doc[end]
        if token.lower_ in self.day_parts and not token.is_stop:
            return True
        if (token.text in _JOINERS or token.lower_ in self.day_parts) and _dated(marks(doc), end + 1):
            return True
        text = doc[start:end].text
        return token.text == ")" and text.count("(") > text.count(")")

    def modified(self, span: Span, end: int) -> str | None:
        """The noun a date modifies ("the March 2 broadcast", "Friday's summit", "a November
        2013 release date" -> release): after a possessive, or after a determiner."""
        doc = span.doc
        possessive = int(end < len(doc) and doc[end].lower_ in _POSSESSIVE)
        if not possessive and not (span.start > 0 and doc[span.start - 1].lower_ in self.determiners):
            return None
        run: list[str] = []
        for token in doc[end + possessive : min(end + possessive + 7, span.sent.end)]:
            if not (token.is_alpha and token.is_lower and not token.is_stop) and not (token.like_num or "-" in token.text):
                break  # the noun phrase ends ("Wednesday's 24-hour ground handling strike")
            if token.is_alpha:
                run.append(token.lower_)
        if run and run[-1] in self.empty:
            run.pop()
        return noun_lemma(run[-1]) if run else None

    def modifier(self, span: Span) -> bool:
        """Whether a date modifies a noun ("a 2026 budget") rather than dates a clause."""
        doc, end = span.doc, span.end
        if end < len(doc) and doc[end].lower_ in _POSSESSIVE:
            return True
        after = doc[end] if end < span.sent.end else None
        return (span.start > 0 and doc[span.start - 1].lower_ in self.determiners and after is not None
                and after.is_alpha and after.is_lower and not after.is_stop and after.lower_ not in self.day_parts)

    # --- looking left and right -------------------------------------------------------

    def before(self, doc: Doc, start: int, first: int, kind: str) -> tuple[str | None, str | None]:
        """(the nearest verb or event noun before the phrase in its clause, else None; what
        stands there if nothing else does: a verb of aspect, else the nearest noun that reads
        as a verb). A light verb lets the scan cross a relative word or an inserted clause to
        the event noun it goes with ("The collapse, triggered by a seismic event, happened")."""
        state, i, seen = _Left(), start - 1, 0
        while i >= first and seen < REACH:
            if i in marks(doc) or doc[i].text == ")":
                i = self._past(doc, i, first, kind)
                continue
            if _boundary(doc, i) or doc[i].lower_ in self.clause:
                i = self._across(doc, i, first, state)
                continue
            what, word = self.word(doc, i, limit=start)
            if what == "event" or (what == "verb" and not state.crossed):
                return word, state.fallback
            state.note(what, word, self.aspect)
            seen += 1
            i = hyphened(doc, i, -1) - 1
        return None, state.fallback

    def _past(self, doc: Doc, i: int, first: int, kind: str) -> int:
        """Where the left scan goes on from a claim or a bracket at token i: before a figure,
        a place (with its preposition), a parenthesis or a date that modifies a noun ("a 2026
        budget"); nowhere (before `first`) from another date, which dates another event."""
        mark = marks(doc).get(i)
        if mark is None:
            return _opening(doc, i, first) - 1
        if mark[0] == kind and not self.modifier(mark[1]):
            return first - 1
        k = mark[1].start - 1
        return k - (mark[0] == "place" and k >= first and doc[k].lower_ in self.place_prepositions)

    def _across(self, doc: Doc, i: int, first: int, state: _Left) -> int:
        """Where the left scan goes on from punctuation or a clause word at token i: past the
        names after a place ("near Gonzaga, Cagayan, on ..."); past a comma or a relative word
        while a light verb waits for its event noun; else nowhere (before `first`)."""
        token = doc[i]
        if _boundary(doc, i) and (place := self._named_after_place(doc, i, first)) is not None:
            return place
        if state.light and token.text == "," and state.crossed < 2:
            state.crossed += not doc[i - 1].is_title  # "the Museum Verhaegen, Kipdorp, Antwerp" is no clause
            return i - 1
        if state.light and token.lower_ in self.relative:
            state.crossed += 1
            return i - 1
        return first - 1

    @staticmethod
    def _named_after_place(doc: Doc, comma: int, first: int) -> int | None:
        """At a comma closing ", Cagayan" after a place ("near Gonzaga, Cagayan, on ..."), the
        place's last token: the names that follow a place name where it is, not a clause."""
        k = comma - 1
        while k > first and doc[k].is_title:
            k -= 1
        spans = marks(doc)
        if k < comma - 1 and doc[k].text == "," and k - 1 in spans and spans[k - 1][0] == "place":
            return k - 1
        return None

    def after(self, doc: Doc, start: int, end: int, sent: Span, kind: str) -> str | None:
        """The verb or event noun after the phrase, before any preposition: in the clause the
        date opens ("On March 3, Obama overturned ...") or stands in before its verb ("An
        inquiry on Tuesday blamed ..."); a date that closes a clause names none after it."""
        spans, last = marks(doc), sent.end
        j, seen = end, 0
        if j < last and doc[j].text == ",":
            opens = start == sent.start or doc[start - 1].is_punct or doc[start - 1].is_title or doc[start - 1].lower_ in self.clause
            if not opens:
                return None
            j += 1
        while j < last and seen < REACH:
            token, mark = doc[j], spans.get(j)
            if mark:
                if mark[0] == kind:
                    return None
                j = mark[1].end
                continue
            if _boundary(doc, j):
                return None
            if token.lower_ in self.clause or token.lower_ in self.prepositions:
                return None
            k = hyphened(doc, j, 1)
            what, word = self.word(doc, k, left=False)
            if what in ("event", "verb"):
                return word
            j, seen = k + 1, seen + 1
        return None

    # --- one word -----------------------------------------------------------------------

    def word(self, doc: Doc, i: int, left: bool = True, limit: int | None = None) -> tuple[str | None, str | None]:
        """What token i (a word's last token) is to the event reading: ("event", lemma) for
        an event noun, ("verb", lemma[ particle]) or ("light", lemma) for a verb,
        ("nominal", lemma) for a noun that can be read as a verb, else (None, None). `left`:
        the word stands before the date; `limit`: where the date phrase starts, so that its
        preposition is no particle ("sank off Danao City")."""
        token, k = doc[i], hyphened(doc, i, -1)
        if k < i:
            compound = doc[k : i + 1].text.lower()  # "pile-up"
            return ("event", compound) if compound in self.event_nouns else (None, None)
        if not token.is_alpha or not (token.is_lower or (token.is_sent_start and token.is_title)):
            return None, None  # a name, a number, a sign
        word = token.lower_
        lemma = lookup_lemma(word)
        if word in self.event_nouns or noun_lemma(word) in self.event_nouns:  # "the signing" -> sign, as "signed"
            return "event", self._gerund(doc, i) or self._compound_name(doc, i) or noun_lemma(word)
        if i > 0 and f"{lookup_lemma(doc[i - 1].lower_)} {word}" in self.light_phrases:
            return "light", word  # "took place"
        if self.verb_form(doc, i, word, lemma, left):
            after = doc[i + 1] if i + 1 < len(doc) else None
            if after is not None and after.lower_ in self.particles and i + 1 < (limit or len(doc)) and i + 1 not in marks(doc):
                return "verb", f"{lemma} {after.lower_}"  # "walked out", "went off"
            return ("light" if lemma in self.light else "verb"), lemma
        if not token.is_stop and is_verb(lemma):
            return "nominal", lemma
        return None, None

    def _compound_name(self, doc: Doc, i: int) -> str | None:
        """An event noun with the word before it, where the synonym lexicon names the pair
        ("her inaugural phone call" -> phone call, "a bilateral meeting")."""
        if i == doc[i].sent.start or not doc[i - 1].is_lower:
            return None
        pair = f"{doc[i - 1].lower_} {noun_lemma(doc[i].lower_)}"
        return pair if pair in self.named_pairs else None

    @staticmethod
    def _gerund(doc: Doc, i: int) -> str | None:
        """The verb of a gerund before an event noun, which says more than the noun ("the
        signing ceremony" -> sign, "a shooting incident" -> shoot)."""
        before = doc[i - 1] if i > doc[i].sent.start else None
        if before is None or not (before.is_alpha and before.is_lower and before.lower_.endswith("ing")):
            return None
        lemma = lookup_lemma(before.lower_)
        return lemma if lemma != before.lower_ and is_verb(lemma) else None

    def verb_form(self, doc: Doc, i: int, word: str, lemma: str, left: bool = True) -> bool:
        """Whether a word stands as a verb: an inflection of a verb ("signed", "sank",
        "signing"; not "a contested reform"; "signs" only after a comma before the date or
        after a name: it may as well be a noun), a verb whose past is its base ("hit"), or
        a base form after "will" or "to"."""
        if doc[i].is_stop and word not in self.keep and not word.endswith("ed"):
            return lemma in self.light
        before = doc[i - 1].lower_ if i > doc[i].sent.start else ""
        if word in self.same_form:
            return before not in self.determiners
        if lemma != word and is_verb(lemma):
            if word.endswith("s"):  # "signs" may as well be a noun: a verb after its named subject
                return i > doc[i].sent.start and ((left and before == ",") or (doc[i - 1].is_title and before not in self.determiners))
            return not (word.endswith("ed") and before in self.determiners)
        if not is_verb(word):
            return False
        adverb = before.endswith("ly") and i - 1 > doc[i].sent.start
        return before in self.openers or (adverb and doc[i - 2].lower_ in self.openers)


def _boundary(doc: Doc, i: int) -> bool:
    """Punctuation between phrases: not an apostrophe, nor the hyphen of "pile-up" (a
    dash between spaces, as after a dateline, is one)."""
    token = doc[i]
    if token.text in ("'", "’"):
        return False
    if token.text == "-":
        return bool(token.whitespace_ or i == 0 or doc[i - 1].whitespace_)
    return token.is_punct


def _dated(spans: dict[int, tuple[str, Span]], k: int) -> bool:
    return k in spans and spans[k][0] in ("date", "time")


def _opening(doc: Doc, close: int, first: int) -> int:
    """The "(" that the ")" at `close` closes, or `close` itself when there is none."""
    depth = 0
    for k in range(close, first - 1, -1):
        depth += (doc[k].text == ")") - (doc[k].text == "(")
        if depth == 0:
            return k
    return close
