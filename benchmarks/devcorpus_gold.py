"""Convert the development corpus's planted facts to the judgement gold format.

    python benchmarks/devcorpus_gold.py > tests/devcorpus/gold/judgement.json

`tests/devcorpus/gold/facts.yaml` names claims by document, text and the n-th
gold claim with that text in the document's body; the judgement gold
(`benchmarks/judgement.py`, the real-news gold's format) counts the n-th
appearance in the whole file, front matter included. Kinds and values come
from `extraction.yaml`. Verdicts map: agreement -> agreements, contradiction
-> contradictions (cross), internal -> contradictions (internal), trap -> traps.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "devcorpus"
SECTION = {"agreement": "agreements", "contradiction": "contradictions", "internal": "contradictions", "trap": "traps"}


def whole_file_occurrence(text: str, surface: str, nth_in_body: int) -> int:
    """The occurrence number, counted over the whole file, of the n-th appearance in the body."""
    body = text.index("\n---", 3) + 4
    at = body - 1
    for _ in range(nth_in_body):
        at = text.index(surface, at + 1)
    count, hit = 0, -1
    while hit != at:
        hit = text.index(surface, hit + 1)
        count += 1
    return count


def convert() -> dict:
    extraction = {d["document"]: d["claims"] for d in yaml.safe_load((CORPUS / "gold" / "extraction.yaml").read_text())}
    gold: dict = {"claims": [], "agreements": [], "contradictions": [], "traps": [], "neutral": []}
    ids: dict[tuple, str] = {}
    for fact in yaml.safe_load((CORPUS / "gold" / "facts.yaml").read_text()):
        names = []
        for ref in fact["claims"]:
            key = (ref["document"], ref["text"], ref.get("occurrence", 1))
            if key not in ids:
                ids[key] = f"dev{len(ids) + 1}"
                known = [c for c in extraction[ref["document"]] if c["text"] == ref["text"]][key[2] - 1]
                text = (CORPUS / ref["document"]).read_text(encoding="utf-8")
                gold["claims"].append({"id": ids[key], "file": ref["document"], "text": ref["text"],
                                       "occurrence": whole_file_occurrence(text, ref["text"], key[2]),
                                       "kind": known["kind"], "value": known.get("value"), "unit": known.get("unit")})
            names.append(ids[key])
        entry = {"id": fact["id"], "claims": names, "why": fact.get("why", "")}
        if fact["verdict"] in ("contradiction", "internal"):
            entry["scope"] = "cross" if fact["verdict"] == "contradiction" else "internal"
        gold[SECTION[fact["verdict"]]].append(entry)
    return gold


if __name__ == "__main__":
    json.dump(convert(), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
