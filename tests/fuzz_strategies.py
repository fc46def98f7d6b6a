"""Hypothesis strategies for hostile news text, and the properties every claim must keep.

Shared by tests/test_fuzz.py (a short run in the test suite) and
benchmarks/fuzz.py (a long run). The words come from the lexicons themselves
(currencies, units, qualifiers, months, speech verbs...) so that random text
reaches every rule, and they are mixed with what real files contain and the
rules never planned for: numbers of any size, odd whitespace, nested and
unbalanced quote marks, digits of other scripts, emoji, combining marks,
right-to-left text, control characters and arbitrary Unicode — and figures
with invisible format characters inside them, and whole texts in NFD, which
must read as their plain NFC twins do.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from pathlib import Path

from hypothesis import strategies as st

from checker.documents import read_document
from checker.errors import CheckerError
from checker.extract import Extractor
from checker.lexicon import load_lexicon
from checker.models import Claim, Document, Kind

_LX = load_lexicon()

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "«", "»", "'", "„", "‹", "›", "「", "」", "''", "``"]
WHITESPACE = [
    " ", " ", " ", "  ", "", "\u00a0", "\u2009", "\u202f", "\u3000", "\t", "\n", "\r\n", "\n\n", "\r",
    "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
]
ODD = [
    "😀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "e\u0301", "\u0301", "\u20dd", "مرحبا", "٣٥٠", "שלום", "\u202e", "\u200f",
    "\u202a", "百万", "５０％", "²", "½", "Ⅻ", "𝟓", "\x00", "\x07", "\x1b", "\x7f", "\ufffd", "…", "—", "–",
    "−", "‐", "/", "\\", "(", ")", "[", "]", "*", "**", "#", "##", ">", "|", "@", "&", "_", ":", ";", ",", ".",
    "?!", "!", "%", "‰", "°", "º", "^", "x", "×",
]
# format characters (Unicode Cf) a reader does not see: zero-width space, joiners, soft hyphen,
# word joiner, BOM, bidi marks, embeddings and isolates, the Arabic letter mark, an invisible times
FORMAT = ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202c",
          "\u202e", "\u2066", "\u2069", "\u061c", "\u2062"]
# YAML that parses to something odd or not at all: aliases, tags, impossible dates, open brackets
YAML_ODD = ["&a [1, *a]", "*a", "!!python/object:os.system x", "!!binary x", "2025-02-30", "0000-01-01",
            "2025-01-01T25:00:00", "{a: 1", "[2025-01-01]", "? x", "|", ">", "~", "null", "1e400", "'", '"']
GLUE = ["", "-", "–", "/", ".", ",", "%", "'s", "’s", "s", "²", "٣", "５", "\u0301"]  # digits of other scripts too
FILLER = [
    "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "but", "he", "she", "they", "it", "was", "will",
    "is", "be", "had", "expected", "rose", "fell", "from", "between", "by", "since", "until", "with", "for",
    "government", "people", "ships", "tariff", "GDP", "Japan", "U.S.", "Tokyo", "Sanae", "Takaichi",
    "Smith", "Reuters", "Section", "iPhone", "COVID", "F", "CC", "BY", "Downing", "Street", "am", "pm", "ago",
]


def _lexicon_words() -> list[str]:
    """Every word and phrase the rules look for, from the lexicon files."""
    n, u, q, d, s = _LX.numbers, _LX.units, _LX.qualifiers, _LX.dates, _LX.speech
    words = [
        *n.units, *n.tens, *n.hundred, *n.scales, *n.scale_abbreviations, *n.specials, *n.article_as_one,
        *n.vague, *n.negative_words,
        *(w for c in _LX.currencies.currencies for w in (*c.before, *c.after, *c.after_scale)),
        *u.percent, *u.percentage_points, *u.basis_points, *(a for v in u.ratio_bases.values() for a in v),
        *u.ratio_words, *u.ratio_multipliers, *u.possessives, *_LX.measure_of, *u.attached_suffixes,
        *u.label_words, *u.address_words, *u.count_adjectives, *u.durations, *u.rate_words, *u.rate_nouns,
        *_LX.qualifier_mode, *q.range_joiners, *q.range_openers, *q.change_words,
        *s.verbs, *s.nouns, *s.according, *s.pronouns,
        *_LX.entities.titles, *_LX.entities.not_names, *_LX.entities.combining_words, *_LX.alias_of,
        *_LX.month_of, *_LX.weekday_of, *(w for v in d.quarters.values() for w in v), *d.relative_days,
        *d.relative_periods, *d.period_words, *d.ago_words, *d.deadline, *d.since, *d.span_openers,
        *d.future_markers, *d.past_markers, *_LX.predicates.auxiliaries,
    ]
    return sorted(set(words))


WORDS = _lexicon_words()
MONTHS = sorted(_LX.month_of)
WEEKDAYS = sorted(_LX.weekday_of)
CURRENCY_BEFORE = sorted({w for c in _LX.currencies.currencies for w in c.before})
UNIT_WORDS = sorted({*_LX.measure_of, *_LX.units.percent, *_LX.units.basis_points, "people", "ships", "dollars"})
QUALIFIERS = sorted(_LX.qualifier_mode)


def _grouped(n: int) -> str:
    return f"{n:,}"


# numbers of every size and shape: plain, grouped, decimal, scientific, glued to a scale or unit
integers = st.one_of(
    st.integers(0, 100), st.integers(0, 10**15), st.integers(0, 10**400), st.integers(1490, 2300),
)
numbers = st.one_of(
    integers.map(str),
    integers.map(_grouped),
    st.builds(lambda a, b: f"{a}.{b}", integers, st.integers(0, 10**20)),
    st.floats(allow_nan=False).map(lambda f: repr(abs(f))),
    st.sampled_from(["10^400", "1e308", "1e-308", "999,999,999,999,999,999 trillion", ".5", "00", "007", "0.0",
                     "1,00", "1,000,00", "12,345.678.9", "1.2.3", "9" * 320, "9" * 320 + " trillion trillion",
                     "1" + ",000" * 110, "2025-10-25", "2023–25", "10-15%", "1st", "22nd", "31st", "99th",
                     "555-0199", "1.2bn", "$5", "25bp", "5%", "3/4", "1:2"]),
    st.builds(lambda y, m, dd: f"{y:04d}-{m:02d}-{dd:02d}", st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.builds(lambda n, g, w: f"{n}{g}{w}", integers, st.sampled_from(GLUE),
              st.sampled_from(sorted({*_LX.numbers.scale_abbreviations, *_LX.units.attached_suffixes, "%", "s"}))),
)


def _phrase(template: str, *parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map(lambda xs: template.format(*xs))


word = st.sampled_from(WORDS)
number = numbers
month, weekday = st.sampled_from(MONTHS), st.sampled_from(WEEKDAYS)
day = st.integers(0, 40).map(str)
year = st.integers(1490, 2300).map(str)
quote = st.sampled_from(QUOTE_MARKS)
# constructions the figure and date rules read as one claim, filled with hostile parts
phrases = st.one_of(
    _phrase("from {} to {}", number, number),
    _phrase("between {} and {}", number, number),
    _phrase("{} {}{} {}", st.sampled_from(QUALIFIERS), st.sampled_from(CURRENCY_BEFORE), number, word),
    _phrase("{}{} to {}{} {}", st.sampled_from(["-", "+", "−", ""]), number, st.sampled_from(["-", ""]), number,
            st.sampled_from(UNIT_WORDS)),
    _phrase("{} {} {}", number, st.sampled_from(UNIT_WORDS), st.sampled_from(["ago", "a year", "per week", ""])),
    _phrase("{} {}, {}", month, day, year),
    _phrase("{}, {} {}", weekday, month, day),
    _phrase("{} {} {}", day, month, year),
    _phrase("between {} and {}", year, year),
    _phrase("from {} {} to {} {}", month, year, month, year),
    _phrase("from {} to {}", month, month),
    _phrase("{} {} ago", number, st.sampled_from(["days", "weeks", "months", "years", "quarters"])),
    _phrase("{} {} {}", st.sampled_from(["last", "next", "this"]), st.sampled_from([*WEEKDAYS, *MONTHS, "year", "week"]),
            word),
    _phrase("{} said{} {}{} {}{}", word, st.sampled_from([",", ":", ""]), quote, word, number, quote),
    _phrase("{}{}{}{}{}{}", quote, word, quote, word, quote, quote),  # nested and unbalanced
)


@st.composite
def hidden(draw: st.DrawFn, plain: st.SearchStrategy[str]) -> str:
    """A piece with format characters put inside it, each before an ASCII character (so
    none of them parts a letter from its combining accent)."""
    text = draw(plain)
    places = [i for i, c in enumerate(text) if c.isascii()]
    for i in sorted(draw(st.lists(st.sampled_from(places), min_size=1, max_size=3)) if places else [], reverse=True):
        text = text[:i] + draw(st.sampled_from(FORMAT)) + text[i:]
    return text


pieces = st.one_of(
    word, word, word, st.sampled_from(FILLER), number, number, phrases, phrases, quote, st.sampled_from(ODD),
    st.text(max_size=8), hidden(phrases), hidden(number),
)
separators = st.sampled_from(WHITESPACE)


@st.composite
def news_text(draw: st.DrawFn, max_pieces: int = 40) -> str:
    """Words, numbers, phrases and odd characters joined by any kind of whitespace (or none)."""
    parts = draw(st.lists(pieces, max_size=max_pieces))
    return "".join(p + draw(separators) for p in parts)


texts = st.one_of(news_text(), news_text(max_pieces=120), st.text(), news_text().map(lambda t: unicodedata.normalize("NFD", t)))
published = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)), st.dates())
hiding = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(FORMAT)), max_size=6)  # for `spelling_problems`


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A YAML front matter block, well-formed or not, before a body."""
    fields = draw(st.lists(st.sampled_from(["title", "source", "published", "url", "author", "other"]), max_size=4))
    value = st.one_of(st.dates().map(str), news_text(max_pieces=4), st.text(max_size=10), st.sampled_from(YAML_ODD))
    lines = [f"{f}: {draw(value)}" for f in fields]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return f"---{newline}" + newline.join(lines) + f"{newline}---{newline}"


