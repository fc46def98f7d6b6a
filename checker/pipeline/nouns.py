"""The noun a count counts: the head of the noun phrase after the number.

"40 ships", "88 fighter jets", "96 Liverpool fans", "14 first-team players",
"11 member trade agreement", "63,000 Model 3 sedans" (a model's name is no
noun: sedans are counted). A verb or a lone adjective after the number is no
noun ("About 1000 come", "1,100 public"): after any number but one, a counted
noun is plural, in a compound, or one of the nouns whose plural is unmarked
("300 staff", "20 aircraft"). After one it is singular: "One proposal asks"
counts one proposal, not "proposal asks".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon

COMPOUND = 3  # the most nouns of a compound read as what is counted ("member trade agreement")
# plural endings no "s" marks, and their singular: "grandchildren", "schoolchildren"
IRREGULAR_PLURALS = {"children": "child", "people": "people", "feet": "foot", "teeth": "tooth", "mice": "mouse"}
CONJUNCTIONS = ("and", "or")
INITIALS = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.K."


class NounReader:
    def __init__(self, lexicon: Lexicon):
        units = lexicon.units
        self.adjectives = {w.lower() for w in units.count_adjectives}
        self.unmarked = {w.lower() for w in units.unmarked_plurals}
        self.qualifier_words = {w.lower() for words in lexicon.qualifiers.qualifiers.values() for w in words}
        self.relative_days = {w.lower() for w in lexicon.dates.relative_days}  # "seven yesterday" counts no yesterdays
        self.determiners = {w.lower() for w in units.possessives if " " not in w}  # "of its", "of the"

    def counted(self, doc: Doc, k: int, value: float | None = None) -> tuple[str, int] | None:
        """The counted noun phrase starting at token k and where it ends, or None. `value` is
        the number before, when known: after one a plural is not taken as the head."""
        if k + 1 < len(doc) and doc[k].text == "-" and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
            return self.one_word(doc[k + 1], k + 1)  # "six-cylinder engine options": cylinders
        if k >= len(doc):
            return None
        found = self.model_name(doc, k) or self.hyphenated(doc, k, value) or self.partitive(doc, k, value)
        if found:
            return found
        t, nxt = doc[k], doc[k + 1] if k + 1 < len(doc) else None
        if value != 1 and nxt is not None and self.plural(nxt) and self.noun_like(nxt):
            modifier = self.name_word(t) or t.is_alpha and (t.lower_.endswith(("ing", "ed")) or t.lower_ in self.adjectives)
            if modifier or (self.noun_like(t) and t.lemma_ == t.lower_):
                return f"{t.lower_} {self.lemma(nxt)}", k + 2
        if value != 1 and (named := self.named_modifiers(doc, k) or self.coordinated(doc, k)):
            return named  # "four FA Cup finals", "4.3M digital and physical sales"
        if t.is_title and t.is_alpha and t.text.endswith("s") and not t.is_sent_start:
            return t.lower_, k + 1  # "millions of Americans"
        if value != 1 and t.is_alpha and t.text[:1].islower() and t.text[1:2].isupper() and t.text.endswith("s"):
            return t.lower_[:-1], k + 1  # "231 million iPhones": a product's name in the plural
        if value != 1 and self.acronym_plural(t):
            return t.lower_[:-1], k + 1  # "12 SUVs", "40 MPs": an acronym in the plural
        if t.lower_ in self.adjectives and nxt is not None and self.noun_like(nxt):
            head = doc[k + 2] if k + 2 < len(doc) else None
            if value != 1 and head is not None and self.plural(head) and self.noun_like(head) and not self.plural(nxt):
                return f"{t.lower_} {nxt.lower_} {self.lemma(head)}", k + 3  # "1,100 public sector jobs"
            return f"{t.lower_} {self.lemma(nxt)}", k + 2  # "four separate missions"
        if t.lower_ in self.adjectives and value != 1 and (named := self.named_modifiers(doc, k + 1, code_first=True)):
            return f"{t.lower_} {named[0]}", named[1]  # "two new 737 Max jets"
        if t.lower_ in self.adjectives and (named := self.title_plural(doc, k + 1)):
            return f"{t.lower_} {named[0]}", named[1]  # "eight straight World Cups"
        if value in (None, 1) or self.plural(t) or t.lower_ in self.unmarked or len(t) <= 3:
            return self.one_word(t, k)  # "40 ships", "300 staff", "18 sen"
        return self.compound(doc, k)

    def describes(self, doc: Doc, k: int) -> bool:
        """Whether an adjective of counted things follows ("two new 737 Max jets"): the number
        counts, whatever the noun."""
        return k < len(doc) and doc[k].lower_ in self.adjectives

    def one_word(self, t: Token, k: int) -> tuple[str, int] | None:
        return (self.lemma(t), k + 1) if self.noun_like(t) and t.lower_ not in self.adjectives else None

    def named_modifiers(self, doc: Doc, k: int, code_first: bool = False) -> tuple[str, int] | None:
        """A name of capitalised words or model codes, and nouns after it, before a plural noun:
        "four FA Cup finals", "three Premier League titles", "27 EU member states", "20 Airbus
        A320 jets" count finals, titles, states and jets of that name; after an adjective the
        name may open with its code ("two new 737 Max jets")."""
        end = k
        while end < min(k + COMPOUND, len(doc)) and (
                self.name_word(doc[end]) or ((end > k or code_first) and self.code(doc[end]))
                or (end > k and self.singular_noun(doc[end]))):
            end += 1
        opener = self.name_word(doc[k]) or (code_first and self.code(doc[k]))
        if end - k < 2 or not opener or doc[k].is_sent_start or end >= len(doc):
            return None
        head = doc[end]
        if not (self.plural(head) and self.noun_like(head)):
            return None
        return " ".join([*(t.lower_ for t in doc[k:end]), self.lemma(head)]), end + 1

    @staticmethod
    def acronym_plural(t: Token) -> bool:
        """Capitals and a small "s": "SUVs", "NGOs", "RBIs" (not "SUV", "US", "MPS")."""
        text = t.text
        return len(text) >= 3 and text.endswith("s") and text[:-1].isupper() and text[:-1].isalpha()

    @staticmethod
    def name_word(t: Token) -> bool:
        """A capitalised word or an abbreviation with stops: "Premier", "FA", "U.S."."""
        return (t.is_alpha and (t.is_title or t.is_upper)) or INITIALS.fullmatch(t.text) is not None

    @staticmethod
    def code(t: Token) -> bool:
        """A model's code: "A320", "737"; not a figure with a separator ("1,200")."""
        return t.text.isalnum() and any(c.isdigit() for c in t.text) and (t.text.isdigit() or t.text[:1].isupper())

    def coordinated(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """Two modifiers joined before a plural noun: "4.3M digital and physical sales", "dozens
        of Kia and Hyundai vehicles" count sales and vehicles of both kinds."""
        if k + 3 >= len(doc) or doc[k + 1].lower_ not in CONJUNCTIONS:
            return None
        first, second, head = doc[k], doc[k + 2], doc[k + 3]
        if not all(t.is_alpha and not t.is_stop and not self.plural(t) for t in (first, second)):
            return None
        if not (self.plural(head) and self.noun_like(head)):
            return None
        return f"{first.lower_} {doc[k + 1].lower_} {second.lower_} {self.lemma(head)}", k + 4

    def title_plural(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """Capitalised words ending in a plural: "World Cups", "Grand Slams"."""
        end = k
        while end < min(k + 2, len(doc)) and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end == k or not doc[end - 1].text.endswith("s"):
            return None
        return " ".join([*(t.lower_ for t in doc[k : end - 1]), doc[end - 1].lower_[:-1]]), end

    def partitive(self, doc: Doc, k: int, value: float | None) -> tuple[str, int] | None:
        """"2,000 of its workers" counts workers; "seven of the nine members" names its own figure
        after "of" and is left to it."""
        if value is None or k + 2 >= len(doc) or doc[k].lower_ != "of" or doc[k + 1].lower_ not in self.determiners:
            return None
        head = doc[k + 2]
        if not (self.plural(head) or head.lower_ in self.unmarked):
            return None
        found = self.counted(doc, k + 2, value)
        return found if found is not None and found[1] == k + 3 else None

    def compound(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """Singular nouns in a row after a number other than one: a compound ("11 member trade
        agreement"), or no counted noun at all ("About 1000 come here")."""
        end = k
        while end < min(k + COMPOUND, len(doc)) and self.noun_like(doc[end]):
            end += 1
        if end - k < 2 or doc[end - 1].lemma_ not in ("", doc[end - 1].lower_):
            return None  # "a magnitude 6.4 earthquake struck": the last word is a verb's form
        return " ".join([*(t.lower_ for t in doc[k : end - 1]), self.lemma(doc[end - 1])]), end

    def model_name(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """"63,000 Model 3 sedans" counts sedans; "63,150 Model 3s" counts Model 3s."""
        if k + 1 >= len(doc) or not (doc[k].is_title and doc[k].is_alpha) or doc[k].is_sent_start:
            return None
        name = doc[k + 1].text
        if name.isdigit() and k + 2 < len(doc) and self.plural(doc[k + 2]) and self.noun_like(doc[k + 2]):
            return self.lemma(doc[k + 2]), k + 3
        if name[:-1].isdigit() and name.endswith("s"):
            return f"{doc[k].lower_} {name.lower()}", k + 2
        return None

    def hyphenated(self, doc: Doc, k: int, value: float | None) -> tuple[str, int] | None:
        """A modifier written with a hyphen before the noun: "14 first-team players"."""
        if k + 3 >= len(doc) or doc[k + 1].text != "-" or doc[k].whitespace_ or doc[k + 1].whitespace_:
            return None
        first, second, head = doc[k], doc[k + 2], doc[k + 3]
        if not (first.is_alpha and second.is_alpha and self.noun_like(head)) or (value != 1 and not self.plural(head)):
            return None
        return f"{first.lower_}-{second.lower_} {self.lemma(head)}", k + 4

    def singular_noun(self, t: Token) -> bool:
        """A noun in its own form: "member" of "EU member states", not "struck" or "states"."""
        return self.noun_like(t) and not self.plural(t) and t.lemma_ in ("", t.lower_)

    def lemma(self, t: Token) -> str:
        """The singular of a noun: its lookup lemma, or a plural the lemmas do not know without
        its "s" ("startups")."""
        if t.lemma_ and t.lemma_ != t.lower_:
            return t.lemma_.lower()
        ending = next((e for e in IRREGULAR_PLURALS if t.lower_.endswith(e)), None)
        if ending is not None:
            return t.lower_[: -len(ending)] + IRREGULAR_PLURALS[ending]
        return t.lower_[:-1] if self.plural(t) else t.lower_

    def plural(self, t: Token) -> bool:
        """A plural noun form: "ships", "fishermen", and "startups" the lookup lemmas do not know
        (not "news", "series", "bus")."""
        lower = t.lower_
        if lower.endswith(tuple(IRREGULAR_PLURALS)):
            return True
        if t.lemma_ != lower:
            return lower.endswith(("s", "men"))
        return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ws", "ies"))

    def noun_like(self, t: Token) -> bool:
        """A lower-case content word that is not a verb form or a qualifier."""
        if not (t.is_alpha and t.is_lower) or t.is_stop or t.lower_ in self.qualifier_words or t.lower_ in self.relative_days:
            return False
        return not (t.lower_.endswith(("ed", "ing", "ly")) and not t.lower_.endswith(("ling", "thing", "ring")))
