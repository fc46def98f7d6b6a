"""Score checker's figure extraction on NewsQuant, the way the CQE authors do.

    python benchmarks/newsquant.py PATH/TO/NewsQuant.json [--errors N] [--half tune|validate]

Per sentence, the extractor's money/percent/quantity/count claims are matched
one-to-one against the gold quantities (values within a relative tolerance of
1e-5; ranges as low/high pairs); value+unit also needs our unit, mapped onto
the gold's normalized names, to equal the gold normalized_unit, and
value+change our qualifier (or a change verb just before the figure) mapped
onto the gold's change. See benchmarks/README.md for the rules in full.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
from pathlib import Path

KINDS = ("money", "percent", "quantity", "count")
REL_TOL, ABS_TOL = 1e-5, 1e-8  # numpy.isclose's defaults, as in CQE_Evaluation

# ISO 4217 code -> the gold's normalized currency name
CURRENCY_NAMES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen",
    "CNY": "chinese yuan", "RMB": "chinese yuan", "AUD": "australian dollar",
    "CAD": "canadian dollar", "INR": "indian rupee", "MYR": "malaysian ringgit",
    "ILS": "shekel", "KRW": "south korean won", "CHF": "swiss franc",
    "HKD": "hong kong dollar", "SGD": "singaporean dollar", "NZD": "new zealand dollar",
    "DKK": "danish krone", "SEK": "swedish krona", "NOK": "norwegian krone",
    "RUB": "russian ruble", "ZAR": "south african rand", "TRY": "turkish lira",
    "BRL": "brazilian real", "MXN": "mexican peso", "PHP": "philippine peso",
    "GEL": "georgian lari", "LKR": "sri lankan rupee", "HRK": "croatian kuna",
    "TWD": "new taiwan dollar", "THB": "thai baht", "IDR": "indonesian rupiah",
    "PKR": "pakistani rupee", "NGN": "nigerian naira", "EGP": "egyptian pound",
    "SAR": "saudi riyal", "AED": "united arab emirates dirham", "PLN": "polish zloty",
    "BTC": "bitcoin", "KES": "kenyan shilling", "TZS": "tanzanian shilling", "UGX": "ugandan shilling",
    "GHS": "ghanaian cedi", "BDT": "bangladeshi taka", "QAR": "qatari riyal", "MAD": "moroccan dirham",
    "KZT": "kazakhstani tenge", "RON": "romanian leu", "ETB": "ethiopian birr", "HUF": "hungarian forint",
    "CZK": "czech koruna", "VND": "vietnamese dong", "UAH": "ukrainian hryvnia", "ARS": "argentine peso",
    "CLP": "chilean peso", "COP": "colombian peso",
}
# money written in a sub-unit ("19 cents", "20 sen"): gold keeps the sub-unit
SUBUNITS = ((re.compile(r"(?:cents?|¢)$", re.IGNORECASE), "cent"), (re.compile(r"\bsen$", re.IGNORECASE), "sen"),
            (re.compile(r"(?:\d ?p|\bpence)$", re.IGNORECASE), "penny"))
PERCENT_NAMES = {"%": "percentage", "% of gdp": "percentage", "percent": "percentage",
                 "pp": "percentage point", "percentage point": "percentage point",
                 "bp": "basis point", "bps": "basis point", "basis point": "basis point"}
# our quantity unit names (lower-cased) -> the gold's name, where they differ
QUANTITY_NAMES = {
    "degree celsius": "celsius", "°c": "celsius", "degree fahrenheit": "fahrenheit",
    "°f": "fahrenheit", "tonne": "metric ton", "metric tonne": "metric ton",
    "gigatonne": "gigaton", "pound": "pound-mass", "lb": "pound-mass",
    "part per billion": "parts-per-billion", "revolution per minute": "revolutions per minute",
    "kilowatt-hour": "kilowatt hour", "gigawatt-hour": "gigawatt hour",
    "megawatt-hour": "megawatt hour", "milliampere hour": "milliampere-hour",
    "metric horsepower": "horsepower", "time": "count", "fold": "count",
    "kilometre an hour": "kilometre per hour", "mile an hour": "mile per hour",
    "million british thermal unit": "mega british thermal unit",
}
BASIS_POINTS = re.compile(r"\b(?:basis points?|bps?|bpts)$", re.IGNORECASE)
PERCENT_WORDS = re.compile(r"%|per[ -]?cent|(?<![a-z])pct?\b|points?\b", re.IGNORECASE)
# a share in words: a fraction's name or "one in five", "9 out of 10" (not a bare "3" of "3 or 4 per cent")
SHARE_WORDS = re.compile(r"(?:half|halves|thirds?|quarters?|th|ths)\b|\b(?:in|out of)\b", re.IGNORECASE)
AGE_UNITS = {"year", "month", "week", "day"}
IRREGULAR = {"people": "people", "children": "child", "men": "man", "women": "woman",
             "feet": "foot", "fishermen": "fisherman", "teeth": "tooth", "mice": "mouse"}
APPROX = {"about", "approximately", "roughly", "around", "nearly", "almost", "some",
          "~", "circa", "c.", "approx.", "close to", "an estimated", "estimated"}
MORE = {"over", "more than", "exceeding", "at least", "above", "greater than",
        "in excess of", "upwards of", "north of", "over and above", "+", ">"}
LESS = {"under", "less than", "up to", "as much as", "below", "fewer than", "at most",
        "no more than", "as many as", "as high as", "as little as", "just under",
        "lower than", "<"}
UP_WORDS = {"rose", "rise", "rises", "rising", "risen", "increased", "increase", "increases", "increasing", "up", "gained", "gain", "gains", "grew", "grow", "grows", "growing", "climbed", "climb", "climbs", "jumped", "jump", "jumps", "advanced", "advance", "surged", "surge", "soared", "soar", "added", "rallied", "boosted", "raised", "spiked", "leapt", "leaped", "expanded", "improved", "higher"}
DOWN_WORDS = {"fell", "fall", "falls", "falling", "fallen", "dropped", "drop", "drops", "declined", "decline", "declines", "down", "lost", "lose", "loses", "slid", "slide", "slipped", "plunged", "plummeted", "decreased", "decrease", "shed", "tumbled", "sank", "sink", "eased", "dipped", "shrank", "shrunk", "lowered", "slumped", "retreated", "lower", "contracted"}
BARRIERS = {"to", "at", "and", "while", "or", "from"}


def parse_gold_value(value: str) -> float | tuple[float, float]:
    """A gold value: "800000000.0" -> float, "1.0-1.5" (or "3.0 - 4.0") -> (low, high) sorted."""
    m = re.fullmatch(r"\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*", value)
    if m:
        a, b = float(m.group(1)), float(m.group(2))
        return (min(a, b), max(a, b))
    return float(value)


def claim_value(value, low, high, previous=None) -> float | tuple[float, float] | None:
    """A prediction's value: a number if `value` is one, else a (low, high) range when both
    bounds are numbers (qualifier bounds like "more than 60" keep value=60), else None. A
    change "from X to Y" (value Y, `previous` X) is the range the gold writes for it, X-Y."""
    numbers = [v for v in (previous, value) if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(numbers) == 2:
        return (float(min(numbers)), float(max(numbers)))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
        return (float(min(low, high)), float(max(low, high)))
    return None


def values_match(gold, pred) -> bool:
    """Equal within rel. tolerance 1e-5; a range matches only a range (both ends), a point a point."""
    if gold is None or pred is None or isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple):
        return all(math.isclose(g, p, rel_tol=REL_TOL, abs_tol=ABS_TOL) for g, p in zip(gold, pred))
    return math.isclose(gold, pred, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def singular(word: str) -> str:
    """Crude English singular of one lower-cased word."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x|us)es$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not re.search(r"(?:ss|us|is)$", word):
        return word[:-1]
    return word


