"""Direct quotations and who is credited with them.

Quote marks are paired within a paragraph: curly “…” and ‘…’ by their shape,
straight "…" in order. A quote that opens a paragraph or a sentence (or
follows a colon) and is not closed in it runs to the paragraph's end, as a quotation continued
in the next paragraph is written (up to ", the two men said" when the
attribution follows it); a closing ” with no opening mark before it in the
paragraph closes a quote that opened with the paragraph; a “ closed by a
straight " pairs with it. Any other unpaired mark is not guessed at: with an
odd number of straight marks a paragraph's straight quotes are skipped, and
the problem is recorded in `doc._.quote_warnings`. The speaker comes from the words around the quote in
its sentence: "X said", "said X", "X told reporters", "X described Y as",
"according to X", "X's portrayal of Y as", "X: ...", or a pronoun standing for
the last person named before the quote. Results go to `doc.spans["quotes"]` with an `Attribution`.
"""

from __future__ import annotations

import copy
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, load_lexicon
from .phrases import PhraseTable
from .readings import Attribution, register_extensions
from .scan import Words, positions, spaces

_TRIM = {",", ".", ";", ":", "!", "?", "…"}
_BRIDGE = {"also", "later", "then", "has", "had", "have", "again", "once", "previously", "further", "repeatedly", "reportedly"}
_AFTER_NAME = {"on", "at", "in", "during", "after", "before", "when", "while", "of", "from", "last", "this", "yesterday", "today"}
_AFFILIATION = {"at", "of", "from", "for", "with", "in", "by", "the"}
_MARKS = Words(['"', "“", "‘", "”", "’"], cased=True)
_DETERMINERS = {"the", "a", "an", "one", "both", "two", "three", "several", "many", "some"}


