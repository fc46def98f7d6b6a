"""Quote consistency: one speaker, one remark, one wording.

Two sources quoting the same speaker with the same words agree; quoting them
with words that overlap heavily but differ ("cheerful and pleasant" /
"cheerful and engaging") is a contradiction: at least one misquotes. Overlap
is measured on content words cut to five letters ("investing"/"investment"),
or, for a phrase of fewer than three content words, on all its words and only
when both sources say whom it describes. A quote contained in a longer one
agrees with it. Long quotes are compared only where the shorter lines up,
word for word in order, with a stretch of the longer one (difflib's matching
blocks): "we are not cutting" against "we are cutting", "for good" against
"for now" at the end of one sentence, inside a longer passage. Otherwise they
are too often different passages of one speech to compare.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ...lexicon import load_lexicon
from ...models import Claim, Kind
from ...wording import counted
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict
from ..ruleset import Rule, check
from ..window import WINDOW_DAYS
from .common import finding

INSERTION = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # an editor's words inside a quote: "her (Tara Reid) family", "[US]"
CONTRACTIONS = ((re.compile(r"\bwon't\b"), "will not"), (re.compile(r"\bcan't\b|\bcannot\b"), "can not"),
                (re.compile(r"n't\b"), " not"), (re.compile(r"'re\b"), " are"), (re.compile(r"'ll\b"), " will"),
                (re.compile(r"'ve\b"), " have"), (re.compile(r"\bi'm\b"), "i am"))


def _words(claim: Claim) -> list[str]:
    """A quote's words as a reader hears them: a hyphen inside a word dropped ("e-mail" is
    "email"), a typographic apostrophe read as a straight one ("AMD’s" is "AMD's"), a
    contraction spelt out ("aren't" is "are not": house styles expand or keep them), and an
    editor's insertion in brackets or parentheses left out (news style marks its own words so
    in a quote: "her (Tara Reid) family" is the speaker's "her family")."""
    text = INSERTION.sub(" ", str(claim.value).lower().replace("\u2019", "'"))
    for contraction, spelt in CONTRACTIONS:
        text = contraction.sub(spelt, text)
    return re.findall(r"[\w']+", re.sub(r"(?<=\w)-(?=\w)", "", text))


def _stems(words: list[str]) -> set[str]:
    """Content words cut to five letters: "investing"/"investment" and "count"/"counting" meet."""
    return {w[:5] for w in words if w not in STOP_WORDS and len(w) > 2 and "'" not in w}  # "i'm", "we'll": no content


def _contains(long: list[str], short: list[str]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


MIN_ALIGNED = 5  # words of the shorter quote at least, to line it up with the longer one
LINED_UP = 0.7  # share of the shorter quote's words found in order in the longer one
MIN_SHARED_CONTENT = 2  # content words among them: "we are going to" lines up with anything
SPREAD = 1.5  # the stretch of the longer quote the shorter lines up with, at most this many times its length
FIGURE_LETTERS = 3  # letters at most of the words that write a figure's clock or zone ("pm", "PST", "GMT")
PARAPHRASED = 0.5  # share of content words two sentence-long quotes have in common to be one remark reworded
PARAPHRASE_SHARED = 3  # and how many at least ("I'm ... Deep Throat" in two remarks is not one)
ELLIPSIS = re.compile(r"\.\.\.|…|\[\.\.\.\]")


@dataclass(frozen=True)
class Lineup:
    """The shorter of two quotes lined up, word for word in order, with the longer."""

    share: float  # of the shorter quote's words found in the longer
    mine: list[str]  # words the first quote says where the second says others
    theirs: list[str]

    @property
    def differs(self) -> bool:
        """Words differ, beyond how a figure is written ("6:41pm PST" / "18:41") or where a
        compound is split ("cyber criminals" / "cyber-criminals")."""
        if "".join(self.mine) == "".join(self.theirs):
            return False
        return bool(_worded(self.mine) or _worded(self.theirs))

    def how(self) -> str:
        return (f"{self.share:.0%} of the shorter wording lines up with the longer; one has "
                f"“{' '.join(self.mine) or 'nothing'}” where the other has “{' '.join(self.theirs) or 'nothing'}”")


def _worded(words: list[str]) -> list[str]:
    """The words of a difference that change what a quote says: not a figure's writing (digits
    or number words, "12th" / "twelfth", and the few letters of a clock or zone right after
    them, "6:41pm PST" / "18:41": a figure changed inside a quote is the figure checks' to
    judge), nor a small word that changes nothing ("I just want" / "I want"), unless it is one
    that does ("not", "may", "most": the lexicon's meaning words)."""
    kept, after_figure = [], False
    for word in words:
        figure = (any(ch.isdigit() for ch in word) or word in number_words()
                  or (after_figure and len(word) <= FIGURE_LETTERS))
        if not figure and (word not in STOP_WORDS or word in meaning_words()):
            kept.append(word)
        after_figure = figure
    return kept


@lru_cache(maxsize=1)
def meaning_words() -> frozenset[str]:
    return frozenset(load_lexicon().speech.meaning_words)


@lru_cache(maxsize=1)
def number_words() -> frozenset[str]:
    """The lexicon's number words and their ordinals ("twelve", "twelfth", "twentieth")."""
    numbers = load_lexicon().numbers
    cardinals = {*numbers.units, *numbers.tens, *numbers.hundred}
    return frozenset(cardinals | set(numbers.scales) | {_ordinal(w) for w in cardinals})


def _ordinal(cardinal: str) -> str:
    irregular = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                 "nine": "ninth", "twelve": "twelfth"}
    if cardinal in irregular:
        return irregular[cardinal]
    return cardinal[:-1] + "ieth" if cardinal.endswith("y") else cardinal + "th"


