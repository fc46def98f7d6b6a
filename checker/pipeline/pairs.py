"""Two numbers joined into one figure: a range ("10-15%", "between 3 and 4 percent",
"$1-2 billion") or a change ("rose from 3% to 4%", "dropping from 208 pounds to 193").

A range is one interval. A change "from X to Y" is one figure too: the new level Y with
the old level X beside it (`Reading.previous`), both in one unit and one scale ("from 4.8
to 4.7 billion" is 4.8 billion), so the old level is never read as a competing figure of
its own and the rule engine can read the change. What stands between the two is allowed
to date or time the old level ("from $36,040 at 10.45pm last night to $34,935").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon
from .exclusions import glued_right
from .phrases import PhraseTable
from .units import Unit, UnitReader

YEARS = range(1500, 2200)
GAP = 6  # the most words between a change's old level and its "to"


def is_year(value: float) -> bool:
    # compared, not `in YEARS`: a float is looked for in a range one element at a time
    return float(value).is_integer() and YEARS.start <= value < YEARS.stop


@dataclass(frozen=True)
class Joined:
    """The second number of a range or change and how it is joined to the first."""

    second: Span
    unit: Unit | None  # the second number's own unit
    joiner: str  # "to", "and", "-"
    opener: int | None  # the token of "between" or "from" that opens it
    change: bool = False  # "from X to Y" a change: the second is the new level
    mode: str | None = None  # a change's new level's qualifier ("from 3% to about 4%"): its interval mode
    qualifier: str | None = None  # and its words


class Pairs:
    def __init__(self, units: UnitReader, lexicon: Lexicon, qualifiers: PhraseTable):
        lx = lexicon.qualifiers
        self.units, self.qualifiers = units, qualifiers
        self.openers = set(lx.range_openers)
        self.joiners = set(lx.range_joiners)
        self.changes = {w.lower() for w in lx.change_words}
        self.clause_ends = {"and", "but", "while", "from", "whereas"}

    def change_before(self, doc: Doc, start: int) -> bool:
        """Whether a change word stands before in the clause ("rose", "cut", "an increase in the
        basic wage"): "from X to Y" is then a change."""
        for t in reversed(doc[max(doc[start].sent.start, start - 8) : start]):
            if t.text in (",", ";", ":", "(", ")"):
                return False
            if t.lower_ in self.changes:
                return True
        return False

    def amount_of_change(self, doc: Doc, left: int) -> bool:
        """Whether a figure starting at `left` is the size of a change, its verb right before:
        "profit fell 5", "the Nasdaq added 0.8", "decreased by 1"."""
        k = left - 1 - (left > 1 and doc[left - 1].lower_ == "by")
        return k >= 0 and doc[k].lower_ in self.changes

    def opener_before(self, doc: Doc, left: int) -> int | None:
        """The "between"/"from" just before the first number, or a "from" before its qualifier
        ("from up to 252 miles to 287 miles": a change's)."""
        if left > 0 and doc[left - 1].lower_ in self.openers:
            return left - 1
        found = self.qualifiers.ending_at(doc, left)
        if found and found[1] > 0 and doc[found[1] - 1].lower_ == "from":
            return found[1] - 1
        return None

    def to_ahead(self, doc: Doc, k: int, numbers: dict[int, Span]) -> int | None:
        """The "to" of "from X ... to Y" a few words on, when only words dating or placing the old
        level stand between ("in 2008", "at 10.45pm last night"): no punctuation, no other figure."""
        for i in range(k, min(k + GAP + 1, doc[k].sent.end if k < len(doc) else k)):
            t = doc[i]
            if t.lower_ == "to":
                return i if i > k else None
            num = numbers.get(i)
            if t.is_punct or t.lower_ in self.clause_ends or (num is not None and not (is_year(num._.number) and num._.scale == 1.0)):
                return None
        return None

    def after(self, doc: Doc, num: Span, unit: Unit | None, numbers: dict[int, Span], left: int, money: bool) -> Joined | None:
        """A second number joined to this one, or None: "10-15%", "between 3 and 4 percent",
        "$1-2 billion", "from 1 per cent to 1.5 per cent" (ranges), "rose from 3% to 4%" (a
        change); not "increased by $4bn to $419bn" (two figures), "9.4 per cent to $84" (two
        units), 555-0199 or 2023-2025 (a year span)."""
        k = unit[2] if unit else num.end
        if k + 1 >= len(doc):
            return None
        joiner = doc[k].lower_
        if joiner == "-":
            k = self.dangling(doc, k)  # "7- or 8-inch": the joiner after the hanging hyphen
            joiner = doc[k].lower_
        to = k if joiner in self.joiners else None
        before = doc[left - 1].lower_ if left > 0 else ""
        if to is None and before != "from" and before not in self.qualifiers.to_last:
            return None  # most numbers: no joiner after, no "from" before (nor before a qualifier)
        change_opener = self.opener_before(doc, left)
        from_word = change_opener is not None and doc[change_opener].lower_ == "from"
        if to is None and not from_word:
            return None  # most numbers: no joiner after, no "from" before
        opener = change_opener if change_opener == left - 1 else None  # a range's opener stands right before it
        if to is None:
            to, joiner = self.to_ahead(doc, k, numbers), "to"
        if to is None or to + 1 >= len(doc):
            return None
        opener_word = doc[opener].lower_ if opener is not None else None
        if joiner == "and" and opener_word != "between":
            return None
        changed = joiner == "to" and self.change_before(doc, change_opener if change_opener is not None else left)
        found = self.second_after(doc, to, numbers, money, changing=joiner == "to" and from_word)
        if found is None:
            return None
        second, mode, qualifier, signed, symbol = found
        if changed and not from_word and (unit is not None or money) and self.shared_scale(num, second) == 1.0:
            return None  # "increased by $4bn to $419bn": a change and a level, two figures; not "$89 to $93 billion"
        unit2 = self.units.unit_after(doc, second.end, second._.scale != 1.0)
        if unit is not None and unit2 is not None and unit[:2] != unit2[:2]:
            return None  # each side has its own unit, and they differ
        ranges = to == k and self.continues(doc, unit2[2] if unit2 else second.end, numbers)
        if from_word and joiner == "to" and not ranges and self.is_change(num, second, changed or to > k or mode is not None):
            return Joined(second, unit2, joiner, change_opener, True, mode, qualifier)
        if to > k or mode is not None or signed:
            return None  # "from 5 in May to 4", "from 3% to about 2": no one figure unless a change
        if unit is not None and unit2 is None:
            return None  # "9.4 per cent to 12": the second has no unit of its own
        return self.range_checked(num, second, unit2, joiner, opener, bare=unit is None and not symbol)

    def second_after(self, doc: Doc, to: int, numbers: dict[int, Span], money: bool, changing: bool):
        """The number after the joiner at `to`: (its span, a change's qualifier mode and words,
        whether a sign stood before it, its currency symbol), or None."""
        j, mode, qualifier = to + 1, None, None
        if changing and (found := self.qualifiers.at(doc, j)):
            mode, qualifier, j = found[0], doc[j : found[1]].text.lower(), found[1]  # "from 3% to about 4%"
        signed = changing and doc[j].text in ("-", "−", "+") and not doc[j].whitespace_
        symbol = self.units.currency_before.at(doc, j + signed)
        j = symbol[1] if symbol else j + signed  # "$1 billion to $2 billion", "from -3% to -5%"
        second = numbers.get(j)
        if second is None or glued_right(doc, second.end) or (symbol and not money):
            return None  # 1-800-555-0100; "7 to $2.3 billion": only the second is money
        if doc[to].text in "-–" and second[0].text.startswith("0") and len(second[0].text) > 1:
            return None  # 555-0199
        return second, mode, qualifier, signed, symbol

    def dangling(self, doc: Doc, k: int) -> int:
        """Past a hyphen left hanging before a joiner: "7- or 8-inch", "four- to six-week"."""
        if k + 2 < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_ and doc[k + 1].lower_ in (*self.joiners, "or"):
            return k + 1
        return k

    def alternative(self, doc: Doc, num: Span, numbers: dict[int, Span]) -> Unit | None:
        """The unit a number shares with the alternative written after it: "eight or nine
        euros", "a 7- or 8-inch tablet", "one or two people", "four-, five- and six-cylinder
        engines" (each a figure of its own, in the last one's unit or counting its noun)."""
        second = self.listed_after(doc, num, numbers)
        while second is not None and (further := self.listed_after(doc, second, numbers)) is not None:
            second = further
        if second is None:
            return None
        found = self.units.unit_after(doc, second.end, second._.scale != 1.0)
        if found:
            return found[0], found[1], num.end, found[3]
        noun = self.units.nouns.counted(doc, second.end, second._.number)
        return ("count", noun[0], num.end, 1.0) if noun else None  # "one or two people"

    @staticmethod
    def listed_after(doc: Doc, num: Span, numbers: dict[int, Span]) -> Span | None:
        """The number written as an alternative after this one ("eight or nine"), or after its
        hanging hyphen in a list ("four-, five- and six-cylinder")."""
        k = num.end
        hanging = k + 1 < len(doc) and doc[k].text in ("-", "–") and not doc[k - 1].whitespace_ and (
            doc[k].whitespace_ != "" or doc[k + 1].is_punct)
        k += hanging
        if k + 1 >= len(doc) or not (doc[k].lower_ == "or" or (hanging and doc[k].lower_ in (",", "and"))):
            return None
        return numbers.get(k + 1)

    def is_change(self, num: Span, second: Span, said: bool) -> bool:
        """Whether "from X to Y" is a change: a word says so (`said`), or Y is below X (a range
        runs upwards); never between two years ("from 2015 to 2019")."""
        first_v, second_v = num._.number, second._.number
        if is_year(first_v) and is_year(second_v):
            return False
        return said or second_v < first_v * self.change_scale(num, second)

    def range_checked(self, num: Span, second: Span, unit2: Unit | None, joiner: str, opener: int | None,
                      bare: bool) -> Joined | None:
        """The range "X-Y", "X to Y", "between X and Y", unless the numbers say otherwise."""
        first_v, second_v = num._.number, second._.number
        if second_v <= first_v * self.shared_scale(num, second):
            return None  # 8911-5061 is no range; nor is "5-3" (a score)
        if is_year(first_v) and (joiner != "and" or is_year(second_v)):
            return None  # 2023-2025 is a span of years; "2018 to 3.9 million" is no range
        if bare and unit2 is None and opener is None and is_year(second_v) and second._.scale == 1.0:
            return None  # "3 to 2025"
        return Joined(second, unit2, joiner, opener)

    def continues(self, doc: Doc, end: int, numbers: dict[int, Span]) -> bool:
        """Whether a number is joined to the next one: "from 5 to 7 per cent to 3 to 5 per cent"
        is a change between two ranges, not from 5 to 7."""
        return end + 1 < len(doc) and doc[end].lower_ in self.joiners and end + 1 in numbers

    @staticmethod
    def shared_scale(first: Span, second: Span) -> float:
        """The scale the first number of a range borrows from the second: "$1-2 billion"
        means 1 billion to 2 billion, "$800,000 to $1.3 million" borrows nothing."""
        if first._.scale != 1.0 or second._.scale == 1.0:
            return 1.0
        return second._.scale if first._.number < second._.number / second._.scale else 1.0

    @staticmethod
    def change_scale(first: Span, second: Span) -> float:
        """The scale a change's old level borrows from the new: "from 4.8 to 4.7 billion" is from
        4.8 billion, "from 2 to 5 million" from 2 million; not when the borrowed level would be
        ten times off the new one ("from $200 to $4 million", "from 500 to 1.2 million")."""
        if first._.scale != 1.0 or second._.scale == 1.0 or first._.number <= 0 or second._.number <= 0:
            return 1.0
        ratio = first._.number * second._.scale / second._.number
        return second._.scale if 0.1 <= ratio <= 10 else 1.0
