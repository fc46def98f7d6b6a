"""Which currency a shared symbol or name stands for in an article.

"$", "dollars", "francs", "kroner", "pesos" and "cents" are each used by
several currencies (rules/lexicon/currencies.yaml, `shared`). The pipeline
reads them as their default ("$" as USD); here, once the figures of a Doc are
read, each is settled the way a newsroom writes: once an article states an
amount with a symbol or name only one currency has ("CHF 12.4 billion",
"A$17,500", "12.4 billion Swiss francs"), the shared name means that one
("a deficit of 48 million francs"). Two such currencies stated (an
Australian story converting to US dollars), or none, and the name keeps its
default. A name no one currency owns has no default ("pesos", "kroner",
"cents"): it is money only where the article establishes one of its
currencies, else a name after the number is what is counted, as it would be
were it no currency ("1.5 billion pesos", a count of pesos; "5 cents"), and a
symbol is nothing. Each such claim says in
`resolution` how it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..lexicon import CurrencyName, Lexicon


@dataclass(frozen=True)
class Settled:
    """What a figure written with a shared currency name is: its currency, or None when it is
    not money (then a count of the name after the number when `counted`, else no figure), and
    how that was decided, in words."""

    unit: str | None
    resolution: str
    counted: bool = False
    minor: bool = False  # the name is of a hundredth ("cents"): the pipeline read the value in whole units
    options: tuple[str, ...] = ()  # when read as the default: the other currencies the name may stand for


class CurrencyContext:
    """Finds the currency names in money figures and settles the shared ones per Doc."""

    def __init__(self, lexicon: Lexicon):
        names = lexicon.currency_names
        self.cased = {n.surface: n for n in names.before}
        self.folded = {n.surface.lower(): n for n in (*names.after, *names.after_scale, *names.minor)}

        def alternation(surfaces) -> str:
            return "|".join(r"\s+".join(map(re.escape, s.split())) for s in sorted(surfaces, key=len, reverse=True))

        # not inside a word: "$" in "A$3,000" is A$, "p" in "pence" is pence, "R" in "Rs" is Rs
        self.pattern = re.compile(
            rf"(?<![^\W\d_])(?:(?P<folded>(?i:{alternation(self.folded)}))|(?P<cased>{alternation(self.cased)}))(?![^\W\d_])"
        )

    def names(self, text: str) -> list[CurrencyName]:
        """The currency names in a money figure's words, in order."""
        found = []
        for m in self.pattern.finditer(text):
            if m.group("folded") is not None:
                found.append(self.folded[" ".join(m.group("folded").split()).lower()])
            else:
                found.append(self.cased[" ".join(m.group("cased").split())])
        return found

    def settle(self, doc: Doc) -> dict[tuple[int, int], Settled]:
        """(start, end) of each money figure written only with shared names -> how it is read.

        Names with a default are settled first, by the figures written with a currency's own
        name; those without one ("cents") then also by what the others were settled as
        ("$3,000" read as AUD beside "A$17,500" makes "50 cents" Australian)."""
        explicit: dict[str, Span] = {}  # currency -> the first figure stating it by its own name
        shared: list[tuple[Span, CurrencyName]] = []
        owned: dict[int, tuple[str, Span]] = {}  # end token of a figure in a currency's own name -> (code, figure)
        for span in doc.spans.get("figures", []):
            if span._.reading.kind != "money":
                continue
            names = self.names(span.text)
            own = [n for n in names if n.shared is None]
            if own:
                explicit.setdefault(own[0].code, span)
                owned[span.end] = (own[0].code, span)
            elif names:
                shared.append((span, names[0]))
        settled = {(s.start, s.end): self.conversion(doc, s, n, owned) or self.settled(n, explicit)
                   for s, n in shared if n.shared.default is not None}
        stated = dict(explicit)
        for span, _ in shared:
            if (found := settled.get((span.start, span.end))) is not None:
                stated.setdefault(found.unit, span)
        for span, name in shared:
            if name.shared.default is None:
                settled[(span.start, span.end)] = self.settled(name, stated)
        return settled

    @staticmethod
    def conversion(doc: Doc, span: Span, name: CurrencyName, owned: dict[int, tuple[str, Span]]) -> Settled | None:
        """A shared name in brackets right after an amount in one of its own currencies is that
        amount converted, into the default: "10.5 million Australian dollars ($7.5 million)"."""
        entry = name.shared
        if entry is None or entry.default is None or span.start < 1 or doc[span.start - 1].text != "(":
            return None
        code, before = owned.get(span.start - 1, (None, None))
        if code is None or code == entry.default or code not in entry.codes:
            return None
        return Settled(entry.default, f"“{name.surface}” read as {entry.default}, the default: in brackets after an amount "
                                      f"in {code} (“{before.text}”), it converts it", options=(code,))

    @staticmethod
    def settled(name: CurrencyName, explicit: dict[str, Span]) -> Settled:
        entry, word = name.shared, f"“{name.surface}”"
        assert entry is not None
        stated = [code for code in entry.codes if code in explicit]
        if len(stated) == 1:
            code = stated[0]
            return Settled(code, f"{word} read as {code}: the article states amounts in {code} (“{explicit[code].text}”)")
        default, counted = entry.default, name.position != "before" and len(name.surface) > 1
        if len(stated) > 1:
            both = " and ".join((", ".join(stated[:-1]), stated[-1]))
            why = f"the article states amounts in {both}, so which it means is not guessed"
        else:
            why = f"the article states no amount in {'another currency it may stand for' if default else ', '.join(entry.codes)}"
        if default is None:
            return Settled(None, f"{word} not read as money{', but counted' if counted else ''}: {why}", counted, name.position == "minor")
        others = tuple(code for code in (stated or entry.codes) if code != default)
        return Settled(default, f"{word} {'kept' if stated else 'read'} as {default}, the default: {why}", options=others)
