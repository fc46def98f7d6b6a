"""Places where something happened or someone spoke from: "signed in Riga", "the mine near
Rustenburg", "sank off Danao City", "speaking from Geneva", "on St Ciarán's ward".

A place is a name the entities component found (`doc.spans["entities"]`, with `_.canonical`)
that a locative preposition stands directly before: "in", "near", "off", "at", "outside";
"from" only after a speech word (a speaker's whereabouts, not where someone travelled from);
"on" only before a ward or an island. "The" may stand between for a country, a region or a
feature ("in the Philippines", "off the Gulf Coast"). Precision first, a name is left out when
it is a person the document names as a speaker (credited with a quote, given a title, next to
a speech verb, given an age), an organisation, a people or language ("in Chinese"), a month or
weekday, an acronym the lexicon does not know as a place ("a rise in COVID cases"), owns
something ("in Smith's view"), or modifies the word after it ("gains in Tesla shares", "in
Chilean infrastructure"); or when the word before the preposition makes it something else
("a stake in Toyota", "an analyst at Capital Economics"). Every such list is
rules/lexicon/places.yaml.

Each place's `Reading` has the name as value (the canonical entity; a capital the lexicon
aliases to its country keeps its own name: "in Tokyo" is Tokyo, not Japan), the preposition
as unit, and a granularity: "country" and "region" from the lexicon, else "place" (a town, a
site, or unknown; a kind written after the name counts: "in Cagayan province" is a region), so
a later comparison can tell a town from the country it is in.
Results go to `doc.spans["places"]`.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, load_lexicon
from .phrases import PhraseTable
from .readings import Reading, register_extensions
from .scan import Words, positions

_POSSESSIVE = {"'s", "’s", "'", "’"}
_SPEECH_REACH = 3  # how many words before "from" a speech word may stand ("spoke to reporters from")


class PlaceFinder:
    """Read place names after locative prepositions."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        p = lexicon.places
        self.prepositions = set(p.prepositions)
        self.before_words = Words(self.prepositions | {"on", "from"})  # "on" and "from" only in some cases
        self.the = Words(["the"])
        self.speaking = {v.lower() for v in [*lexicon.speech.verbs, *p.speaking_from] if " " not in v}
        self.on_words, self.features = set(p.on_words), set(p.feature_words)
        self.not_after = {"in": {w.lower() for w in p.not_after_in}, "at": {w.lower() for w in p.not_after_at}}
        self.type_words, self.modified = p.type_words, {w.lower() for w in p.modified_nouns}
        self.kind_of = p.kind_of
        self.adjective_endings = tuple(p.adjective_endings)
        self.org_words, self.organisations = set(p.organisation_words), set(p.organisations)
        self.not_places = set(p.not_places)
        self.towns = {surface: town for town, surfaces in p.towns.items() for surface in surfaces}
        self.granularity = {**{r: "region" for r in p.regions}, **{c: "country" for c in p.countries}}
        self.calendar = set(lexicon.month_of) | set(lexicon.weekday_of)
        self.relative_days = set(lexicon.dates.relative_days)  # "in Gonzaga yesterday"
        self.titles = PhraseTable(nlp, {t: True for t in lexicon.entities.titles}, lower=False)
        self.speaker_verbs = Words(p.speaker_verbs)
        self.title_ends, self.comma = Words(self.titles.to_last, cased=True), Words([","], cased=True)

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.spans.get("entities", []))
        # most names have no preposition before them: found for the whole Doc at once
        before = set(positions(self.before_words.mask(doc)))
        the = set(positions(self.the.mask(doc)))
        candidates = [e for e in entities if e.start - 1 in before or e.start in before
                      or (e.start - 1 in the and e.start - 2 in before) or self.of_phrase(doc, e)]
        people = self.people(doc, entities) if candidates else set()
        found = (self.place(doc, entity, people) for entity in candidates)
        doc.spans["places"] = [span for span in found if span is not None]
        return doc

    # -- who is a person -------------------------------------------------------------------
    def people(self, doc: Doc, entities: list[Span]) -> set[str]:
        """The names the document gives people: speakers of its quotes, and names after a
        title ("Mayor Ines Duarte"), next to a speech verb ("Smith said", "said Smith") or
        with an age ("Jamie Armstrong, 25,")."""
        found = {q._.attribution.speaker for q in doc.spans.get("quotes", []) if q._.attribution and q._.attribution.speaker}
        verbs, titles = set(positions(self.speaker_verbs.mask(doc))), set(positions(self.title_ends.mask(doc)))
        commas = set(positions(self.comma.mask(doc)))
        for e in entities:
            if e.label_ == "ALIAS":
                continue  # a lexicon alias is a country or an organisation
            titled = e.start - 1 in titles and self.titles.ending_at(doc, e.start)
            aged = e.end in commas and e.end + 2 in commas and doc[e.end + 1].like_num
            if titled or aged or e.start - 1 in verbs or e.end in verbs:
                found.update((e._.canonical, e.text))
        return found

    # -- one place ---------------------------------------------------------------------------
    def place(self, doc: Doc, entity: Span, people: set[str]) -> Span | None:
        phrase = self.of_phrase(doc, entity)
        if phrase is not None:
            return self.kind_place(doc, entity, people, *phrase)
        if len(entity) > 1 and entity[0].is_sent_start and entity[0].lower_ in self.prepositions:
            entity = doc[entity.start + 1 : entity.end]  # "Off Danao City, ...": the capital was the sentence's
        the = entity.start > 0 and doc[entity.start - 1].lower_ == "the"
        k = entity.start - 1 - the  # the preposition
        if k < 0:
            return None
        preposition = doc[k].lower_
        if k > 0 and doc[k - 1].lower_ in self.not_after.get(preposition, ()) or _inside_a_name(doc, k):
            return None
        end = self.ward_end(doc, entity) if preposition == "on" else entity.end
        if end is None or not (preposition in self.prepositions or preposition == "on" or self.spoken(doc, k)):
            return None
        value, granularity = self.place_name(entity)
        kind = self.type_words.get(doc[end].lower_) if end < len(doc) else None  # "Cagayan province"
        if the and granularity == "place" and kind is None and doc[entity.end - 1].text not in self.features:
            return None  # "in the Smith case"
        if self.excluded(entity, people) or not self.ends_cleanly(doc, entity, k, end, the):
            return None
        if end > entity.end:  # "St Ciarán's ward"
            value += doc.text[entity.end_char : doc[end - 1].idx + len(doc[end - 1])]
        span = Span(doc, entity.start, end, label="PLACE")
        granularity = kind if kind and granularity == "place" else granularity
        span._.reading = Reading("place", value, unit=preposition, granularity=granularity)
        return span

    def of_phrase(self, doc: Doc, entity: Span) -> tuple[int, str] | None:
        """("the" of "in the town of Zams", the kind's granularity) when a kind of place and
        "of" stand before the name, "the" up to three words before the kind and a locative
        preposition before "the"; None otherwise."""
        k = entity.start - 2
        if k < 2 or doc[k + 1].lower_ != "of" or doc[k].lower_ not in self.kind_of:
            return None
        for the in range(k - 1, max(doc[k].sent.start, k - 4) - 1, -1):
            if doc[the].lower_ == "the":
                return (the, self.kind_of[doc[k].lower_]) if the > 0 and doc[the - 1].lower_ in self.prepositions else None
            if not doc[the].is_alpha:
                return None
        return None

    def kind_place(self, doc: Doc, entity: Span, people: set[str], the: int, granularity: str) -> Span | None:
        """A place written with its kind ("in the town of Zams"): the span from "the", the
        name as value, the kind's granularity (a country or region the lexicon knows keeps its own)."""
        if self.excluded(entity, people) or not self.ends_cleanly(doc, entity, the - 1, entity.end, True):
            return None
        value, known = self.place_name(entity)
        span = Span(doc, the, entity.end, label="PLACE")
        span._.reading = Reading("place", value, unit=doc[the - 1].lower_, granularity=known if known != "place" else granularity)
        return span

    def place_name(self, entity: Span) -> tuple[str, str]:
        """(value, granularity): a capital aliased to its country is the capital."""
        if entity.text in self.towns:
            return self.towns[entity.text], "place"
        # a name's canonical form is its own words; only a lexicon alias stands for another
        # name (the entities component also reads a lone word as the surname of a longer
        # name, which suits people, not places: "in Cagayan" is not "Residents of Cagayan")
        canonical = entity._.canonical if entity.label_ == "ALIAS" and entity._.canonical else entity.text
        return canonical, self.granularity.get(canonical, "place")

    def spoken(self, doc: Doc, k: int) -> bool:
        """Whether "from" at token k follows a speech word in its clause ("speaking from Geneva")."""
        if doc[k].lower_ != "from":
            return False
        for t in reversed(doc[max(doc[k].sent.start, k - _SPEECH_REACH) : k]):
            if t.is_punct:
                return False
            if t.lower_ in self.speaking:
                return True
        return False

    def ward_end(self, doc: Doc, entity: Span) -> int | None:
        """After "on", the end of a ward or an island ("St Ciarán's ward", "Vancouver Island"); None otherwise."""
        if doc[entity.end - 1].text in self.on_words:
            return entity.end
        k = entity.end + (entity.end < len(doc) and doc[entity.end].text in _POSSESSIVE)
        return k + 1 if k < len(doc) and doc[k].text in self.on_words else None

    def excluded(self, entity: Span, people: set[str]) -> bool:
        """A person, an organisation, a people or language, a month, an unknown acronym."""
        canonical, words = entity._.canonical or entity.text, [t.text for t in entity]
        if entity.text in self.not_places:
            return True  # "in Chinese", though the alias stands for China
        if canonical in self.granularity or entity.text in self.towns:
            return False
        return (
            canonical in people or entity.text in people or canonical in self.organisations
            or canonical in self.not_places or any(w in self.org_words for w in words)
            or any(w in self.calendar for w in words)
            or (len(entity.text) > 1 and entity.text.isupper())  # COVID, GDP, AI
        )

    def ends_cleanly(self, doc: Doc, entity: Span, k: int, end: int, the: bool) -> bool:
        """Whether the name (its preposition at k) stands alone: not owning ("Smith's view"),
        not glued to a word ("Tokyo-based"), not ending a title-case label ("Market Optimism
        in Defense: ..."), not a label's word before its number ("in Chapter 11"), not modifying
        the noun after it ("gains in Tesla shares", "in Chilean infrastructure", "at the ASEAN
        summit", "in U.S. industries")."""
        if end >= len(doc):
            return True
        after = doc[end]
        if after.text in _POSSESSIVE or (after.text == "-" and not doc[end - 1].whitespace_):
            return False
        if after.text == ":" and k > 0 and doc[k - 1].is_title and not doc[k - 1].is_sent_start:
            return False
        if after.like_num:
            return False  # a label: "in Chapter 11", "at Gate 5"
        word = after.lower_
        if not (after.is_alpha and after.is_lower) or word in self.type_words:
            return True
        if word in self.modified:
            return False
        if word in STOP_WORDS or word in self.relative_days or word.endswith(("ly", "ed")):
            return True  # "in Riga yesterday", "near Bramsche late", "in the Philippines killed"
        # a word after "the X" or an abbreviation is its noun: "at the ASEAN summit", "in U.S. industries"
        attributive = the or not any(c.islower() for c in entity.text)
        return not (end == entity.end and (attributive or self.adjective(entity[-1].text)))

    def adjective(self, word: str) -> bool:
        """Whether a capitalised word is a people's adjective ("Chilean", "Kenyan", "Israeli")."""
        if word.endswith(self.adjective_endings):
            return True
        stems = [word[:-cut] for cut in (1, 2, 3) if len(word) - cut >= 4]
        return word not in self.granularity and any(name.startswith(stem) for stem in stems for name in self.granularity)


def _inside_a_name(doc: Doc, k: int) -> bool:
    """Whether the preposition at k is a word of a longer name ("Research In Motion", "Bed Bath
    And Beyond"): capitalised after a capitalised word, in a sentence written in lower case
    (in a title-case headline every word is capitalised)."""
    word = doc[k]
    if not (word.is_title and k > 0 and doc[k - 1].is_title and not word.is_sent_start):
        return False
    return any(t.is_lower and t.is_alpha and len(t) > 3 for t in word.sent)


@Language.factory(
    "checker_places", default_config={"lexicon_dir": None},
    assigns=["doc.spans", "span._.reading"], requires=["doc.spans", "span._.canonical", "span._.attribution"],
)
def make_place_finder(nlp: Language, name: str, lexicon_dir: str | None) -> PlaceFinder:
    register_extensions()
    return PlaceFinder(nlp, load_lexicon(lexicon_dir))
