"""Money, percentages, quantities and counts, normalized to intervals.

For every number the `checker_numbers` component found, this component reads
the words around it: a currency symbol or qualifier before ("approximately
$550 billion"), a unit after ("790 trillion yen", "15 per cent", "25 basis
points", "2% of GDP", "120 mph", "40 ships"), a second number making a range
("between 3% and 4%", "$1-2 billion"). Results go to `doc.spans["figures"]`,
each with a `Reading`. Numbers that are years, parts of dates, ordinals, parts
of names ("Section 427", "F-35"), licences or times of day are left out.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, load_lexicon
from .numbers import parse_digits
from .phrases import PhraseTable
from .readings import Reading, register_extensions

_YEARS = range(1800, 2101)
_TIME_MARKERS = {"am", "pm", "a.m.", "p.m.", "gmt", "utc", "et", "est", "edt", "bst", "cet", "o'clock", "hrs"}


def round_bound(x: float | None) -> float | None:
    """Drop float noise from a computed bound (0.9 * 550e9 -> 495e9 exactly)."""
    return None if x is None else float(f"{x:.12g}")


def interval(value: float, mode: str | None, tolerance: float) -> tuple[float | None, float | None]:
    """The interval a qualifier makes of a value."""
    lo, hi = {
        None: (value, value),
        "approximate": (value * (1 - tolerance), value * (1 + tolerance)),
        "near_below": (value * (1 - tolerance), value),
        "above": (value, None),
        "at_least": (value, None),
        "below": (None, value),
        "at_most": (None, value),
    }[mode]
    return round_bound(lo), round_bound(hi)


class FigureFinder:
    """Turn number spans into money/percent/quantity/count readings."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        lx, units = lexicon, lexicon.units
        self.tolerance = lx.qualifiers.tolerance
        self.qualifiers = PhraseTable(nlp, lx.qualifier_mode)
        self.openers = set(lx.qualifiers.range_openers)
        self.joiners = set(lx.qualifiers.range_joiners)
        self.currency_before = PhraseTable(
            nlp, [(s, c.code) for c in lx.currencies.currencies for s in c.before], lower=False
        )
        self.currency_after = PhraseTable(nlp, [(s, c.code) for c in lx.currencies.currencies for s in c.after])
        self.currency_after_scale = PhraseTable(
            nlp, [(s, c.code) for c in lx.currencies.currencies for s in c.after_scale]
        )
        percent = [(w, ("%", 1.0)) for w in units.percent]
        points = [(w, ("pp", 1.0)) for w in units.percentage_points]
        basis = [(w, ("pp", 0.01)) for w in units.basis_points]
        self.percent = PhraseTable(nlp, percent + points + basis)
        self.bases = PhraseTable(nlp, [(a, base) for base, aliases in units.ratio_bases.items() for a in aliases], lower=False)
        self.possessives = PhraseTable(nlp, {p: True for p in units.possessives})
        self.ratio_words = {w.lower(): v for w, v in units.ratio_words.items()}
        self.multipliers = {w.lower() for w in units.ratio_multipliers}
        exact = [(f, name) for f, name in lx.measure_of.items() if len(f) <= 3 or not f.islower()]
        self.measures_exact = PhraseTable(nlp, exact, lower=False)
        self.measures = PhraseTable(nlp, [(f, n) for f, n in lx.measure_of.items() if (f, n) not in exact])
        self.months = set(lx.month_of)
        self.scales = set(lx.numbers.scales) | set(lx.numbers.scale_abbreviations)
        self.ago = set(lx.dates.ago_words)
        self.labels = {w.lower() for w in units.label_words}
        self.addresses = set(units.address_words)
        self.adjectives = {w.lower() for w in units.count_adjectives}
        self.durations = set(units.durations)

    # -- reading the words after a number -------------------------------------------------
    def unit_after(self, doc: Doc, k: int, scaled: bool) -> tuple[str, str, int, float] | None:
        """(kind, unit, end, factor) for a unit starting at token k, or None."""
        if k >= len(doc):
            return None
        found = self.percent.at(doc, k)
        if found:
            (unit, factor), end = found
            if unit == "%":
                base = self.base_after(doc, end)
                if base:
                    return "percent", f"% of {base[0]}", base[1], factor
            return "percent", unit, end, factor
        found = self.currency_after.at(doc, k) or (self.currency_after_scale.at(doc, k) if scaled else None)
        if found:
            return "money", found[0], found[1], 1.0
        if doc[k].lower_ in self.multipliers:
            base = self.base_after(doc, k + 1, allow_of=False)
            if base:
                return "percent", f"% of {base[0]}", base[1], 100.0
            return None
        start = k + 1 if doc[k].text == "-" and doc[k - 1].whitespace_ == "" and not doc[k].whitespace_ else k
        found = max(
            (m for m in (self.measures_exact.at(doc, start), self.measures.at(doc, start)) if m),
            key=lambda m: m[1], default=None,
        )
        if found:
            return "quantity", found[0], found[1], 1.0
        return None

    def base_after(self, doc: Doc, k: int, allow_of: bool = True) -> tuple[str, int] | None:
        """A ratio base such as GDP after "of"/a possessive: (base, end)."""
        if allow_of:
            if k >= len(doc) or doc[k].lower_ != "of":
                return None
            k += 1
        poss = self.possessives.at(doc, k) if k < len(doc) else None
        if poss:
            k = poss[1]
        found = self.bases.at(doc, k) if k < len(doc) else None
        return found

    def base_before(self, doc: Doc, start: int) -> str | None:
        """A ratio base named just before ("debt-to-GDP ratio exceeding 250%")."""
        first = max(doc[start].sent.start, start - 8)
        for i in range(start - 1, first - 1, -1):
            if doc[i].is_punct and doc[i].text != "-":
                first = i + 1  # the base must be named in the same clause
                break
        window = doc[first:start]
        lowers = [t.lower_ for t in window]
        if "ratio" not in lowers:
            return None
        for i in range(len(window)):
            found = self.bases.at(doc, window.start + i)
            if found and "ratio" in lowers[i:]:
                return found[0]
        return None

    # -- deciding what a bare number is ----------------------------------------------------
    def is_excluded(self, doc: Doc, start: int, end: int, ranged: bool) -> bool:
        """Day numbers, times, labels, identifiers, addresses, licences: not figures."""
        first, last = doc[start], doc[end - 1]
        if end < len(doc):
            after = doc[end]
            if after.lower_ in _TIME_MARKERS or after.text in self.months:
                return True
            if last.whitespace_ == "" and after.is_alpha and after.text not in self.scales:
                return True  # 5G, 4K
            if after.is_title and end + 1 < len(doc) and doc[end + 1].text in self.addresses:
                return True  # 10 Downing Street
        if self._glued_left(doc, start) or (not ranged and self._glued_right(doc, end)):
            return True  # 555-0199, 737-800, 2025-10-28
        if any(0 <= k < len(doc) and parse_digits(doc[k].text) is not None for k in (start - 1, end)):
            return True  # digit groups in a row: 1300 555 017
        if start > 0:
            before = doc[start - 1]
            if before.text in self.months or (before.lower_ in self.labels and not first.is_sent_start):
                return True
            if before.is_alpha and any(c.isupper() for c in before.text[1:]) and not before.is_sent_start:
                return True  # iPhone 16, FTSE 100
            if before.text.upper() == "BY" and start > 1 and doc[start - 2].text.upper().startswith("CC"):
                return True  # CC BY 4.0
            if (
                not before.is_sent_start
                and before.is_title
                and before.is_alpha
                and before.lower_ not in STOP_WORDS
                and self.qualifiers.ending_at(doc, start) is None
            ):
                return True  # Section 427, Boeing 737, Article 5
            opens_sentence = all(t.is_punct for t in doc[first.sent.start : start])  # "**Boats.** Two dozen"
            if first.text[0].isupper() and first.is_alpha and not opens_sentence:
                return True  # Air Force One, the Group of Seven
        return False

    @staticmethod
    def _glued_left(doc: Doc, start: int) -> bool:
        """Whether digits and a hyphen are glued before the number ("2025-10")."""
        if start < 2:
            return False
        dash, other = doc[start - 1], doc[start - 2]
        return dash.text in "-–" and not dash.whitespace_ and not other.whitespace_ and other.text[-1:].isdigit()

    @staticmethod
    def _glued_right(doc: Doc, end: int) -> bool:
        """Whether a hyphen and digits are glued after the number ("555-0199")."""
        if end + 1 >= len(doc):
            return False
        dash, other = doc[end], doc[end + 1]
        return dash.text in "-–" and not doc[end - 1].whitespace_ and not dash.whitespace_ and other.text[:1].isdigit()

    def counted_noun(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """The noun a count counts, if the next token looks like one."""
        if k >= len(doc):
            return None
        t = doc[k]
        if t.lower_ in self.adjectives and k + 1 < len(doc) and doc[k + 1].is_alpha and doc[k + 1].is_lower:
            k, t = k + 1, doc[k + 1]  # "four different bosses"
        if not self.noun_like(t):
            return None
        nxt = doc[k + 1] if k + 1 < len(doc) else None
        plural = nxt is not None and nxt.lower_.endswith("s") and nxt.lemma_ != nxt.lower_
        if plural and t.lemma_ == t.lower_ and self.noun_like(nxt):
            return f"{t.lower_} {nxt.lemma_.lower()}", k + 2  # "88 fighter jets" -> fighter jet
        return (t.lemma_ or t.lower_).lower(), k + 1

    def noun_like(self, t) -> bool:
        """A lower-case content word that is not a verb form or a qualifier."""
        if not (t.is_alpha and t.is_lower) or t.is_stop or (t.lower_,) in self.qualifiers.table:
            return False
        return not (t.lower_.endswith(("ed", "ing", "ly")) and not t.lower_.endswith(("ling", "thing", "ring")))

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        numbers = {span.start: span for span in doc.spans.get("numbers", [])}
        figures: list[Span] = []
        used: set[int] = set()
        for start in sorted(numbers):
            if start in used:
                continue
            span = self.read(doc, numbers[start], numbers, used)
            if span is not None:
                figures.append(span)
                used.update(range(span.start, span.end))
        figures.extend(self.ratio_words_in(doc, used))
        doc.spans["figures"] = sorted(figures, key=lambda s: (s.start, s.end))
        return doc

    def read(self, doc: Doc, num: Span, numbers: dict[int, Span], used: set[int]) -> Span | None:
        value, scaled = num._.number, num._.scale != 1.0
        left = num.start
        currency = None
        found = self.currency_before.ending_at(doc, left)
        if found:
            currency, left = found
        unit = self.unit_after(doc, num.end, scaled)
        end = unit[2] if unit else num.end
        low_value, high_value, qualifier, mode = value, value, None, None
        # a range: "10-15%", "between 3 and 4 percent", "$1-2 billion", "1 to 2 million"
        rng = self.range_after(doc, num, end if unit else num.end, numbers, left)
        if rng is not None:
            second, unit2, joiner, opener_start = rng
            if unit is None or unit2 is None or unit[:2] == unit2[:2]:
                high_value = second._.number
                if not scaled and second._.scale != 1.0:
                    low_value = value * second._.scale  # "$1-2 billion": the scale serves both
                unit = unit2 or unit
                end = unit2[2] if unit2 else second.end
                if opener_start is not None:
                    left, qualifier = opener_start, doc[opener_start].lower_
                else:
                    qualifier = joiner
                used.update(range(second.start, second.end))
            else:
                rng = None
        if rng is None and qualifier is None:
            found = self.qualifiers.ending_at(doc, left)
            duration = unit is not None and unit[0] == "quantity" and unit[1] in self.durations
            if found and not (duration and doc[found[1]].lower_ == "over"):  # "over five years": during
                mode, qstart = found
                qualifier, left = doc[qstart:left].text.lower(), qstart
        if rng is not None and unit is None and not currency and {value, high_value} <= set(_YEARS):
            return None  # "between 2023 and 2025": a span of years, read as a date
        if unit and unit[0] == "quantity" and end < len(doc) and doc[end].lower_ in self.ago:
            return None  # "two years ago": a date
        kind, unit_name, factor = None, None, 1.0
        if currency:
            kind, unit_name = "money", currency
            if unit and unit[0] == "money":
                end = unit[2]
        elif unit:
            kind, unit_name, _, factor = unit
        else:
            if rng is None and not scaled and value in _YEARS and float(value).is_integer() and "," not in num.text:
                return None  # a year: the date component reads it
            if self.is_excluded(doc, num.start, num.end, rng is not None):
                return None
            noun = self.counted_noun(doc, end)
            is_words = parse_digits(num[0].text) is None
            partitive = end < len(doc) and doc[end].lower_ == "of" and value >= 2
            if noun:
                unit_name, end = noun
            elif is_words and not scaled and not partitive:
                return None  # "one of the", "two" alone; but "seven of the nine members"
            elif not (scaled or qualifier or partitive or rng is not None or value >= 10 or "." in num.text):
                return None
            kind = "count"
        if kind == "percent" and unit_name == "%":
            base = self.base_before(doc, left)
            if base:
                unit_name = f"% of {base}"
        if rng is not None:
            low, high, stated = round_bound(low_value * factor), round_bound(high_value * factor), None
        else:
            stated = round_bound(value * factor)
            low, high = interval(stated, mode, self.tolerance)
        span = Span(doc, left, end, label=kind.upper())
        span._.reading = Reading(kind=kind, value=stated, low=low, high=high, unit=unit_name, qualifier=qualifier)
        return span

    def range_after(self, doc: Doc, num: Span, k: int, numbers: dict[int, Span], left: int):
        """A second number joined to this one: (span, unit, joiner, opener start) or None."""
        if k + 1 >= len(doc) or doc[k].lower_ not in self.joiners:
            return None
        joiner = doc[k].lower_
        opener = left - 1 if left > 0 and doc[left - 1].lower_ in self.openers else None
        opener_word = doc[opener].lower_ if opener is not None else None
        if joiner == "and" and opener_word != "between":
            return None
        if joiner == "to" and opener_word == "from":
            return None  # "rose from 3% to 4%": a change, two figures
        if joiner == "to" and k != num.end:
            return None  # "9.4 per cent to $84": the first figure has its own unit
        j = k + 1
        symbol = self.currency_before.at(doc, j)
        if symbol:
            j = symbol[1]  # "$1 billion to $2 billion"
        second = numbers.get(j)
        if second is None:
            return None
        if symbol and self.currency_before.ending_at(doc, num.start) is None:
            return None  # "7 to $2.3 billion": only the second is money
        if joiner in "-–—" and (second[0].text.startswith("0") and len(second[0].text) > 1):
            return None  # 555-0199
        first_v, second_v = num._.number, second._.number
        if self._glued_right(doc, second.end):
            return None  # 1-800-555-0100
        if second_v <= first_v * (second._.scale if num._.scale == 1.0 else 1.0):
            return None  # 8911-5061 is no range; nor is "5-3" (a score)
        if first_v in _YEARS and float(first_v).is_integer() and (joiner != "and" or second_v in _YEARS):
            return None  # 2023-2025 is a span of years; "2018 to 3.9 million" is no range
        unit2 = self.unit_after(doc, second.end, second._.scale != 1.0)
        return second, unit2, joiner, opener if opener_word in self.openers else None

    def ratio_words_in(self, doc: Doc, used: set[int]):
        """'twice its GDP': a ratio written with a word that is not a number."""
        for token in doc:
            factor = self.ratio_words.get(token.lower_)
            if factor is None or token.i in used:
                continue
            base = self.base_after(doc, token.i + 1, allow_of=False)
            if not base:
                continue
            left, mode, qualifier = token.i, None, None
            found = self.qualifiers.ending_at(doc, left)
            if found:
                mode, left = found
                qualifier = doc[left : token.i].text.lower()
            stated = round_bound(factor * 100)
            low, high = interval(stated, mode, self.tolerance)
            span = Span(doc, left, base[1], label="PERCENT")
            span._.reading = Reading("percent", stated, low, high, f"% of {base[0]}", qualifier)
            yield span


@Language.factory("checker_figures", default_config={"lexicon_dir": None})
def make_figure_finder(nlp: Language, name: str, lexicon_dir: str | None) -> FigureFinder:
    register_extensions()
    return FigureFinder(nlp, load_lexicon(lexicon_dir))
