"""Score checker's date extraction on TimeBank and AQUAINT (TBAQ-cleaned TimeML).

    python benchmarks/timebank.py PATH/TO/timebank [--errors N] [--half tune|validate]

Each .tml under TimeBank/ and AQUAINT/ is reduced to the text inside <TEXT>
with its tags stripped; checker.extract_text(text, published=DCT) is run on it
and its kind=="date" claims are scored against the type="DATE" TIMEX3s: span
(relaxed: any overlap, one-to-one) and value (overlap and equal normalized
value). Predictions overlapping only non-DATE TIMEX3s (TIME, DURATION, SET) are
ignored; a span of dates of ours is compared as its two ends. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

CORPORA = ("TimeBank", "AQUAINT")
# TempEval-3 test set, value F1 over all TIMEX3 types (not strictly comparable)
PUBLISHED = {"HeidelTime": 77.6, "SUTime": 67.4}


def parse_tml(xml: str | bytes) -> dict:
    """Parse one TimeML document.

    Returns {"text": the text inside <TEXT> with all tags stripped,
    "dct": the CREATION_TIME TIMEX3 value (or None), "timexes": [{"start", "end",
    "tid", "type", "value", "text"}]} with offsets into "text", so that
    text[start:end] == timex["text"]."""
    root = ET.fromstring(xml)
    dct = next((t.get("value") for t in root.iter("TIMEX3")
                if t.get("functionInDocument") == "CREATION_TIME"), None)
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[dict] = []
    pos = 0

    def walk(elem) -> None:
        nonlocal pos
        if elem.text:
            parts.append(elem.text)
            pos += len(elem.text)
        for child in elem:
            start = pos
            walk(child)
            if child.tag == "TIMEX3":
                timexes.append({"start": start, "end": pos, "tid": child.get("tid"),
                                "type": child.get("type"), "value": child.get("value"),
                                "text": "".join(child.itertext())})
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    if body is not None:
        walk(body)
    return {"text": "".join(parts), "dct": dct, "timexes": timexes}


def dct_date(value: str | None) -> dt.date | None:
    """The calendar day of a DCT value ("1998-01-08", "19980108", "1998-01-08T18:30")."""
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value or "")
    try:
        return dt.date(*map(int, m.groups())) if m else None
    except ValueError:
        return None


def normalize_value(value) -> str | None:
    """Normalize a TIMEX3 or checker date value for comparison.

    Upper-cases, turns our year-less "--MM-DD" into TimeML's "XXXX-MM-DD", and drops
    a time or part of day after a full date ("1998-02-13TNI" -> "1998-02-13"); other
    values (weeks, seasons, PRESENT_REF, our "YYYY/YYYY" spans) are compared as they are."""
    if value is None or not isinstance(value, str) or not value.strip():
        return None
    v = value.strip().upper()
    if v.startswith("--"):
        v = "XXXX" + v[1:]
    m = re.match(r"([0-9X]{4}-[0-9X]{2}-[0-9X]{2})T", v)
    return m.group(1) if m else v


# what joins the two ends of a span of dates: "between 1994 and 1997", "from May to July", "2009-10"
_SPAN_JOINER = re.compile(r"\s+(?:and|to|through|until|till)\s+|\s*[-–—]\s*", re.IGNORECASE)


def span_ends(pred: dict) -> list[dict]:
    """A span of dates of ours ("1994/1997", one claim from "between 1994 and 1997") as the two
    dates TimeML writes for it, each end with its own words and value: "between 1994" 1994 and
    "1997" 1997. Any other prediction as it is."""
    ends = pred["value"].split("/") if isinstance(pred["value"], str) else []
    joiners = list(_SPAN_JOINER.finditer(pred["text"])) if len(ends) == 2 else []
    words = [m for m in joiners if not m.group().strip().startswith(("-", "–", "—"))] or joiners
    if not words:
        return [pred]
    cut = words[-1]
    first = {**pred, "end": pred["start"] + cut.start(), "value": ends[0], "text": pred["text"][: cut.start()]}
    second = {**pred, "start": pred["start"] + cut.end(), "value": ends[1], "text": pred["text"][cut.end() :]}
    return [first, second]


def overlaps(a: dict, b: dict) -> bool:
    """Character spans [start, end) share at least one character."""
    return a["start"] < b["end"] and b["start"] < a["end"]


def score_dates(timexes: list[dict], predicted: list[dict]) -> dict:
    """Score one document's date predictions ({"start", "end", "value"}) against its TIMEX3s.

    Gold is the DATE TIMEX3s; a prediction overlapping a non-DATE TIMEX3 and no DATE one
    is ignored. Span and value are each matched greedily one-to-one (gold in order,
    first overlapping unused prediction; for value it must also have the same
    normalized value). Returns {"gold", "pred", "span", "value"} counts and, for error
    listings, "missed" (gold without overlap), "wrong" ((gold, pred) overlapping with
    a different value) and "false" (scored predictions overlapping no DATE)."""
    gold = [t for t in timexes if t["type"] == "DATE"]
    other = [t for t in timexes if t["type"] != "DATE"]
    preds = [p for p in predicted
             if any(overlaps(p, g) for g in gold) or not any(overlaps(p, o) for o in other)]

    def matching(same_value: bool) -> list[tuple[int, int]]:
        used, pairs = set(), []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(preds):
                if pi in used or not overlaps(g, p):
                    continue
                if same_value and (normalize_value(p["value"]) is None
                                   or normalize_value(p["value"]) != normalize_value(g["value"])):
                    continue
                used.add(pi)
                pairs.append((gi, pi))
                break
        return pairs

    span, value = matching(False), matching(True)
    value_ok = {g for g, _ in value}
    span_gold = {g for g, _ in span}
    return {
        "gold": len(gold), "pred": len(preds), "span": len(span), "value": len(value),
        "missed": [gold[g] for g in range(len(gold)) if g not in span_gold],
        "wrong": [(gold[g], preds[p]) for g, p in span if g not in value_ok],
        "false": [preds[p] for p in range(len(preds)) if p not in {q for _, q in span}],
    }


def prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall, F1 in percent (0 when undefined)."""
    p = 100.0 * tp / n_pred if n_pred else 0.0
    r = 100.0 * tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def context(text: str, start: int, end: int, width: int = 60) -> str:
    """The text around [start, end) on one line, the span in [[ ]]."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


HALVES = ("tune", "validate")


def half_of(paths: list[Path], half: str | None) -> list[Path]:
    """The documents of one half: each corpus's files sorted by name, alternating (the
    first, third, ... are tune; the second, fourth, ... validate); all of them for None.
    Error listings are read on tune only, so validate says whether a change generalizes."""
    ordered = sorted(paths, key=lambda p: p.name)
    if half is None:
        return ordered
    return ordered[HALVES.index(half)::2]


def run(root: Path, errors: int, half: str | None = None) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import checker

    totals = {c: dict.fromkeys(["docs", "gold", "pred", "span", "value"], 0) for c in CORPORA}
    missed, wrong, false = [], [], []
    chars, began = 0, time.perf_counter()
    for corpus in CORPORA:
        for path in half_of(list((root / corpus).glob("*.tml")), half):
            doc = parse_tml(path.read_bytes())
            text = doc["text"]
            chars += len(text)
            claims = checker.extract_text(text, published=dct_date(doc["dct"]), document=path.stem)
            preds = [end for c in claims if str(getattr(c.kind, "value", c.kind)) == "date"
                     for end in span_ends({"start": c.start, "end": c.end, "value": c.value, "text": c.text})]
            counts = score_dates(doc["timexes"], preds)
            totals[corpus]["docs"] += 1
            for key in ("gold", "pred", "span", "value"):
                totals[corpus][key] += counts[key]
            where = f"{corpus}/{path.stem} (DCT {doc['dct']})"
            missed += [(where, text, g) for g in counts["missed"]]
            wrong += [(where, text, g, p) for g, p in counts["wrong"]]
            false += [(where, text, p) for p in counts["false"]]
    elapsed = time.perf_counter() - began

    totals["both"] = {k: sum(totals[c][k] for c in CORPORA) for k in totals[CORPORA[0]]}
    print("DATE TIMEX3s, relaxed span match (overlap); value = overlap + equal value"
          + (f"; {half} half of the documents" if half else "; all documents"))
    print(f"{'corpus':<10}{'docs':>5}{'gold':>6}{'pred':>6}   {'span P':>6}{'R':>6}{'F1':>6}"
          f"   {'value P':>7}{'R':>6}{'F1':>6}")
    for name, t in totals.items():
        sp = prf(t["span"], t["gold"], t["pred"])
        va = prf(t["value"], t["gold"], t["pred"])
        print(f"{name:<10}{t['docs']:>5}{t['gold']:>6}{t['pred']:>6}   "
              f"{sp[0]:6.1f}{sp[1]:6.1f}{sp[2]:6.1f}   {va[0]:7.1f}{va[1]:6.1f}{va[2]:6.1f}")
    print("published value F1 (TempEval-3 test set, all TIMEX3 types, not strictly comparable): "
          + ", ".join(f"{k} {v}" for k, v in PUBLISHED.items()))
    print(f"time {elapsed:.1f}s, {totals['both']['docs'] / elapsed:.1f} documents/s, "
          f"{chars / elapsed / 1000:.0f}k chars/s")
    if errors:
        print(f"\n--- missed DATEs ({len(missed)}), first {errors}")
        for where, text, g in missed[:errors]:
            print(f"  {g['value']:<12} {where}\n      | {context(text, g['start'], g['end'])}")
        print(f"\n--- wrong values ({len(wrong)}), first {errors}")
        for where, text, g, p in wrong[:errors]:
            print(f"  gold {g['value']!s:<12} ours {p['value']!s:<12} {where}\n"
                  f"      | {context(text, p['start'], p['end'])}")
        print(f"\n--- false dates ({len(false)}), first {errors}")
        for where, text, p in false[:errors]:
            print(f"  {p['value']!s:<12} {where}\n      | {context(text, p['start'], p['end'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the timebank directory (holds TimeBank/ and AQUAINT/)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N missed dates, N wrong values and N false dates")
    parser.add_argument("--half", choices=HALVES, default=None,
                        help="score one half of the documents (sorted names, alternating); default all")
    args = parser.parse_args(argv)
    if not all((args.path / c).is_dir() for c in CORPORA):
        print(f"error: {args.path} does not hold TimeBank/ and AQUAINT/", file=sys.stderr)
        return 2
    run(args.path, args.errors, args.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