def normalize_noun(noun: str | None) -> str:
    """Lower-case and singularize each word of a counted noun, leaving out "and"/"or" (the
    gold's phrases have no conjunctions: "kia hyundai vehicle"); empty -> "-"."""
    words = re.findall(r"[\w'%-]+", (noun or "").lower())
    return " ".join(singular(w) for w in words if w not in ("and", "or")) or "-"


def unit_name(kind: str, unit: str | None, surface: str = "", after: str = "") -> str:
    """Map our (kind, unit) onto the gold's lower-cased normalized_unit name.

    `surface` is the claim text (for "19 cents"), `after` the sentence text just
    after it (for "50 year-old": an age in years -> "year of age")."""
    u = (unit or "").strip()
    if kind == "money":
        for pattern, name in SUBUNITS:
            if pattern.search(surface.strip()):
                return name
        return CURRENCY_NAMES.get(u.upper(), u.lower() or "-")
    if kind == "percent":
        return PERCENT_NAMES.get(u.lower(), "percentage")
    if kind == "quantity":
        name = QUANTITY_NAMES.get(u.lower(), u.lower() or "-")
        if name in AGE_UNITS and (re.search(r"\bold$", surface.strip(), re.IGNORECASE) or re.match(
                r"[\s-]*(?:(?:year|month|week|day)s?)?[\s-]*olds?\b", after, re.IGNORECASE)):
            return name + " of age"
        return name
    return normalize_noun(u)  # count: the counted noun


