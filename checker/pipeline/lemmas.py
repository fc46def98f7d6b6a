"""Lemmas by table lookup, a whole Doc at once.

The same lemmas as spaCy's lookup lemmatizer (`lemmatizer` in lookup mode,
spacy-lookups-data's `lemma_lookup` table: a word's lemma is its entry, or
the word itself), but that component sets `token.lemma_` one token at a time
in Python, which costs more than tokenizing the text. Here the table is
turned once into word hash -> lemma hash, and a Doc's lemmas are read and
written as arrays. Tokens that already have a lemma keep it, as there.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.tokens import Doc


@lru_cache(maxsize=2)
def lookup_table(lang: str = "en") -> Table:
    """spacy-lookups-data's lemma table for a language, loaded once per process."""
    return load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")


def lookup_lemma(word: str, lang: str = "en") -> str:
    """A word's lemma by the table, as the component would give it ("sank" -> "sink");
    for a word the pipeline saw capitalised ("Speaking", opening a sentence), which the
    table, keyed on words as written, does not hold."""
    value = lookup_table(lang).get(word, word)
    return value if isinstance(value, str) else value[0]


class LookupLemmas:
    def __init__(self, nlp: Language):
        table = lookup_table(nlp.lang)
        strings = nlp.vocab.strings
        # table keys are already string hashes; its values may be a list of lemmas, the first wins
        self.lemma_of = {key: strings.add(value if isinstance(value, str) else value[0]) for key, value in table.items()}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words, lemmas = doc.to_array([ORTH, LEMMA]).T
        get = self.lemma_of.get
        found = numpy.fromiter((get(w, w) for w in words.tolist()), dtype="uint64", count=len(words))
        doc.from_array([LEMMA], numpy.where(lemmas == 0, found, lemmas))
        return doc


@Language.factory("checker_lemmas")
def make_lookup_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp)
