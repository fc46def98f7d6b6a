"""Reading what follows a number: its unit, the base of a ratio, a rate, or
the noun it counts (`nouns`). Used by the figures component; all words come
from the lexicons (currencies, units, numbers)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from .nouns import NounReader
from .numbers import parse_digits
from .phrases import PhraseTable
from .symbols import SymbolSenses

Unit = tuple[str, str, int, float]  # (kind, unit, end token, factor)
MINOR = 0.01  # a currency's hundredth part: pence, cents


class CurrencySymbols(PhraseTable[str]):
    """Currency symbols and codes written before a number. A one-letter symbol glued to the
    number after a number or a capitalised word is part of a name, not money: "Windows
    Server 2008 R2" holds no rand. A symbol folded to ASCII ("PS" for "£") is money only
    glued to a number that is not a lone digit: "PS2.7m" is, "PS5", "PS 4" and "Y=2x" are not."""

    def __init__(self, nlp: Language, phrases: list[tuple[str, str]], folded: set[str], scales: set[str]):
        super().__init__(nlp, phrases, lower=False)
        self.folded, self.scales = folded, scales

    def named(self, doc: Doc, start: int, end: int) -> bool:
        symbol = doc[start]
        if symbol.text in self.folded:
            return symbol.whitespace_ != "" or end >= len(doc) or self.lone_digit(doc, end)
        if end - start != 1 or len(symbol.text) != 1 or symbol.whitespace_ or start == 0:
            return False
        before = doc[start - 1]
        return before.text[:1].isdigit() or (before.is_title and not before.is_sent_start)

    def lone_digit(self, doc: Doc, i: int) -> bool:
        """A one-digit number without a scale glued after it ("PS5", "Y=2x"; not "PS5m")."""
        token = doc[i]
        after = doc[i + 1] if i + 1 < len(doc) else None
        return len(token.text) == 1 and token.text.isdigit() and (after is None or not (
            after.lower_ in self.scales or (after.text in self.scales and token.whitespace_ == "")))

    def at(self, doc: Doc, start: int) -> tuple[str, int] | None:
        found = super().at(doc, start)
        return None if found is None or self.named(doc, start, found[1]) else found

    def ending_at(self, doc: Doc, end: int) -> tuple[str, int] | None:
        found = super().ending_at(doc, end)
        return None if found is None or self.named(doc, found[1], end) else found


class UnitReader:
    def __init__(self, nlp: Language, lexicon: Lexicon):
        lx, units = lexicon, lexicon.units
        names = lx.currency_names  # a shared name ("$", "francs") is read as its default here; see extract/currency.py
        self.currency_before = CurrencySymbols(nlp, [(n.surface, n.code) for n in names.before], {n.surface for n in names.folded},
                                               {*lx.numbers.scales, *lx.numbers.scale_abbreviations})
        # names after the number, and the symbols a price may also be written with after it ("1,200€")
        symbols = [(n.surface, n.code) for n in names.before if not any(c.isalnum() for c in n.surface)]
        self.currency_after = PhraseTable(nlp, [(n.surface, n.code) for n in names.after] + symbols)
        self.currency_after_scale = PhraseTable(nlp, [(n.surface, n.code) for n in names.after_scale])
        # a one-letter name of a hundredth: "412p", "down 68 p at 1112 p"; not a picture's lines ("1080p")
        self.currency_minor = PhraseTable(nlp, [(n.surface, (n.code, len(n.surface) == 1)) for n in names.minor])
        percent = [(w, ("%", 1.0)) for w in units.percent]
        points = [(w, ("pp", 1.0)) for w in units.percentage_points]
        basis = [(w, ("pp", 0.01)) for w in units.basis_points]
        self.percent = PhraseTable(nlp, percent + points + basis)
        self.bases = PhraseTable(nlp, [(a, b) for b, aliases in units.ratio_bases.items() for a in aliases], lower=False)
        self.possessives = PhraseTable(nlp, {p: True for p in units.possessives})
        self.multipliers = {w.lower() for w in units.ratio_multipliers}
        short = [(f, n) for f, n in lx.measure_of.items() if len(f) <= 3]  # "MW", "C", "hp": case matters
        self.measures_exact = PhraseTable(nlp, short, lower=False)
        self.measures = PhraseTable(nlp, [(f, n) for f, n in lx.measure_of.items() if len(f) > 3])
        self.durations = set(units.durations)
        self.rate_words = {w.lower() for w in units.rate_words}
        self.rate_nouns = PhraseTable(nlp, {n: n for n in units.rate_nouns})
        self.nouns = NounReader(lexicon)
        self.symbols = SymbolSenses(lexicon)
        self.currency_codes = {n.code for n in names.after}  # a sense that names one is money ("paid 20 pounds")
        self.time_after = {"earlier", "ago", "later", "before", "after", "prior", "previously", "since"}  # "a year earlier"
        self.resolutions = {float(r) for r in units.video_resolutions}
        self.metre_after, self.metre_before = {w.lower() for w in units.metre_after}, {w.lower() for w in units.metre_before}

    def unit_after(self, doc: Doc, k: int, scaled: bool) -> Unit | None:
        """The unit starting at token k, or None."""
        if k >= len(doc):
            return None
        if sense := self.symbols.at(doc, k):  # "2.5 F" of a capacitor: farads; "20 kn" of a ship: knots
            return "money" if sense[0] in self.currency_codes else "quantity", sense[0], sense[1], 1.0
        found = self.percent.at(doc, k)
        if found and not self.company(doc, k, found[1]):
            (unit, factor), end = found
            if unit == "%":
                base = self.base_after(doc, end)
                if base:
                    return "percent", f"% of {base[0]}", base[1], factor
            return "percent", unit, end, factor
        found = self.currency_after.at(doc, k) or (self.currency_after_scale.at(doc, k) if scaled else None)
        if found:
            return "money", found[0], found[1], 1.0
        found = self.currency_minor.at(doc, k)
        if found and not (found[0][1] and parse_digits(doc[k - 1].text) in self.resolutions):
            return "money", found[0][0], found[1], MINOR  # "412p", "68 p", "5 pence"; not "1080p"
        if doc[k].lower_ in self.multipliers and (base := self.base_after(doc, k + 1, allow_of=False)):
            return "percent", f"% of {base[0]}", base[1], 100.0
        start = k + 1 if doc[k].text == "-" and doc[k - 1].whitespace_ == "" and not doc[k].whitespace_ else k
        found = self.measure_at(doc, start)
        return ("quantity", found[0], found[1], 1.0) if found else None

    def measure_at(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """The longest unit of measure starting at token k: (its name, end)."""
        return max((m for m in (self.measures_exact.at(doc, k), self.measures.at(doc, k)) if m), key=lambda m: m[1], default=None)

    def company(self, doc: Doc, k: int, end: int) -> bool:
        """"BP" is the company, not basis points, before what it has: "500 BP shares"."""
        if doc[k].text != "BP" or end >= len(doc):
            return False
        after = doc[end]
        return after.lower_ == "'s" or (self.nouns.plural(after) and self.nouns.noun_like(after))

    def metres(self, doc: Doc, num: Span) -> bool:
        """Whether the "m" glued to a number ("45m") is metres: a dimension word after it ("37m
        long", "45m-high"), a length beside it ("37m (121ft)"), or a word before that asks for a
        length ("a fall of about 45m"), unless what fell is named after it ("a fall of 3m in
        passengers"); else it is a million."""
        last = num[-1]
        if last.text != "m" or len(num) < 2 or num[-2].whitespace_:
            return False
        k = num.end + (num.end + 1 < len(doc) and doc[num.end].text in ("-", ")") and not last.whitespace_)
        if k < len(doc) and doc[k].lower_ in self.metre_after:
            return True  # "37m long", "45m-high", "5ft (1.5m) tall"
        if num.start > 1 and doc[num.start - 1].text == "(" and self.measure_ending_at(doc, num.start - 1):
            return True  # "121ft (37m)"
        if k + 2 < len(doc) and doc[k].text == "(" and parse_digits(doc[k + 1].text) is not None:
            beside = self.unit_after(doc, k + 2, False)
            if beside is not None and beside[0] == "quantity":
                return True
        if self.metres_by_form(doc, num, k):
            return True
        if k < len(doc) and doc[k].lower_ in ("in", "of"):
            return False  # "a fall of 3m in passenger numbers": what changed is named after it
        for t in reversed(doc[max(num.sent.start, num.start - 4) : num.start]):
            if t.is_punct:
                break
            if t.lower_ in self.metre_before:
                return True
        return False

    def metres_by_form(self, doc: Doc, num: Span, k: int) -> bool:
        """"m" as metres by how the figure is written: a thousand or more with nothing counted
        after it ("reached 8,000m", "won the 10,000m"): a thousand millions is written "bn",
        and "1,200m people" still counts people."""
        after = doc[k] if k < len(doc) else None
        counted = after is not None and (self.nouns.plural(after) or self.currency_after.at(doc, k) is not None)
        return num._.number >= 1e9 and not counted

    def measure_ending_at(self, doc: Doc, end: int) -> bool:
        """Whether a unit of measure ends just before token `end` ("121ft" before "(37m)")."""
        return bool(self.measures_exact.ending_at(doc, end) or self.measures.ending_at(doc, end))

    def base_after(self, doc: Doc, k: int, allow_of: bool = True) -> tuple[str, int] | None:
        """A ratio base such as GDP after "of"/a possessive: (base, end)."""
        if allow_of:
            if k >= len(doc) or doc[k].lower_ != "of":
                return None
            k += 1
        poss = self.possessives.at(doc, k) if k < len(doc) else None
        if poss:
            k = poss[1]
        return self.bases.at(doc, k) if k < len(doc) else None

    def base_before(self, doc: Doc, start: int) -> str | None:
        """A ratio base named just before ("debt-to-GDP ratio exceeding 250%")."""
        first = max(doc[start].sent.start, start - 8)
        for i in range(start - 1, first - 1, -1):
            if doc[i].is_punct and doc[i].text != "-":
                first = i + 1  # the base must be named in the same clause
                break
        window = doc[first:start]
        lowers = [t.lower_ for t in window]
        for i in range(len(window)):
            found = self.bases.at(doc, window.start + i)
            if found and "ratio" in lowers[i:]:
                return found[0]
        return None

    def rate_after(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """A period that makes the figure a rate ("a week", "per year", "barrel-a-day", "9 billion
        shekels ($2.4 billion) a year"): (period, end); not a time ("a year earlier")."""
        if k + 1 >= len(doc):
            return None
        word = doc[k].text
        if word == "(":
            k = self.past_aside(doc, k)
            word = doc[k].text if k < len(doc) else ""
        glued = word == "-" and k + 2 < len(doc) and not doc[k].whitespace_
        k += glued
        if k + 1 < len(doc) and doc[k].lower_ in self.rate_words:
            j = k + 1 + (glued and doc[k + 1].text == "-")  # "barrel-a-day"
            unit = self.measures.at(doc, j) or self.measures_exact.at(doc, j) or self.rate_nouns.at(doc, j)
            if unit and not (unit[1] < len(doc) and doc[unit[1]].lower_ in self.time_after):
                return unit[0], unit[1]
        return None

    def rate_base(self, doc: Doc, k: int, numbers: dict[int, Span]) -> tuple[str, int] | None:
        """A rate per a number of something ("5.2 deaths per 100,000 people", "6 litres per
        100 km", "4 per 1,000 live births"): (the base as "100000 people", end), or None."""
        if k + 1 >= len(doc) or (base := numbers.get(k + 1)) is None:
            return None
        glued_slash = doc[k].text == "/" and not doc[k - 1].whitespace_ and not doc[k].whitespace_  # not "224 kW / 300 PS"
        if not (doc[k].lower_ == "per" or glued_slash):
            return None
        value = base._.number
        if not (value >= 10 and float(value).is_integer()):
            return None
        amount = f"{value:.0f}"
        unit = self.unit_after(doc, base.end, base._.scale != 1.0)
        if unit is not None and unit[0] == "quantity":
            return f"{amount} {unit[1]}", unit[2]
        noun = self.nouns.counted(doc, base.end, value)
        return (f"{amount} {noun[0]}", noun[1]) if noun else (amount, base.end)

    @staticmethod
    def past_aside(doc: Doc, k: int) -> int:
        """Past a short aside in brackets at token k ("($2.4 billion)") that stands between a
        figure and its rate."""
        for i in range(k + 1, min(k + 8, len(doc))):
            if doc[i].text == ")":
                return i + 1
        return k