def money_value(value, surface: str):
    """Money in a sub-unit ("19 cents" = 0.19 USD) is compared in the sub-unit, as gold has it."""
    if any(p.search(surface.strip()) for p, _ in SUBUNITS):
        if isinstance(value, tuple):
            return tuple(round(v * 100, 9) for v in value)
        if value is not None:
            return round(value * 100, 9)
    return value


def change_of(qualifier: str | None, before: str, surface: str = "") -> str:
    """Gold-style change: "up"/"down" for an explicit sign ("Dow +0.2%", "FTSE -0.6%") or
    when one of the last 1-3 words before the figure is a change verb (scanning back,
    stopping at a number or at to/at/and/or/from/while), else the qualifier mapped to
    "~", ">", "<", or "=" (none, ranges, unknown)."""
    sign = re.match(r"\s*([+\-\u2212])\s*\d", surface) or re.search(r"(?:^|[\s(:])([+\-\u2212])$", before)
    if sign:
        return "up" if sign.group(1) == "+" else "down"
    for raw in reversed(before.split()[-3:]):
        word = raw.strip(".,;:()\"'").lower()
        if re.search(r"\d", word) or word in BARRIERS or raw.endswith((",", ";", ":")):
            break
        if word in UP_WORDS:
            return "up"
        if word in DOWN_WORDS:
            return "down"
    q = (qualifier or "").strip().lower()
    return "~" if q in APPROX else ">" if q in MORE else "<" if q in LESS else "="


def gold_quantity(q: dict) -> dict:
    """A gold record -> {"value", "unit", "change", "raw"}."""
    return {"value": parse_gold_value(q["value"]), "unit": q["normalized_unit"].strip().lower(),
            "change": q["change"].strip(), "raw": q}


def prediction(claim, sentence: str) -> dict:
    """A checker Claim -> {"value", "unit", "change", "raw"} in the gold's terms."""
    kind = str(getattr(claim.kind, "value", claim.kind))
    value = claim_value(claim.value, claim.low, claim.high, getattr(claim, "previous", None))
    if kind == "money":
        value = money_value(value, claim.text)
    unit = unit_name(kind, claim.unit, claim.text, sentence[claim.end:claim.end + 12])
    if kind == "percent" and BASIS_POINTS.search(claim.text):
        # we normalize basis points to percentage points; the gold keeps them as stated
        value = tuple(round(v * 100, 9) for v in value) if isinstance(value, tuple) else round(value * 100, 9)
        unit = "basis point"
    if kind == "percent" and claim.unit == "%" and not PERCENT_WORDS.search(claim.text) and SHARE_WORDS.search(claim.text):
        # a share written without a percent sign or word ("a third", "one in five"): the gold
        # gives it as the fraction (0.333), we as the percentage (33.3)
        value = tuple(v / 100 for v in value) if isinstance(value, tuple) else None if value is None else value / 100
    if getattr(claim, "per", None):
        unit = f"{unit} per {QUANTITY_NAMES.get(claim.per.lower(), claim.per.lower())}"
    return {"value": value, "unit": unit,
            "change": change_of(claim.qualifier, sentence[:claim.start], claim.text),
            "raw": claim}


CRITERIA = {
    "value": lambda g, p: values_match(g["value"], p["value"]),
    "value+unit": lambda g, p: values_match(g["value"], p["value"]) and g["unit"] == p["unit"],
    "value+change": lambda g, p: values_match(g["value"], p["value"]) and g["change"] == p["change"],
}


def match_quantities(gold: list[dict], predicted: list[dict]) -> dict:
    """Greedy one-to-one matching per criterion within one sentence.

    Returns {"gold": n, "pred": n, "value": tp, "value+unit": tp, "value+change": tp,
    "missed": gold indexes with no value match, "false": pred indexes with no value
    match, "unit_wrong": (gold, pred) index pairs matched on value but not on unit}."""
    counts = {"gold": len(gold), "pred": len(predicted)}
    pairs = {}
    for name, ok in CRITERIA.items():
        used, pairs[name] = set(), []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(predicted):
                if pi not in used and ok(g, p):
                    used.add(pi)
                    pairs[name].append((gi, pi))
                    break
        counts[name] = len(pairs[name])
    counts["missed"] = sorted(set(range(len(gold))) - {g for g, _ in pairs["value"]})
    counts["false"] = sorted(set(range(len(predicted))) - {p for _, p in pairs["value"]})
    unit_ok = {g for g, _ in pairs["value+unit"]}
    counts["unit_wrong"] = [(g, p) for g, p in pairs["value"] if g not in unit_ok]
    return counts


def prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall, F1 in percent (0 when undefined)."""
    p = 100.0 * tp / n_pred if n_pred else 0.0
    r = 100.0 * tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_published(path: Path) -> dict:
    """published_scores.csv (tab-separated) -> {(model, type): (P, R, F1)}."""
    if not path.exists():
        return {}
    with path.open(encoding="utf8") as f:
        return {(row["model"], row["type"]): (row["P"], row["R"], row["F1"])
                for row in csv.DictReader(f, delimiter="\t")}


def describe(item: dict) -> str:
    v = item["value"]
    v = f"{v[0]:g}-{v[1]:g}" if isinstance(v, tuple) else "None" if v is None else f"{v:g}"
    raw = item["raw"]
    surface = f" {raw.text!r}" if hasattr(raw, "text") else f" {raw.get('unit')!r}"
    return f"{v} [{item['unit']}] {item['change']}{surface}"


HALVES = {"tune": 0, "validate": 1}


def half_of(records: list, half: str | None) -> list:
    """The sentences of one half: "tune" the even-numbered (0, 2, 4, ...), "validate" the
    odd-numbered, None all. Read the errors of the tune half only and report both: a change
    that helps tune but not validate was fitted to sentences, not to the language."""
    if half is None:
        return records
    return records[HALVES[half]::2]


def run(path: Path, errors: int, half: str | None = None) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import checker

    records = half_of(json.loads(path.read_text(encoding="utf8")), half)
    totals = dict.fromkeys(["gold", "pred", *CRITERIA], 0)
    missed, false, unit_wrong = [], [], []
    began = time.perf_counter()
    for rec in records:
        text = rec["text"]
        gold = [gold_quantity(q) for q in rec["quantities"]]
        claims = checker.extract_text(text, document="newsquant")
        preds = [prediction(c, text) for c in claims if str(getattr(c.kind, "value", c.kind)) in KINDS]
        counts = match_quantities(gold, preds)
        for key in totals:
            totals[key] += counts[key]
        missed += [(text, gold[i]) for i in counts["missed"]]
        false += [(text, preds[i]) for i in counts["false"]]
        unit_wrong += [(text, gold[g], preds[p]) for g, p in counts["unit_wrong"]]
    elapsed = time.perf_counter() - began

    published = read_published(path.parent / "published_scores.csv")
    print(f"NewsQuant{f' ({half} half)' if half else ''}: {len(records)} sentences, {totals['gold']} gold quantities, "
          f"{totals['pred']} predicted")
    print(f"{'criterion':<14}{'P':>7}{'R':>7}{'F1':>7}   {'CQE F1':>7}{'quantulum3 F1':>15}")
    for name in CRITERIA:
        p, r, f = prf(totals[name], totals["gold"], totals["pred"])
        cqe = published.get(("CQE-Numparser", name), ("", "", "-"))[2]
        q3 = published.get(("quantulum3", name), ("", "", "-"))[2]
        print(f"{name:<14}{p:7.1f}{r:7.1f}{f:7.1f}   {cqe:>7}{q3:>15}")
    print(f"time {elapsed:.1f}s, {len(records) / elapsed:.1f} sentences/s")
    if errors:
        print(f"\n--- missed gold ({len(missed)}), first {errors}")
        for text, g in missed[:errors]:
            print(f"  {describe(g)}\n      | {text}")
        print(f"\n--- false predictions ({len(false)}), first {errors}")
        for text, p in false[:errors]:
            print(f"  {describe(p)}\n      | {text}")
        print(f"\n--- value right, unit wrong ({len(unit_wrong)}), first {errors}")
        for text, g, p in unit_wrong[:errors]:
            print(f"  gold {describe(g)}\n  ours {describe(p)}\n      | {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="NewsQuant.json")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N missed gold, N false predictions and N unit mismatches")
    parser.add_argument("--half", choices=sorted(HALVES),
                        help="score only the even-numbered (tune) or odd-numbered (validate) sentences")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"error: no such file: {args.path}", file=sys.stderr)
        return 2
    run(args.path, args.errors, args.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
