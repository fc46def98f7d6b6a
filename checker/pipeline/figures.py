"""Money, percentages, quantities and counts, normalized to intervals.

For every number the `checker_numbers` component found, this component reads
the words around it: a currency symbol, sign or qualifier before
("approximately $550 billion", "-1.3%"), a unit after ("790 trillion yen",
"15 per cent", "25 basis points", "2% of GDP", "120 mph", "40 ships"), a
rate ("a year"), a second number making a range ("between 3% and 4%",
"$1-2 billion"). It also reads ratios written in words ("twice its GDP") and
vague magnitudes ("thousands of job cuts"). Results go to
`doc.spans["figures"]`, each with a `Reading`. Numbers that are years, parts of
dates, labels, parts of names ("Section 427", "F-35"), licences, phone
numbers or times of day are left out (see `exclusions`), and so are the
tokens of the times the `checker_times` component found before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, load_lexicon
from .ages import AgeReader, followed_by_old
from .exclusions import Exclusions
from .numbers import Phrases, parse_digits
from .pairs import Joined, Pairs, is_year
from .parallel import parallel_units
from .phrases import PhraseTable
from .readings import Reading, interval, register_extensions, round_bound
from .scan import Words, positions, starts_number
from .slash_fractions import SlashFractions
from .units import Unit, UnitReader

_SIGNS = {"-": -1.0, "−": -1.0, "–": -1.0, "+": 1.0}
# a race time: h:mm:ss ("2:04:51") or m:ss.ss ("3:43.13"); h:mm alone is a time of day
_RACE_TIME = re.compile(r"^(?:(\d{1,2}):([0-5]\d):([0-5]\d(?:\.\d+)?)|(\d{1,2}):([0-5]\d\.\d+))$")


class FigureFinder:
    """Turn number spans into money/percent/quantity/count readings."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        lx = lexicon
        self.units = UnitReader(nlp, lexicon)
        self.ages = AgeReader(lexicon, self.units.nouns)
        self.tolerance = lx.qualifiers.tolerance
        self.qualifiers = PhraseTable(nlp, lx.qualifier_mode)
        self.excluded = Exclusions(lexicon, self.qualifiers)
        self.pairs = Pairs(self.units, lexicon, self.qualifiers)
        self.slash_fractions = SlashFractions(self.units, self.qualifiers, self.tolerance)
        # "the 1988 second quarter": "second" there is no unit of time
        self.quarter_names = PhraseTable(nlp, {w: q for q, words in lx.dates.quarters.items() for w in words})
        self.share_words = Words(["out", "in"])  # "one out of three", "one in five"
        self.colon = Words([":"])  # a list's colon, "21 people dead: nine in Cagayan, ..."
        self.fraction_ends = Words(words.split()[-1] for words in lx.numbers.fractions)  # "half" of "and a half"
        self.ratio_words = {w.lower(): v for w, v in lx.units.ratio_words.items()}
        self.vague = PhraseTable(nlp, {k: tuple(v) for k, v in lx.numbers.vague.items()})
        self.vague_first, self.ratio_word_set = Words(self.vague.from_first), Words(self.ratio_words)
        self.fractions = PhraseTable(nlp, lx.units.fraction_words)
        self.fraction_first = Words(self.fractions.from_first)
        self.fraction_not_after = {w.lower() for w in lx.units.fraction_not_after}
        self.and_fractions = Phrases(lx.numbers.fractions)  # "two hours and a half", "a mile and a half"
        self.articles = Words(lx.numbers.article_as_one)
        self.negative = {w.lower() for w in lx.numbers.negative_words}
        self.ago = set(lx.dates.ago_words)
        self.durations = set(lx.units.durations)
        self.units_before = {w.lower() for w in lx.units.units_before}

    def __call__(self, doc: Doc) -> Doc:
        # a time of day's tokens are the times component's: "at 1500 hours" is no quantity,
        # "ten past seven" no count
        used: set[int] = {i for span in doc.spans.get("times", []) for i in range(span.start, span.end)}
        numbers = {span.start: span for span in doc.spans.get("numbers", []) if span.start not in used}
        figures: list[Span] = list(self.fractions_in(doc, used, numbers))  # before "two" of "two-thirds" is a count
        figures += self.slash_fractions(doc, used)  # before "2" of "2 1/2 pounds" is a count
        figures += self.shares_in(doc, numbers)  # before "three" of "one in three" is a count
        used.update(i for span in figures for i in range(span.start, span.end))
        for start in sorted(numbers):
            if start in used:
                continue
            span = self.read(doc, numbers[start], numbers, used)
            if span is not None:
                figures.append(span)
                used.update(range(span.start, span.end))
        figures.extend(self.ratio_words_in(doc, used))
        figures.extend(self.race_times_in(doc, used))
        figures.extend(self.one_and_a_fraction_in(doc, used))
        figures.extend(self.vague_in(doc, used))
        figures.extend(self.list_parts(doc, figures, numbers, used))
        figures = sorted(figures, key=lambda s: (s.start, s.end))
        parallel_units(figures, self.durations, self.pairs.amount_of_change)
        doc.spans["figures"] = figures
        return doc

    # -- the words before a number -----------------------------------------------------------
    def sign_before(self, doc: Doc, start: int) -> tuple[float, int]:
        """(sign, new start) for "-1.3%", "+0.2%", "minus 5", "minus-5"; (1, start) otherwise."""
        if start > 0 and doc[start - 1].text in _SIGNS and not doc[start - 1].whitespace_:
            k = start - 2
            if k < 0 or doc[k].whitespace_ or doc[k].text in "($" or doc[k].lower_ in self.negative:
                start -= 1
                sign = _SIGNS[doc[start].text]
                if k >= 0 and doc[k].lower_ in self.negative and not doc[k].whitespace_:
                    return -1.0, k  # "minus-5"
                return sign, start
        if start > 0 and doc[start - 1].lower_ in self.negative:
            return -1.0, start - 1
        return 1.0, start

    # -- one figure ---------------------------------------------------------------------------
    def read(self, doc: Doc, num: Span, numbers: dict[int, Span], used: set[int]) -> Span | None:
        sign, left = self.sign_before(doc, num.start)
        currency = None
        found = self.units.currency_before.ending_at(doc, left)
        if found:
            currency, left = found
            if sign == 1.0:
                sign, left = self.sign_before(doc, left)  # "-$5 million"
        value, scale = num._.number, num._.scale
        value, scaled, unit = self.unit_of(doc, num, (value, scale), numbers, currency is not None)
        end = first_end = unit[2] if unit else num.end
        if unit and unit[0] == "quantity" and float(value).is_integer() and (half := self.and_fractions.at(doc, end)):
            value, end = value + half[0], half[1]  # "two hours and a half"
        rng = self.pairs.after(doc, num, unit, numbers, left, currency is not None)
        low_value, high_value, previous, qualifier, mode = value, value, None, None, None
        if rng is not None and rng.change:  # the new level is the figure, the old one beside it
            previous, value = value * self.pairs.change_scale(num, rng.second), rng.second._.number
            previous, sign = sign * previous, self.sign_before(doc, rng.second.start)[0]
            left, qualifier, mode = rng.opener, rng.qualifier, rng.mode
        elif rng is not None:
            high_value, low_value = rng.second._.number, value * self.pairs.shared_scale(num, rng.second)
            left, qualifier = (rng.opener, doc[rng.opener].lower_) if rng.opener is not None else (left, rng.joiner)
        else:
            found = self.qualifiers.ending_at(doc, left)
            duration = unit is not None and unit[0] == "quantity" and unit[1] in self.durations
            if found and not (duration and doc[found[1]].lower_ == "over"):  # "over five years": during
                mode, qstart = found
                qualifier, left = doc[qstart:left].text.lower(), qstart
        if rng is not None:
            unit = rng.unit or unit
            end = rng.unit[2] if rng.unit else rng.second.end
            used.update(range(rng.second.start, rng.second.end))
        if unit and unit[0] == "quantity" and end < len(doc) and doc[end].lower_ in self.ago:
            return None  # "two years ago": a date
        kind, unit_name, factor = None, None, 1.0
        if currency:
            kind, unit_name = "money", currency
            if unit and unit[0] == "money":
                end = unit[2]
        elif unit:
            kind, unit_name, _, factor = unit
            if unit_name == "year" and followed_by_old(doc, end):
                unit_name = "year of age"  # "the 59-year-old": the age "Chohan, 59" gives
        elif left > 0 and doc[left - 1].lower_ in self.units_before:
            kind, unit_name, left = "quantity", doc[left - 1].lower_, left - 1  # "a magnitude 6.4 earthquake"
        else:
            if rng is None and not scaled and is_year(value) and "," not in num.text and sign == 1.0:
                return None  # a year: the date component reads it
            if self.excluded(doc, num.start, rng.second.end if rng else num.end, ranged=rng is not None):
                return None
            if self.ages(doc, num):
                kind, unit_name = "quantity", "year of age"
                span = Span(doc, num.start, num.end, label="QUANTITY")
                span._.reading = Reading(kind, value, value, value, unit_name)
                return span
            found = self.count(doc, num, (value, scaled), (end, left), qualifier, rng)
            if found is None:
                return None
            kind, unit_name, end, factor = found
        if kind == "percent" and unit_name == "%":
            base = self.units.base_before(doc, left)
            unit_name = f"% of {base}" if base else unit_name
        rate = self.units.rate_after(doc, end)  # "a year" is read, not included in the span
        if rate is None and rng is not None and rng.change:
            rate = self.units.rate_after(doc, first_end)  # "from $60 a barrel to $45"
        if rate is None and (rate := self.units.rate_base(doc, end, numbers)) is not None:
            used.update(range(end, rate[1]))  # "per 100,000 people" is no figure of its own
        per = rate[0] if rate else None
        if rng is not None and not rng.change:  # the sign is the first number's: "-3 to 5%" runs from -3 to 5
            low, high, stated = round_bound(sign * low_value * factor), round_bound(high_value * factor), None
        else:
            stated = round_bound(sign * value * factor)
            low, high = interval(stated, mode, self.tolerance)
        span = Span(doc, left, end, label=kind.upper())
        previous = round_bound(previous * factor) if previous is not None else None
        span._.reading = Reading(kind, stated, low, high, unit_name, qualifier, per=per, previous=previous)
        return span

    def unit_of(self, doc: Doc, num: Span, number: tuple[float, float], numbers: dict[int, Span],
                money: bool) -> tuple[float, bool, Unit | None]:
        """(value, scaled, unit) of a number from the words after it: "m" read as metres where it
        measures ("a fall of 45m"), else the unit written after it, else its alternative's ("eight
        or nine euros")."""
        value, scale = number
        if not money and scale == 1e6 and self.units.metres(doc, num):
            return round_bound(value / scale), False, ("quantity", "metre", num.end, 1.0)
        unit = self.units.unit_after(doc, num.end, scale != 1.0)
        if unit is not None and unit[0] == "quantity" and self.quarter_names.at(doc, num.end):
            unit = None  # "the 1988 second quarter"
        return value, scale != 1.0, unit or (None if money else self.pairs.alternative(doc, num, numbers))

    def count(self, doc: Doc, num: Span, number: tuple[float, bool], bounds: tuple[int, int], qualifier: str | None,
              rng: Joined | None):
        """What a number without a unit counts: (kind, counted noun or None, end, factor), or
        None when it is no figure ("one of the", "two" alone). A measure after a modifier is
        the figure's unit ("517 rushing yards")."""
        (value, scaled), (end, left) = number, bounds
        noun = self.units.nouns.counted(doc, end, value)
        partitive = end < len(doc) and doc[end].lower_ == "of" and value >= 2  # "seven of the nine members"
        level = (rng is not None and rng.change) or self.change_level(doc, left, value, qualifier) or (
            self.pairs.amount_of_change(doc, left))  # "has risen to six", "profit fell 5"
        described = self.units.nouns.describes(doc, end) or (  # "two new 737 Max jets", "4 per 1,000 births"
            end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].like_num)
        if noun is None:
            if parse_digits(num[0].text) is None and not (scaled or partitive or level or described):
                return None
            if not (scaled or qualifier or partitive or level or described or rng is not None or value >= 10 or "." in num.text):
                return None
            return "count", None, end, 1.0
        measure = self.units.measure_at(doc, noun[1] - 1)
        if measure is not None and measure[1] == noun[1]:
            return "quantity", measure[0], noun[1], 1.0
        return "count", noun[0], noun[1], 1.0

    def change_level(self, doc: Doc, left: int, value: float, qualifier: str | None) -> bool:
        """A level a change went from or to, written as a bare word: "the death toll has risen
        to six", "up from nine on Monday", "from sixty-five to sixty-seven"."""
        if value < 2 or qualifier is not None or left == 0 or doc[left - 1].lower_ not in ("to", "from"):
            return False
        return self.pairs.change_before(doc, left - 1)

    # -- figures not written with a number -----------------------------------------------
    def ratio_words_in(self, doc: Doc, used: set[int]) -> Iterator[Span]:
        """'twice its GDP': a ratio written with a word that is not a number."""
        for i in positions(self.ratio_word_set.mask(doc)):
            token = doc[i]
            factor = self.ratio_words.get(token.lower_)
            base = self.units.base_after(doc, token.i + 1, allow_of=False) if factor else None
            if base is None or token.i in used:
                continue
            left, mode, qualifier = token.i, None, None
            found = self.qualifiers.ending_at(doc, left)
            if found:
                mode, left = found
                qualifier = doc[left : token.i].text.lower()
            stated = round_bound(factor * 100)
            span = Span(doc, left, base[1], label="PERCENT")
            span._.reading = Reading("percent", stated, *interval(stated, mode, self.tolerance), f"% of {base[0]}", qualifier)
            yield span

    def qualifier_before(self, doc: Doc, i: int) -> tuple[int, str | None, str | None]:
        """(where the figure starts, interval mode, qualifier words) for one starting at token i
        that a qualifier may precede ("about a quarter", "under 3:43.13")."""
        found = self.qualifiers.ending_at(doc, i)
        if found is None:
            return i, None, None
        return found[1], found[0], doc[found[1] : i].text.lower()

    def fractions_in(self, doc: Doc, used: set[int], numbers: dict[int, Span]) -> Iterator[Span]:
        """"accounted for a quarter of the vehicles", "down by about a quarter", "cut by half": a
        fraction in words as a percentage, when it is a share or the size of a change; not part
        of a longer number ("a quarter of a million")."""
        end = 0
        for i in positions(self.fraction_first.mask(doc)):
            found = self.fractions.at(doc, i) if i >= end else None
            if found is None or any(k in used for k in range(i, found[1])) or (i in numbers and numbers[i].end > found[1]):
                continue
            share, end = found
            left, mode, qualifier = self.qualifier_before(doc, i)
            before = doc[left - 1].lower_ if left > 0 else ""
            if before in self.fraction_not_after or not (before == "by" or (end < len(doc) and doc[end].lower_ == "of")):
                continue
            unit, end = self.point_after(doc, end)
            stated = round_bound(share if unit == "%" else share / 100)
            span = Span(doc, left, end, label="PERCENT")
            span._.reading = Reading("percent", stated, *interval(stated, mode, self.tolerance), unit, qualifier)
            yield span

    def point_after(self, doc: Doc, end: int) -> tuple[str, int]:
        """A fraction of a percentage point ("raised rates by a quarter point", "by half a
        percentage point"): ("pp", past the point); else ("%", end), a share."""
        found = self.units.percent.at(doc, end)
        if found is not None and found[0] == ("pp", 1.0):
            return "pp", found[1]
        if end < len(doc) and doc[end].lower_ in ("point", "points"):
            return "pp", end + 1
        return "%", end

    def shares_in(self, doc: Doc, numbers: dict[int, Span]) -> list[Span]:
        """"One out of three Germans", "one in five adults", "9 out of 10": a share, as a percentage."""
        shares, ends = [], set(positions(self.share_words.mask(doc)))
        for start, num in numbers.items():
            if num.end not in ends:
                continue
            k = num.end + (num.end + 1 < len(doc) and doc[num.end].lower_ == "out")
            whole = numbers.get(k + 1) if k < len(doc) and doc[k].lower_ in ("of", "in") else None
            if whole is None or (k == num.end and doc[k].lower_ != "in") or not 0 < num._.number < whole._.number:
                continue
            if is_year(whole._.number) or not float(whole._.number).is_integer() or self.units.unit_after(doc, whole.end, False):
                continue  # "2 in 2020", "1 in 2.5", "fell 5 in 10 minutes"
            left, mode, qualifier = self.qualifier_before(doc, start)
            stated = round_bound(num._.number / whole._.number * 100)
            span = Span(doc, left, whole.end, label="PERCENT")
            span._.reading = Reading("percent", stated, *interval(stated, mode, self.tolerance), "%", qualifier)
            shares.append(span)
        return shares

    def one_and_a_fraction_in(self, doc: Doc, used: set[int]) -> Iterator[Span]:
        """"a mile and a half", "an hour and a half": one of a unit and a fraction."""
        if not self.fraction_ends.mask(doc).any():
            return  # no "... and a half" anywhere
        for i in positions(self.articles.mask(doc)):
            unit = self.units.unit_after(doc, i + 1, False) if i not in used else None
            half = self.and_fractions.at(doc, unit[2]) if unit and unit[0] == "quantity" else None
            if half is None or any(k in used for k in range(i, half[1])):
                continue
            left, mode, qualifier = self.qualifier_before(doc, i)
            stated = round_bound((1 + half[0]) * unit[3])
            span = Span(doc, left, half[1], label="QUANTITY")
            span._.reading = Reading("quantity", stated, *interval(stated, mode, self.tolerance), unit[1], qualifier)
            used.update(range(left, half[1]))
            yield span

    def race_times_in(self, doc: Doc, used: set[int]) -> Iterator[Span]:
        """"won in 2:04:51", "a record of 3:43.13": a duration on a clock, in seconds."""
        for i in positions(starts_number(doc)):
            m = None if i in used else _RACE_TIME.match(doc[i].text)
            if m is None or (i > 0 and doc[i - 1].lower_ == "at"):  # "at 14:30:05" is a time of day
                continue
            hours, minutes, seconds = (m.group(1), m.group(2), m.group(3)) if m.group(1) else ("0", m.group(4), m.group(5))
            stated = round_bound(int(hours) * 3600 + int(minutes) * 60 + float(seconds))
            left, mode, qualifier = self.qualifier_before(doc, i)
            span = Span(doc, left, i + 1, label="QUANTITY")
            span._.reading = Reading("quantity", stated, *interval(stated, mode, self.tolerance), "second", qualifier)
            yield span

    def list_parts(self, doc: Doc, figures: list[Span], numbers: dict[int, Span], used: set[int]) -> Iterator[Span]:
        """"21 people dead: nine in Cagayan, eight in Isabela and two in Aurora": after a
        count and a colon, the bare numbers of the list count the same thing."""
        if not self.colon.mask(doc).any():
            return
        for whole in list(figures):
            reading = whole._.reading
            if reading.kind != "count" or reading.unit is None:
                continue
            colon = next((t.i for t in doc[whole.end : whole.sent.end] if t.text in (":", ";", ".")), None)
            if colon is None or doc[colon].text != ":":
                continue
            parts, i = [], colon + 1
            while i < whole.sent.end:
                num = numbers.get(i)
                if num is not None and i not in used and not self.units.nouns.counted(doc, num.end):
                    parts.append(num)
                if doc[i].text in (";", "."):
                    break
                i = num.end if num is not None else i + 1
            if len(parts) < 2:
                continue
            for num in parts:
                span = Span(doc, num.start, num.end, label="COUNT")
                span._.reading = Reading("count", num._.number, num._.number, num._.number, reading.unit)
                used.update(range(num.start, num.end))
                yield span

    def vague_in(self, doc: Doc, used: set[int]) -> Iterator[Span]:
        """'thousands of job cuts', 'tens of millions of dollars': a range of magnitude."""
        end = 0
        for i in positions(self.vague_first.mask(doc)):  # the tokens a vague phrase can start at
            if i < end or i in used:
                continue
            found = self.vague.at(doc, i)
            if not found:
                continue
            (low, high), end = found
            money = self.units.currency_after.at(doc, end)
            kind, unit = ("money", money[0]) if money else ("count", None)
            if money:
                end = money[1]
            else:
                noun = self.units.nouns.counted(doc, end)
                unit, end = (noun[0], noun[1]) if noun else (None, end)
            span = Span(doc, i, end, label=kind.upper())
            span._.reading = Reading(kind, None, float(low), float(high), unit, doc[i:found[1]].text.lower())
            yield span


@Language.factory("checker_figures", default_config={"lexicon_dir": None})
def make_figure_finder(nlp: Language, name: str, lexicon_dir: str | None) -> FigureFinder:
    register_extensions()
    return FigureFinder(nlp, load_lexicon(lexicon_dir))