# -- the properties ------------------------------------------------------------------------
Checked = tuple[int, list[str]]  # (claims checked, what is wrong with them)


def text_problems(extractor: Extractor, text: str, published: dt.date | None) -> Checked:
    claims = extractor.text(text, published=published)
    return len(claims), claim_problems(text, claims)


def reading(claims: list[Claim]) -> list[dict]:
    """What claims say, without where they are or how they are written."""
    return [c.model_dump(exclude={"id", "start", "end", "text", "sentence", "sentence_start"}) for c in claims]


def spelling_problems(extractor: Extractor, text: str, hide: list[tuple[int, str]], published: dt.date | None) -> Checked:
    """The text read plain, in NFD, and with format characters put in before ASCII characters
    (`hide`: (where, which)) must say the same things, at offsets into each spelling."""
    plain = unicodedata.normalize("NFC", text)
    hidden_ = plain
    for at, char in sorted({(at % (len(plain) + 1), char) for at, char in hide}, reverse=True):
        if at == len(plain) or plain[at].isascii():
            hidden_ = hidden_[:at] + char + hidden_[at:]
    expected, problems, count = None, [], 0
    for name, spelled in (("NFC", plain), ("NFD", unicodedata.normalize("NFD", plain)), ("hidden", hidden_)):
        claims = extractor.text(spelled, published=published)
        count += len(claims)
        problems += [f"{name}: {p}" for p in claim_problems(spelled, claims)]
        if expected is None:
            expected = reading(claims)
        elif reading(claims) != expected:
            problems.append(f"{name} {spelled!r} reads otherwise than NFC: {reading(claims)} != {expected}")
    return count, problems