class QuoteFinder:
    def __init__(self, nlp: Language, lexicon: Lexicon):
        speech = lexicon.speech
        self.verbs = PhraseTable(nlp, {v: True for v in speech.verbs})
        self.nouns = {n.lower() for n in speech.nouns}
        self.according = PhraseTable(nlp, {a: True for a in speech.according})
        self.pronouns = {p.lower() for p in speech.pronouns}
        self.titles = PhraseTable(nlp, {t: True for t in lexicon.entities.titles}, lower=False)
        self.not_names = set(lexicon.entities.not_names)

    # -- finding quotations ------------------------------------------------------------------
    @staticmethod
    def paragraphs(doc: Doc) -> list[tuple[int, int]]:
        """Token ranges between line breaks (a token's own whitespace is a space at most,
        so line breaks are in space tokens)."""
        bounds, start = [], 0
        for i in positions(spaces(doc)):
            if "\n" in doc[i].text:
                bounds.append((start, i + 1))
                start = i + 1
        bounds.append((start, len(doc)))
        return [(s, e) for s, e in bounds if s < e]

    def pairs(self, doc: Doc, start: int, end: int, warnings: list[tuple[int, str]],
              marks: list[int] | None = None) -> list[tuple[int, int]]:
        """Token index pairs (open, close) of quote marks in one paragraph; `marks`: where
        the Doc's quote marks are, when the caller has found them for all its paragraphs."""
        found, opened = [], {}
        if marks is None:
            marks = [start + k for k in positions(_MARKS.mask(doc[start:end]))]
        marks = [(i, doc[i].text) for i in marks[bisect_left(marks, start) : bisect_left(marks, end)]]
        straight = [i for i, text in marks if text == '"']
        for i, text in marks:
            if text in ("“", "‘"):
                opened.setdefault(text, i)
            elif text in ("”", "’") and {"”": "“", "’": "‘"}[text] in opened:
                found.append((opened.pop({"”": "“", "’": "‘"}[text]), i))
            elif text == "”" and not found and self.opens_paragraph(doc, start, i):
                found.append((start - 1, i))  # its opening mark lost: the quote opened with the paragraph
        after = [i for i in straight if "“" in opened and i > opened["“"]]
        if len(straight) % 2 and after:
            straight.remove(after[0])
            found.append((opened.pop("“"), after[0]))  # “…" written with two kinds of mark
        if len(straight) % 2 and self.continued(doc, start, straight[-1]):
            last = straight.pop()
            found.append((last, self.run_end(doc, last, end)))  # continued in the next paragraph
        if len(straight) % 2:
            warnings.append((doc[straight[-1]].idx, "odd number of straight quote marks in paragraph; its straight quotes are skipped"))
        else:
            found.extend(zip(straight[::2], straight[1::2]))
        if "“" in opened and self.continued(doc, start, opened["“"]):
            found.append((opened["“"], self.run_end(doc, opened["“"], end)))
        elif "“" in opened:
            warnings.append((doc[opened["“"]].idx, "opening quote mark “ without a closing one"))
        return sorted(found)

    @staticmethod
    def continued(doc: Doc, start: int, i: int) -> bool:
        """Whether an unclosed mark opens a quotation continued in the next paragraph: it opens
        the paragraph or a sentence (or follows a colon) and words follow it. "the plan was
        "unworkable" left open mid-sentence is a slip, not guessed at."""
        opens = all(t.is_space or t.is_punct for t in doc[start:i]) or doc[i - 1].text in (":", ".", "!", "?")
        return opens and not doc[i].whitespace_ and i + 1 < len(doc) and not doc[i + 1].is_space

    @staticmethod
    def opens_paragraph(doc: Doc, start: int, i: int) -> bool:
        """Whether a closing mark ends words that open the paragraph (a quote whose opening mark
        was lost): no other quote mark, and words, before it."""
        return i > start and not any(t.text in ('"', "“", "‘") for t in doc[start:i]) and not doc[start].is_space

    def run_end(self, doc: Doc, open_i: int, end: int) -> int:
        """Where a quote left open ends: the paragraph's end, or the comma before an attribution
        that closes the paragraph ("... of the law, the two men said in a statement.")."""
        for k in range(end - 1, open_i, -1):
            if doc[k].text == "," and any(self.verbs.at(doc, j) for j in range(k + 1, min(k + 6, end))):
                return k
        return end

    # -- finding who said it ------------------------------------------------------------------
    def speaker(self, doc: Doc, quote: Span, inside: set[int], entities: Entities) -> Attribution:
        # a quote of several sentences is attributed around all of them: '"... Our members won
        # both," Kettering said.' names its speaker after the last one
        sent = doc[doc[quote.start].sent.start : doc[quote.end - 1].sent.end]
        outside = [t.i for t in sent if t.i not in inside]
        for i in outside:
            found = self.according.at(doc, i)
            ent = self.entity_after(doc, found[1], entities) if found else None
            if ent is not None:
                return Attribution(ent._.canonical, doc[i : found[1]].text.lower())
        for i in outside:
            if doc[i].lower_ in self.nouns and i >= 2 and doc[i - 1].lower_ in ("’s", "'s"):
                ent = entities.ending_at(i - 2)
                if ent is not None:
                    return Attribution(ent._.canonical, doc[i].lower_)
                owner = doc[i - 2]
                if owner.is_title and owner.is_alpha and owner.text not in self.not_names:
                    return Attribution(owner.text, doc[i].lower_)  # "Takaichi's portrayal" opening a sentence
        verbs = [(i, self.verbs.at(doc, i)[1]) for i in outside if self.verbs.at(doc, i)]
        for i, end in sorted(verbs, key=lambda v: abs(v[0] - quote.start)):
            cue = doc[i:end].text.lower()
            k = i - 1
            while k >= sent.start and doc[k].lower_ in _BRIDGE:
                k -= 1
            ent = entities.ending_at(k)
            while ent is not None and ent.start >= 2 and doc[ent.start - 1].lower_ in _AFFILIATION:
                j = ent.start - 1
                while j > sent.start and doc[j].lower_ in _AFFILIATION:
                    j -= 1
                head = entities.ending_at(j)
                if head is None:
                    break
                ent = head  # "Ramon Villanueva of the Office of Civil Defense put it"
            if ent is not None:
                return Attribution(ent._.canonical, cue)
            if k >= sent.start and doc[k].lower_ in self.pronouns:
                person = entities.person_before(quote.start) if doc[k].lower_ in ("he", "she") else None
                return Attribution(person, cue)
            if k == sent.start and doc[k].is_title and doc[k].is_alpha and doc[k].text not in self.not_names:
                return Attribution(doc[k].text, cue)  # "Trump said ...": a name opening the sentence
            ent = self.entity_after(doc, end, entities)
            if ent is not None and (ent.end >= sent.end or doc[ent.end].is_punct or doc[ent.end].lower_ in _AFTER_NAME):
                return Attribution(ent._.canonical, cue)  # "..., said Smith." (not "said Japan would")
            phrase = self.noun_phrase_before(doc, k, sent.start)
            if phrase:
                return Attribution(phrase, cue)
        if quote.start >= 2 and doc[quote.start - 2].text == ":":
            first = entities.first_person_in(sent.start, quote.start) or entities.first_in(sent.start, quote.start)
            if first is not None:
                return Attribution(first._.canonical, ":")  # "X put it bluntly: ..."
        if verbs:  # a speech verb with no name beside it: the sentence's first name before it
            first, end = verbs[0]
            ent = next((e for i in outside if i < first and (e := entities.starting_at(i)) is not None), None)
            if ent is not None:
                return Attribution(ent._.canonical, doc[first:end].text.lower())
        return Attribution(None, None)

    def entity_after(self, doc: Doc, j: int, entities: Entities) -> Span | None:
        """The person named after a verb or "according to", past titles and roles:
        "said Federal Reserve Chair Jerome Powell" -> Jerome Powell."""
        found, lowercase = None, 0
        while j < len(doc):
            title = self.titles.at(doc, j)
            if (ent := entities.starting_at(j)) is not None:
                found, j = ent, ent.end
            elif title:
                j = title[1]
            elif doc[j].is_lower and (doc[j].lower_ == "the" or not doc[j].is_stop) and lowercase < 2 and found is None:
                lowercase, j = lowercase + 1, j + 1  # "economist Paul Krugman"
            else:
                break
        return found

    @staticmethod
    def noun_phrase_before(doc: Doc, k: int, floor: int) -> str | None:
        """'the two leaders' right before a speech verb: a speaker named by description."""
        j = k
        while j >= floor and j > k - 4 and doc[j].is_alpha and doc[j].is_lower and doc[j].lower_ not in _DETERMINERS:
            j -= 1
        if j == k or j < floor or doc[j].lower_ not in _DETERMINERS:
            return None
        while j > floor and doc[j - 1].lower_ in _DETERMINERS:
            j -= 1
        return doc[j : k + 1].text

    def __call__(self, doc: Doc) -> Doc:
        warnings: list[tuple[int, str]] = []
        spans: list[Span] = []
        entities = Entities(doc)
        marks = positions(_MARKS.mask(doc))
        for start, end in self.paragraphs(doc):
            for open_i, close_i in self.pairs(doc, start, end, warnings, marks):
                a, b = open_i + 1, close_i  # open_i is start - 1 for a quote whose opening mark was lost
                while b > a and (doc[b - 1].text in _TRIM or doc[b - 1].is_space):
                    b -= 1
                if b > a:
                    spans.append(Span(doc, a, b, label="QUOTE"))
        inside = {i for s in spans for i in range(s.start - 1, s.end + 2)}
        for span in spans:
            span._.attribution = self.speaker(doc, span, inside, entities.outside(span))
        doc.spans["quotes"] = spans
        doc._.quote_warnings = warnings
        return doc


