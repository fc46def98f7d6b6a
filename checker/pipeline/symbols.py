"""Unit symbols whose meaning the sentence decides.

One letter after a number stands for several units: "2.5 F" is degrees Fahrenheit in a
weather report and farads in a sentence about a capacitor; "5 A" is a current only where
the sentence speaks of electricity; "20 pounds" is money where something is paid or
priced (a sense named by a currency's code). `units.yaml` `symbol_senses` lists, for each such
symbol, the units it may stand for and the words that call for each; a symbol read here
needs one of its words in the same sentence and none of the words listed under `not`,
else it keeps its usual reading, or none.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import Lexicon

UNLESS = "not"  # the key of the words that keep a symbol's usual reading ("weighed 20 pounds")


class SymbolSenses:
    def __init__(self, lexicon: Lexicon):
        table = lexicon.units.symbol_senses
        # symbol -> [(unit name, the words that call for it)], and the words that keep its usual reading
        self.senses = {symbol: [(name, {w.lower() for w in words}) for name, words in by_unit.items() if name != UNLESS]
                       for symbol, by_unit in table.items()}
        self.unless = {symbol: {w.lower() for w in by_unit.get(UNLESS, [])} for symbol, by_unit in table.items()}

    def at(self, doc: Doc, k: int) -> tuple[str, int] | None:
        """(unit name, end) for a symbol at token k the sentence calls for, or None."""
        senses = self.senses.get(doc[k].text)
        if senses is None:
            return None
        words = {t.lower_ for t in doc[k].sent}
        if words & self.unless[doc[k].text]:
            return None  # "weigh 4.2 kilograms (6.3 pounds), were sold": a weight
        return next(((name, k + 1) for name, called in senses if words & called), None)