def document_problems(extractor: Extractor, head: str, body: str, published: dt.date | None) -> Checked:
    """A document whose body follows front matter: offsets count the front matter too."""
    document = Document(id="d", path="d.md", sha256="0" * 64, text=head + body, body_start=len(head), published=published)
    claims = extractor.document(document).claims
    inside = [f"{c.kind.value} {c.text!r} [{c.start}:{c.end}]: in the front matter" for c in claims if c.start < len(head)]
    return len(claims), claim_problems(document.text, claims) + inside


def file_problems(extractor: Extractor, folder: Path, head: str, body: str) -> Checked:
    """A file read with `read_document`: a `CheckerError` (binary, empty, bad front matter)
    is the expected one-line refusal; any other exception is a bug."""
    path = folder / "fuzz.md"
    path.write_bytes((head + body).encode("utf-8"))
    try:
        document = read_document(path)
    except CheckerError:
        return 0, []
    claims = extractor.document(document).claims
    return len(claims), claim_problems(document.text, claims)


def claim_problems(source: str, claims: list[Claim]) -> list[str]:
    """What is wrong with claims extracted from `source` (empty when they hold every property).

    Offsets inside the text and `text == source[start:end]` (the report
    contract), the sentence found at `sentence_start`, intervals with
    low <= high (numbers, or ISO days), a resolved date that says which days
    it covers, and numbers that survive JSON (a value read as infinity would
    be stored and reported as null)."""
    problems = []
    for c in claims:
        where = f"{c.kind.value} {c.text!r} [{c.start}:{c.end}]"
        if not 0 <= c.start <= c.end <= len(source):
            problems.append(f"{where}: offsets outside the text (length {len(source)})")
        elif source[c.start : c.end] != c.text:
            problems.append(f"{where}: text is not source[start:end] ({source[c.start:c.end]!r})")
        if c.sentence_start < 0 or source[c.sentence_start : c.sentence_start + len(c.sentence)] != c.sentence:
            problems.append(f"{where}: sentence {c.sentence!r} is not at {c.sentence_start}")
        numbers_ = [x for x in (c.value, c.low, c.high) if isinstance(x, float)]
        if any(not math.isfinite(x) for x in numbers_):
            problems.append(f"{where}: value/low/high not finite ({c.value}, {c.low}, {c.high})")
        if c.low is not None and c.high is not None:
            if type(c.low) is not type(c.high):
                problems.append(f"{where}: low {c.low!r} and high {c.high!r} of different types")
            elif not c.low <= c.high:
                problems.append(f"{where}: low {c.low!r} > high {c.high!r}")
        if c.kind is Kind.DATE:
            problems.extend(f"{where}: date {name} {bound!r} is not an ISO day"
                            for name, bound in (("low", c.low), ("high", c.high)) if bound is not None and not _iso_day(bound))
            # a year-less date and a reference to the present or past ("now") name no days
            if isinstance(c.value, str) and not c.value.startswith("--") and not c.time_reference and c.low is None and c.high is None:
                problems.append(f"{where}: date {c.value!r} resolved, but covers no days")
    return problems


def _iso_day(value: str) -> bool:
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
