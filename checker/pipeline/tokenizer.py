"""Tokenizer adjustments so figures split into number, scale and unit tokens.

spaCy's English rules keep "1.2bn", "HK$5", "25bp" and "2023–25" as single
tokens; the figure and date components need them apart. The abbreviations
come from the lexicon, so adding a unit there is enough. Long runs without
spaces reach spaCy's tokenizer in pieces (see `RunCuttingTokenizer`).
"""

from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..lexicon import Lexicon, load_lexicon
from .scan import Words, positions


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def attached_suffixes(lexicon: Lexicon) -> list[str]:
    """What is written straight after digits: unit suffixes, and the one-letter names of a
    currency's hundredth ("412p")."""
    return [*lexicon.units.attached_suffixes, *(n.surface for n in lexicon.currency_names.minor if len(n.surface) == 1)]


def customize_tokenizer(nlp: Language, lexicon: Lexicon) -> None:
    """Split currency prefixes, scale and unit suffixes, and dashes between digits."""
    attached = attached_suffixes(lexicon)
    # currency symbols and codes written straight before digits: "$5", "HK$5", "RM79", "USD10m"
    symbol_prefixes = [n.surface for n in lexicon.currency_names.before if " " not in n.surface]
    suffixes = [
        rf"(?<=[0-9])(?:{_alternation(attached)})$",
        r"(?<=[0-9A-Za-z])[-–]$",  # "7- or 8-inch", "four-, five- and six-cylinder": a hyphen left hanging
        r"(?<=[0-9][A-Za-z])\.$",  # "$50k." ends a sentence: the full stop is not part of "k"
        r"(?<=[0-9][A-Za-z]{2})\.$",
        *nlp.Defaults.suffixes,
    ]
    prefixes = [
        rf"(?:{_alternation(symbol_prefixes)})(?=[0-9.])",
        r"[+\-−~≈](?=[0-9.])",  # signs and "about": "+0.2%", "-1.3%", "~45g"
        *nlp.Defaults.prefixes,
    ]
    infixes = [
        rf"(?<=[0-9])(?=(?:{_alternation(attached)})(?:-[A-Za-z]|\)))",  # "412p-a-share", "$50k-a-year", "(121ft)": the suffix apart
        r"(?<=[0-9%])[-–—](?=[0-9])",  # 2023–25, 10-15, 2%-3%
        r"(?<=[0-9])%(?=[-–—][0-9])",  # the first % of 2%-3%
        r"(?<=\.)-(?=[A-Z])",  # U.S.-Japan
        r"(?<=[a-zA-Z])-(?=[0-9])",  # minus-5, sub-300, COVID-19 (the name rules keep the last out)
        r"(?<=\w)\)(?=-[A-Za-z])|(?<=\))-(?=[A-Za-z])",  # "37m (121ft)-long": the bracket and the hyphen apart
        *nlp.Defaults.infixes,
    ]
    old = nlp.tokenizer
    if not isinstance(old, Tokenizer):  # a trained pipeline's own kind of tokenizer: left as it is
        return
    nlp.tokenizer = RunCuttingTokenizer(
        nlp.vocab, rules=old.rules, prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search, infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=old.token_match, url_match=old.url_match, faster_heuristics=old.faster_heuristics,
    )


# where a run without spaces is cut before spaCy sees it: (pattern, piece length)
_RUNS = (
    (re.compile(r"[^\w\s]{32,}"), 16),  # punctuation: quote marks, brackets, dashes
    (re.compile(r"\S{1000,}"), 250),  # anything else that long (a real URL is shorter)
)


class RunCuttingTokenizer(Tokenizer):
    """spaCy's tokenizer with long runs without spaces cut into pieces first.

    spaCy peels prefixes and suffixes off a run one at a time and searches the
    whole rest again after each, so a run of quote marks or brackets cost the
    square of its length (40,000 straight quotes: minutes). Cutting long runs
    of punctuation into short pieces, and any run into pieces of bounded
    length, makes the work linear; the Doc's text is the same, and text this
    odd holds no claim a cut could break."""

    def __call__(self, text: str) -> Doc:
        cuts = sorted({i for pattern, size in _RUNS for m in pattern.finditer(text) for i in range(m.start() + size, m.end(), size)})
        tokenize = super().__call__
        if not cuts:
            return tokenize(text)
        bounds = [0, *cuts, len(text)]
        return Doc.from_docs([tokenize(text[a:b]) for a, b in itertools.pairwise(bounds)], ensure_whitespace=False)


class UnitSplitter:
    """Split "k." / "m." / "h." after digits: spaCy keeps single letters with a
    full stop as abbreviations ("J. K. Rowling"), but after "$50" the letter is a
    scale or unit and the stop ends the sentence. A hundredth's one-letter name is
    split after a space too ("down 1.95 p at 125.8 p."), so is a unit's symbol ("it was
    40 F.", "a current of 5 A.") and an abbreviation of two letters or more ("a 40 kW.",
    "120 dB.": spaCy keeps a capital with its stop), and so is the last word of a two-word
    unit ("$80 per sq m.")."""

    def __init__(self, attached: list[str], spaced: list[str], unit_firsts: set[str]):
        self.attached = set(attached) | {"h"}
        self.spaced = set(spaced)
        self.unit_firsts = unit_firsts  # "sq" of "sq m"
        self.candidates = Words([f"{a}." for a in self.attached], cased=True)  # the only tokens it may split

    def __call__(self, doc: Doc) -> Doc:
        found = positions(self.candidates.mask(doc))
        if not found:
            return doc
        with doc.retokenize() as retokenizer:
            for token in (doc[i] for i in found):
                text = token.text
                if (
                    len(text) > 1 and text.endswith(".") and text[:-1] in self.attached and token.i > 0
                    and self.after_unit_start(doc[token.i - 1], text[:-1])
                ):
                    retokenizer.split(token, [text[:-1], "."], heads=[(token, 0), (token, 0)])
        return doc

    def after_unit_start(self, before: Token, letters: str) -> bool:
        """Whether a unit's letters follow: glued to digits or "/" ("$50k.", "km/h."), after
        digits and a space for a hundredth ("125.8 p.") or a longer abbreviation ("40 kW."),
        after a unit's first word ("sq m.")."""
        if before.text in self.unit_firsts:
            return True
        spaced_ok = not before.whitespace_ or letters in self.spaced or len(letters) > 1
        return spaced_ok and (before.text[-1:].isdigit() or before.text == "/")


@Language.factory("checker_unit_splitter", default_config={"lexicon_dir": None})
def make_unit_splitter(nlp: Language, name: str, lexicon_dir: str | None) -> UnitSplitter:
    lexicon = load_lexicon(lexicon_dir)
    symbols = list(lexicon.units.symbol_senses)  # "a current of 5 A.", "the sprint took 9.8 s."
    attached = [*attached_suffixes(lexicon), *symbols]
    # the first words of two-word units whose last word is an attached suffix: "sq" of "sq m"
    unit_firsts = {words[0] for words in (form.split() for form in lexicon.measure_of) if len(words) == 2 and words[1] in attached}
    # letters split after a space too: a hundredth's name, a unit's symbol (not a scale: "5 M.")
    measure_letters = [f for f in lexicon.measure_of if len(f) == 1 and f.isalpha()]
    spaced = [n.surface for n in lexicon.currency_names.minor if len(n.surface) == 1] + measure_letters + symbols
    return UnitSplitter(attached, spaced, unit_firsts)
