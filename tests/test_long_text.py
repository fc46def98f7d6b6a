"""Texts built so that extraction's work or memory grows faster than their length.

An article with no sentence breaks made every claim carry (and every
context rule read) the whole text; a run of quote marks made spaCy's
tokenizer peel one mark at a time off an ever shorter string; many quotes made
each speaker search scan every entity of the Doc. The tests count work
instead of timing it: the Python lines extraction runs (traced), the
characters the tokenizer's affix rules read, and the size of what is stored.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.extract import Extractor

PACKAGE = str(Path(__file__).resolve().parent.parent / "checker")
# each repeated with no sentence break, or with many names and quotes, as the cases were
FAMILIES = {
    "figures, no sentence break": "Acme paid $5 million and ",
    "quotes and figures, no sentence break": 'Smith said "about 5%" and ',
    "quotes, no sentence break": 'a "b" ',
    "names and quotes": 'Jo Smith met Ann Lee in Tokyo. She said "we agreed on 12 ships." ',
}


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def lines_run(work) -> int:
    """How many lines of checker's own code `work()` runs: a count of steps, not a time."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("family", FAMILIES)
def test_extraction_steps_grow_linearly(extractor, family):
    unit = FAMILIES[family]
    extractor.text(unit * 60)  # caches filled before counting
    small = lines_run(lambda: extractor.text(unit * 150))
    large = lines_run(lambda: extractor.text(unit * 300))
    assert large / small < 2.4, f"{small} lines for 150 repeats, {large} for 300"


def test_no_sentence_is_longer_than_the_pipeline_accepts(extractor):
    text = "Acme paid $5 million and " * 400  # 10,000 characters, 2,800 tokens, no full stop
    doc = extractor.nlp(text)
    sentences = list(doc.sents)
    assert len(sentences) > 10
    assert max(len(s) for s in sentences) <= 250
    assert max(len(s.text) for s in sentences) <= 1500
    assert "".join(t.text_with_ws for s in sentences for t in s) == text


def test_a_long_sentence_is_split_after_a_comma_when_there_is_one(extractor):
    text = "Acme paid $5 million, " * 300
    sentences = list(extractor.nlp(text).sents)
    assert len(sentences) > 5
    for sent in sentences[:-1]:
        assert sent.text.rstrip().endswith(",")


def test_stored_sentences_are_bounded_and_point_into_the_text(extractor):
    text = "Acme paid $5 million and " * 2000  # 50,000 characters without a sentence break
    claims = extractor.text(text)
    assert len(claims) == 2000
    assert max(len(c.sentence) for c in claims) <= 1500
    for c in claims:
        assert text[c.sentence_start : c.sentence_start + len(c.sentence)] == c.sentence
        assert c.sentence_start <= c.start < c.sentence_start + len(c.sentence)


def test_ordinary_sentences_are_kept_whole(extractor):
    sentence = ("The Trump-Takaichi summit culminated in a new document committing both countries to "
                "$550 billion in investment, " * 3) + "officials said."
    claims = extractor.text(sentence)
    assert claims and {c.sentence for c in claims} == {sentence}


@pytest.mark.parametrize("mark", ['"', "(", "“"])
def test_a_run_of_quote_marks_is_tokenized_in_linear_work(extractor, monkeypatch, mark):
    """spaCy strips a prefix and searches the rest again, once per mark: the characters its
    affix rules read grew with the square of the run (40,000 marks took minutes)."""
    tokenizer = extractor.nlp.tokenizer
    read = []

    def counting(search):
        return lambda text: read.append(len(text)) or search(text)

    monkeypatch.setattr(tokenizer, "prefix_search", counting(tokenizer.prefix_search))
    monkeypatch.setattr(tokenizer, "suffix_search", counting(tokenizer.suffix_search))
    text = mark * 4000
    doc = extractor.nlp.make_doc(text)
    assert doc.text == text and len(doc) == 4000
    assert sum(read) < 100 * len(text)
