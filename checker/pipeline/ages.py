"""Ages written as a bare number: the words around it say the number is someone's age.

"Jamie Armstrong, 25, said" (between commas after a name), "over the age of 21", "aged
38", "he turned 40 last week", "she will turn 35": each is a number of years of age,
which the engine compares as an age, not as a count. A number that counts something
after it ("turned 40 pages") is no age.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from .nouns import NounReader

OLDEST = 130  # above this no one's age


class AgeReader:
    def __init__(self, lexicon: Lexicon, nouns: NounReader):
        self.verbs = {w.lower() for w in lexicon.units.age_words}  # "aged 38", "turned 40"
        self.nouns = nouns

    def __call__(self, doc: Doc, num: Span) -> bool:
        """Whether a bare whole number is an age."""
        value = num._.number
        if not float(value).is_integer() or not 0 < value < OLDEST:
            return False
        s, e = num.start, num.end
        if s >= 2 and doc[s - 2].lower_ == "age" and doc[s - 1].lower_ == "of":
            return True  # "over the age of 21"
        if s >= 1 and doc[s - 1].lower_ in self.verbs:
            return self.nouns.counted(doc, e, value) is None  # "aged 38", not "turned 40 pages"
        if s < 2 or e >= len(doc) or doc[s - 1].text != "," or doc[e].text != ",":
            return False
        return doc[s - 2].is_title and doc[s - 2].is_alpha and value < 120  # "Jamie Armstrong, 25, said"


def followed_by_old(doc: Doc, end: int) -> bool:
    """Whether "old" follows a number of years ("59-year-old", "23-year old"): an age, the one
    "Chohan, 59" gives."""
    at = end + 1 if end < len(doc) and doc[end].text == "-" else end
    return at < len(doc) and doc[at].lower_ == "old"