class Entities:
    """A Doc's entities indexed by where they start and end, and its people in order,
    built once per Doc: scanning every entity for each quote made a Doc's quotes cost
    its quotes times its entities. A view made by `outside(quote)` leaves out the
    entities inside that quote."""

    def __init__(self, doc: Doc):
        self.by_start = {e.start: e for e in doc.spans.get("entities", [])}
        self.starts = sorted(self.by_start)
        self.spans = spans = [self.by_start[i] for i in self.starts]
        self.by_end = {e.end - 1: e for e in reversed(spans)}  # the first to end there wins
        self.people = [  # whom a "he" or "she" may stand for: full names, not "an analyst at X"
            e for e in spans if e.label_ == "NAME" and len(e._.canonical.split()) > 1
            and not (e.start > 0 and doc[e.start - 1].lower_ in _AFFILIATION)
        ]
        self.people_starts = [e.start for e in self.people]
        self.skip = (0, 0)  # tokens whose entities are left out

    def outside(self, quote: Span) -> Entities:
        view = copy.copy(self)
        view.skip = (quote.start, quote.end)
        return view

    def _kept(self, e: Span | None) -> Span | None:
        return None if e is None or self.skip[0] <= e.start < self.skip[1] else e

    def starting_at(self, i: int) -> Span | None:
        return self._kept(self.by_start.get(i))

    def ending_at(self, k: int) -> Span | None:
        return self._kept(self.by_end.get(k))

    def first_in(self, start: int, end: int) -> Span | None:
        """The first entity starting in tokens [start, end)."""
        k = bisect_left(self.starts, start)
        return self._kept(self.spans[k]) if k < len(self.spans) and self.spans[k].start < end else None

    def first_person_in(self, start: int, end: int) -> Span | None:
        """The first full name of a person starting in tokens [start, end): the speaker of "Finance
        Director Regula Imboden summed it up: ...", not "Finance" (a word the title leaves)."""
        k = bisect_left(self.people_starts, start)
        return self._kept(self.people[k]) if k < len(self.people) and self.people[k].start < end else None

    def person_before(self, i: int) -> str | None:
        """What "he"/"she" most likely stands for: the last full name mentioned before token `i`."""
        k = bisect_left(self.people_starts, i)
        return self.people[k - 1]._.canonical if k else None


@Language.factory("checker_quotes", default_config={"lexicon_dir": None})
def make_quote_finder(nlp: Language, name: str, lexicon_dir: str | None) -> QuoteFinder:
    register_extensions()
    return QuoteFinder(nlp, load_lexicon(lexicon_dir))