def lined_up(wa: list[str], wb: list[str]) -> Lineup | None:
    """The shorter quote lined up with the longer (difflib's opcodes), None when too little of it
    is found there. Words one quote has beyond the other's first or last word are a different
    cut of one remark ("Today the sea ..." / "the sea ..."), not a difference; a word replaced
    at either end is one ("... for good" / "... for now")."""
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    matcher = SequenceMatcher(a=short, b=long, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    matched = [w for b in blocks for w in short[b.a : b.a + b.size]]
    if len(matched) < LINED_UP * len(short) or len(_stems(matched)) < MIN_SHARED_CONTENT:
        return None
    if blocks[-1].b + blocks[-1].size - blocks[0].b > SPREAD * len(short) + 2:
        return None  # its words strewn over a long passage ("the ... Endangered Species Act"): another remark
    codes = matcher.get_opcodes()
    only_short: list[str] = []
    only_long: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        edge = n == 0 or n == len(codes) - 1
        if tag == "equal" or (edge and tag != "replace"):
            continue
        only_short += short[i1:i2]
        width = j2 - j1 if not edge else min(j2 - j1, i2 - i1)  # at an edge, as many words as the shorter puts there
        only_long += long[j2 - width : j2] if n == 0 else long[j1 : j1 + width]
    mine, theirs = (only_short, only_long) if short is wa else (only_long, only_short)
    return Lineup(len(matched) / len(short), mine, theirs)


def _misquote(a: Claim, b: Claim, wa: list[str], wb: list[str], min_similarity: float,
              max_words: int) -> tuple[float, str] | None:
    """(how alike, in words) when two different wordings are one remark; None when they are not
    alike enough to be one. The shorter lined up with the longer first, then shared content words."""
    if min(len(wa), len(wb)) >= MIN_ALIGNED:
        lineup = lined_up(wa, wb)
        if lineup is not None:
            elided = ELLIPSIS.search(f"{a.value} {b.value}") and not (_worded(lineup.mine) and _worded(lineup.theirs))
            return (lineup.share, lineup.how()) if lineup.differs and not elided else None
    if max(len(wa), len(wb)) > max_words:
        return None
    sa, sb = _stems(wa), _stems(wb)
    if len(sa) >= 3 and len(sb) >= 3:
        similarity = len(sa & sb) / len(sa | sb)
        if min(len(wa), len(wb)) >= MIN_ALIGNED:  # whole sentences in other words: most of them shared
            similarity = similarity if similarity >= PARAPHRASED and len(sa & sb) >= PARAPHRASE_SHARED else 0.0
    elif a.subject and a.subject == b.subject:  # a short phrase about one subject: compare all words
        similarity = len(set(wa) & set(wb)) / len(set(wa) | set(wb))
        similarity = similarity if similarity >= 0.5 else 0.0
    else:
        return None
    return (similarity, f"{similarity:.0%} of the content words shared") if similarity >= min_similarity else None


def _one_wording(wa: list[str], wb: list[str]) -> bool:
    """The same words, one inside the other, or two cuts of one wording ("Today the sea
    between us ..." / "the sea between us ... becomes a power station")."""
    if wa == wb or (min(len(wa), len(wb)) >= 2 and (_contains(wa, wb) or _contains(wb, wa))):
        return True
    lineup = lined_up(wa, wb) if min(len(wa), len(wb)) >= MIN_ALIGNED else None
    return lineup is not None and not lineup.differs


class _Wordings:
    """One speaker's quotes in groups of one wording, and the pairs that word one remark apart."""

    def __init__(self, said: list[Claim]):
        self.groups: dict[str, list[Claim]] = {c.id: [c] for c in said}
        self.root = {c.id: c.id for c in said}
        self.conflicts: list[tuple[Claim, Claim, float, str]] = []

    def join(self, a: Claim, b: Claim) -> None:
        ra, rb = self.root[a.id], self.root[b.id]
        if ra != rb:
            self.groups[ra] += self.groups.pop(rb)
            for c in self.groups[ra]:
                self.root[c.id] = ra

    def compare(self, a: Claim, b: Claim, min_similarity: float, max_words: int) -> None:
        wa, wb = _words(a), _words(b)
        phrase = min(len(wa), len(wb)) < MIN_ALIGNED  # a phrase: whom it describes tells remarks apart
        if a.document == b.document or (phrase and a.subject and b.subject and a.subject != b.subject):
            return
        if _one_wording(wa, wb):
            self.join(a, b)
        elif found := _misquote(a, b, wa, wb, min_similarity, max_words):
            self.conflicts.append((a, b, *found))


@check("quote_consistency")
def quotes(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    min_similarity = float(rule.param("min_similarity", 0.34))
    max_words = int(rule.param("max_words", 20))
    by_speaker, unattributed = _quoted(corpus)
    days = int(rule.param("window_days", WINDOW_DAYS))
    if corpus.whole.adopted is None:
        taken = [(c, fits.pop()) for c, fits in _fitting(unattributed, by_speaker, corpus, days) if len(fits) == 1]
    else:  # decided over the whole archive (`stream`)
        taken = [(c, corpus.whole.adopted[c.id]) for c in unattributed if c.id in corpus.whole.adopted]
    for claim, speaker in taken:
        by_speaker[speaker].append(claim)
    for speaker, said in sorted(by_speaker.items()):
        wordings = _Wordings(said)
        for i, j in _compared(corpus, said, days):
            wordings.compare(said[i], said[j], min_similarity, max_words)
        yield from _findings(rule, speaker, wordings)


def _compared(corpus: Corpus, said: list[Claim], days: int) -> list[tuple[int, int]]:
    """Index pairs of one speaker's quotes to compare: those of articles near each other in time
    (`Window.pairs`), and each quote of an article without a day with every other quote of the
    speaker. The window places such an article in the story of the articles naming two of its
    names; two quotes of one speaker share one name already, and the words they share say the
    rest (a blog that names only the union leader it quotes)."""
    documents = [c.document for c in said]
    pairs = set(corpus.window.pairs(documents, days))
    undated = [i for i, d in enumerate(documents) if corpus.window.day.get(d) is None]
    pairs |= {(min(i, j), max(i, j)) for i in undated for j in range(len(said)) if j != i}
    return sorted(pairs)


def _quoted(corpus: Corpus) -> tuple[dict[str, list[Claim]], list[Claim]]:
    """Each named speaker's quotes, and the quotes without one: a speaker written with words
    before the name ("Comedian Ellen DeGeneres", "Interior Secretary Ken Salazar") is the
    name another quote gives alone (`_names`); one that names nobody ("the company", "the
    two men", "The blog") counts as none, so its quote may take the speaker of its twin."""
    quotes = [c for c in corpus.claims if c.kind is Kind.QUOTE]
    names = speaker_names({c.speaker for c in quotes if c.speaker})
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    unattributed: list[Claim] = []
    for claim in quotes:
        speaker = names.get(claim.speaker or "")
        if speaker:
            by_speaker[speaker].append(claim)
        elif unnamed(claim):
            unattributed.append(claim)
    return by_speaker, unattributed


def speaker_names(speakers: set[str]) -> dict[str, str]:
    """Each capitalised speaker -> the shortest speaker of two words or more whose words end
    it ("Comedian Ellen DeGeneres" -> "Ellen DeGeneres"), else itself; nothing for a speaker
    that names nobody (`_names_nobody`)."""
    names = {s for s in speakers if s[:1].isupper() and not _names_nobody(s)}
    full = sorted((tuple(n.split()) for n in speakers if len(n.split()) >= 2 and n[:1].isupper()), key=len)
    found = {}
    for speaker in speakers:
        words = tuple(speaker.split())
        found[speaker] = next((" ".join(f) for f in full if len(f) < len(words) and words[-len(f):] == f), None)
        found[speaker] = found[speaker] or (speaker if speaker in names else None)
    return {s: n for s, n in found.items() if n}


def unnamed(claim: Claim) -> bool:
    """Whether a quote names no speaker: none given, or words that name nobody ("the company")."""
    return not claim.speaker or not claim.speaker[:1].isupper() or _names_nobody(claim.speaker)


def _names_nobody(speaker: str) -> bool:
    """Whether a speaker opens with a function word ("The blog", "An official"): no name."""
    return speaker.split()[0].lower() in STOP_WORDS


ADOPT_WORDS = 8  # words at least of a quote without a speaker that takes the speaker of its twin


def may_be_adopted(claim: Claim) -> bool:
    """Whether a claim is a quote without a named speaker (`unnamed`) long enough to take one
    (`_fitting`)."""
    return claim.kind is Kind.QUOTE and unnamed(claim) and len(_words(claim)) >= ADOPT_WORDS


def fitting_speakers(rule: Rule, corpus: Corpus) -> dict[str, set[str]]:
    """Each quote without a speaker -> the speakers among the corpus's who may have said it
    (`_fitting`): a run over part of an archive gathers these over every part, and a quote
    is taken to be its speaker's where exactly one fits in the whole archive."""
    by_speaker, unattributed = _quoted(corpus)
    days = int(rule.param("window_days", WINDOW_DAYS))
    return {claim.id: fits for claim, fits in _fitting(unattributed, by_speaker, corpus, days)}


def _fitting(unattributed: list[Claim], by_speaker: dict[str, list[Claim]], corpus: Corpus,
             days: int) -> Iterator[tuple[Claim, set[str]]]:
    """Quotes whose article names no speaker ("Key line from his statement: ...", a live
    blog's entry), each with the speakers whom another article of its time quotes with a
    wording that lines up with it: a remark of eight words or more, word for word in order, is
    that speaker's (either may be the longer: "SeaMicro was founded to ..." inside the whole
    statement another outlet gives). Two speakers so quoted (a slogan, a statement read out): none is taken."""
    attributed = [(speaker, claim, words, _stems(words))
                  for speaker, said in by_speaker.items() for claim in said for words in [_words(claim)]]
    for claim in unattributed:
        if not may_be_adopted(claim):
            continue
        words = _words(claim)
        mine = _stems(words)
        yield claim, {speaker for speaker, other, their_words, theirs in attributed
                      if other.document != claim.document and len(mine & theirs) * 2 >= min(len(mine), len(theirs))
                      and corpus.days_apart(claim, other) <= days and lined_up(words, their_words) is not None}


def _findings(rule: Rule, speaker: str, wordings: _Wordings) -> Iterator[Finding]:
    for group in wordings.groups.values():
        if len({c.document for c in group}) >= 2:
            yield finding(rule, Verdict.AGREEMENT, Severity.INFO, group,
                          f"{len({c.document for c in group})} sources quote {speaker} alike: "
                          + "; ".join(f"{c.document}: “{c.value}”" for c in group))
    reported = set()
    for a, b, similarity, how in wordings.conflicts:
        pair = tuple(sorted((wordings.root[a.id], wordings.root[b.id])))
        if pair[0] == pair[1] or pair in reported:
            continue
        reported.add(pair)
        yield finding(rule, Verdict.CONTRADICTION, rule.severity, wordings.groups[pair[0]] + wordings.groups[pair[1]],
                      f"{speaker} is quoted as “{a.value}” in {a.document} and as “{b.value}” in {b.document}: "
                      f"the same remark in different words ({how}){_tally(wordings, a, b)}", similarity)


def _tally(wordings: _Wordings, a: Claim, b: Claim) -> str:
    """How many sources give each wording, where more than one gives either: which wording
    most sources give is an editor's first clue to the misquote."""
    first, second = ({c.document for c in wordings.groups[wordings.root[x.id]]} for x in (a, b))
    if len(first) == len(second) == 1:
        return ""
    return f"; {counted(len(first), 'source')} give the first wording, {counted(len(second), 'source')} the second"
