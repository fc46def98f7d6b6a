"""SARIF and GitHub annotations: valid, pointing at the claims, stable and deterministic.

`tests/test_sarif_schema.py` validates `check` and `report` SARIF against the
official SARIF 2.1.0 JSON schema (`../shared/schemas/`, with the jsonschema
package); the checks below hold the output to what code scanning relies on
(locations, fingerprints, determinism) beyond what a schema can say.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from checker.documents import load_documents
from checker.engine import Finding, Severity, Verdict, check, load_ruleset
from checker.models import Claim, Document, Kind
from checker.render.annotations import github_annotations, line_col
from checker.render.sarif import FINGERPRINT, log_pieces, report_sarif

from .conftest import ROOT

LEVELS = {"none", "note", "warning", "error"}


def corpus(extractor, *paths):
    documents = load_documents(paths)
    claims = [c for d in documents for c in extractor.document(d).claims]
    return documents, claims, check(claims, documents)


@pytest.fixture(scope="module")
def seeds(extractor):
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # document ids (and so SARIF uris) are relative to the working folder
        return corpus(extractor, "seeds")


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.fixture(scope="module")
def sarif_text(seeds, ruleset):
    return report_sarif(*seeds, ruleset, tool_version="0.1.0")


@pytest.fixture(scope="module")
def sarif(sarif_text):
    return json.loads(sarif_text)


def _message_ok(message) -> bool:
    return isinstance(message, dict) and (isinstance(message.get("text"), str) or isinstance(message.get("id"), str))


def _check_location(loc):
    physical = loc["physicalLocation"]
    artifact = physical["artifactLocation"]
    assert artifact["uri"] and not artifact["uri"].startswith("/") and "\\" not in artifact["uri"]
    assert artifact["uriBaseId"] == "%SRCROOT%"
    assert artifact["index"] >= 0
    region = physical["region"]
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        assert isinstance(region[key], int) and region[key] >= 1, key
    assert region["charOffset"] >= 0 and region["charLength"] >= 0
    assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])


def test_required_properties_of_the_2_1_0_schema(sarif):
    """What the schema requires: sarifLog {version, runs}, run {tool}, tool {driver},
    toolComponent {name}, reportingDescriptor {id}, result {message with text or id},
    artifact locations with a uri, regions >= 1, levels from the enumeration."""
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and sarif["version"] == "2.1.0"
    assert isinstance(sarif["runs"], list) and len(sarif["runs"]) == 1
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "checker" and driver["version"] == "0.1.0" and "informationUri" not in driver
    for run in sarif["runs"]:
        assert "driver" in run["tool"] and isinstance(run["tool"]["driver"]["name"], str)
        assert run["columnKind"] in {"utf16CodeUnits", "unicodeCodePoints"}
        rules = run["tool"]["driver"]["rules"]
        assert len({r["id"] for r in rules}) == len(rules)
        for rule in rules:
            assert isinstance(rule["id"], str) and rule["id"]
            for key in ("shortDescription", "fullDescription", "help"):
                assert _message_ok(rule[key]), (rule["id"], key)
            assert rule["defaultConfiguration"]["level"] in LEVELS
        for artifact in run["artifacts"]:
            assert artifact["location"]["uri"]
            assert re.fullmatch(r"[^/]+/.+", artifact.get("mimeType", "text/plain"))
        assert run["results"]
        for result in run["results"]:
            assert _message_ok(result["message"])
            assert result["level"] in LEVELS
            assert set(result["partialFingerprints"]) == {FINGERPRINT}
            ids = [loc["id"] for loc in result.get("relatedLocations", [])]
            assert len(set(ids)) == len(ids) and all(isinstance(i, int) and i >= 0 for i in ids)
            for loc in result["locations"] + result.get("relatedLocations", []):
                _check_location(loc)


def test_one_descriptor_per_rule_and_results_point_at_them(sarif, ruleset):
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.id for r in ruleset.rules)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule, descriptor in zip(ruleset.rules, rules):
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity.value]
        assert rule.spec.example.bad.strip() in descriptor["help"]["text"]
        assert rule.spec.example.good.strip() in descriptor["help"]["text"]
        assert descriptor["shortDescription"]["text"].endswith(".")
        assert len(descriptor["shortDescription"]["text"]) <= len(descriptor["fullDescription"]["text"])
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_problems_are_results_and_agreements_are_not(seeds, sarif):
    _, _, findings = seeds
    assert {f.verdict for f in findings} >= {Verdict.AGREEMENT, Verdict.CONTRADICTION, Verdict.INTERNAL}
    reported = [f for f in findings if f.verdict is not Verdict.AGREEMENT]
    results = sarif["runs"][0]["results"]
    assert sorted(r["properties"]["finding"] for r in results) == sorted(f.id for f in reported)
    by_id = {f.id: f for f in findings}
    for result in results:
        finding = by_id[result["properties"]["finding"]]
        assert result["message"]["text"] == finding.message
        if finding.verdict is Verdict.SINGLE_SOURCE:
            assert result["level"] == "note"
        else:
            assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.value]


def _slice(text: str, region: dict) -> str:
    lines = text.split("\n")
    first, last = region["startLine"] - 1, region["endLine"] - 1
    if first == last:
        return lines[first][region["startColumn"] - 1:region["endColumn"] - 1]
    middle = lines[first + 1:last]
    return "\n".join([lines[first][region["startColumn"] - 1:], *middle, lines[last][:region["endColumn"] - 1]])


def test_regions_point_at_the_claims(seeds, sarif):
    documents, claims, findings = seeds
    texts = {d.id: d.text for d in documents}
    run = sarif["runs"][0]
    artifacts = [a["location"]["uri"] for a in run["artifacts"]]
    assert artifacts == sorted(texts)
    by_id = {f.id: f for f in findings}
    claim_by_id = {c.id: c for c in claims}
    checked = 0
    for result in run["results"]:
        cited = [claim_by_id[i] for i in by_id[result["properties"]["finding"]].claims]
        locations = result["locations"] + result.get("relatedLocations", [])
        assert len(locations) == len(cited)
        for claim, loc in zip(cited, locations):
            physical = loc["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert uri == claim.document and artifacts[physical["artifactLocation"]["index"]] == uri
            region = physical["region"]
            assert _slice(texts[uri], region) == claim.text
            assert texts[uri][region["charOffset"]:region["charOffset"] + region["charLength"]] == claim.text
            checked += 1
    assert checked >= len(run["results"])


WIRE = "---\ntitle: Wire\nsource: Wire\npublished: 2025-10-30\n---\n" \
       "Japan pledged $550 billion in investments in the United States, officials said on Thursday.\n"
BLOG_BODY = "Japan pledged $500 billion in investments in the United States, the blog said.\n\n" \
            "The deal includes $300 billion (approximately 790 trillion yen) of spending.\n"
BLOG_HEAD = "---\ntitle: Blog\nsource: Blog\npublished: 2025-10-31\n---\n"


def _tiny(extractor, folder, monkeypatch, *, extra: str = ""):
    folder.mkdir()
    (folder / "wire.md").write_text(WIRE, encoding="utf-8")
    (folder / "blog.md").write_text(BLOG_HEAD + extra + BLOG_BODY, encoding="utf-8")
    monkeypatch.chdir(folder)
    return json.loads(report_sarif(*corpus(extractor, "."), load_ruleset(), tool_version="0.1.0"))


def _by_rule(sarif) -> dict[str, list]:
    out: dict[str, list] = {}
    for result in sarif["runs"][0]["results"]:
        out.setdefault(result["ruleId"], []).append(result)
    return out


def test_fingerprints_survive_text_inserted_above(extractor, tmp_path, monkeypatch):
    before = _tiny(extractor, tmp_path / "a", monkeypatch)
    after = _tiny(extractor, tmp_path / "b", monkeypatch,
                  extra="An editor's note opens the page,\nwrapping onto the next line.\n\n")
    old, new = _by_rule(before), _by_rule(after)
    assert {"figure-consistency", "conversion-consistency"} <= set(old)
    assert set(old) == set(new)
    for rule in old:
        assert sorted(r["partialFingerprints"][FINGERPRINT] for r in old[rule]) == \
               sorted(r["partialFingerprints"][FINGERPRINT] for r in new[rule])
    # ...although the internal finding's claims really did move down three lines
    moved = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in (old["conversion-consistency"][0], new["conversion-consistency"][0])]
    assert moved[1] == moved[0] + 3
    fingerprints = [r["partialFingerprints"][FINGERPRINT] for r in before["runs"][0]["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_output_is_byte_identical_across_runs(seeds, ruleset, sarif_text, extractor, tmp_path, monkeypatch):
    documents, claims, findings = seeds
    assert report_sarif(documents, claims, findings, ruleset, tool_version="0.1.0") == sarif_text
    shuffled = report_sarif(documents[::-1], claims[::-1], findings[::-1], ruleset.rules[::-1], tool_version="0.1.0")
    assert shuffled == sarif_text  # the order things arrive in does not matter
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)  # nor where the corpus lives: same relative paths, same bytes
    assert report_sarif(*corpus(extractor, "seeds"), load_ruleset(), tool_version="0.1.0") == sarif_text
    assert sarif_text.endswith("}\n") and "\r" not in sarif_text


@pytest.mark.parametrize("results", [0, 1, 3])
def test_the_log_in_pieces_is_the_log_dumped_whole(sarif_text, results):
    """Written a piece at a time (the head, each result, the close), the log is its JSON dumped
    whole, indented by two, with no results, one or several."""
    run = json.loads(sarif_text)["runs"][0]
    assert len(run["results"]) >= 3
    kept = run["results"][:results]
    pieces = list(log_pieces(run["tool"]["driver"]["rules"], run["artifacts"], kept,
                             tool_version=run["tool"]["driver"]["version"]))
    whole = json.loads(sarif_text)
    whole["runs"][0]["results"] = kept
    assert "".join(pieces) == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert len(pieces) == max(1, results + 1)


def _doc(path: str, text: str) -> Document:
    return Document(id=path, path=path, sha256="0" * 64, text=text)


def _claim(claim_id: str, document: Document, text: str) -> Claim:
    start = document.text.index(text)
    line_start = document.text.rfind("\n", 0, start) + 1
    line_end = document.text.find("\n", start)
    return Claim(id=claim_id, document=document.id, start=start, end=start + len(text), text=text,
                 kind=Kind.MONEY, sentence=document.text[line_start:line_end], sentence_start=line_start)


def _finding(rule, verdict, severity, claims, message) -> Finding:
    return Finding(id=f"f-{rule}-{message}", rule=rule, verdict=verdict, severity=severity, claims=claims,
                   message=message)


def test_line_col():
    text = "ab\ncd\r\nef\n"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 2) == (1, 3)  # the newline itself ends line 1
    assert line_col(text, 3) == (2, 1)
    assert line_col(text, 7) == (3, 1)  # CRLF counts once
    assert line_col(text, len(text)) == (4, 1)
    assert line_col("día € 5", 6) == (1, 7)  # columns count characters, not bytes


def test_github_annotation_escaping_and_place():
    doc = _doc("news,2025/a:b.md", "Title\n\nIt cost $5 million.\nOthers said $6 million.\n")
    first, second = _claim("c1", doc, "$5 million"), _claim("c2", doc, "$6 million")
    message = "100% off:\nsee, here\r"
    findings = [
        _finding("figure-consistency", Verdict.INTERNAL, Severity.WARNING, ["c1", "c2"], message),
        _finding("figure-consistency", Verdict.AGREEMENT, Severity.INFO, ["c1", "c2"], "agree"),
        _finding("single-source", Verdict.SINGLE_SOURCE, Severity.INFO, ["c1"], "only one"),
        _finding("fact-sheet", Verdict.CONTRADICTION, Severity.INFO, ["fact:pledge", "c2"], "a, b"),
        _finding("fact-sheet", Verdict.CONTRADICTION, Severity.ERROR, ["fact:pledge"], "no place"),
    ]
    out = github_annotations([doc], [first, second], findings)
    assert out.splitlines() == [
        ("::warning file=news%2C2025/a%3Ab.md,line=3,col=9,endLine=3,endColumn=19,"
         "title=figure-consistency::100%25 off:%0Asee, here%0D"),
        "::notice file=news%2C2025/a%3Ab.md,line=4,col=13,endLine=4,endColumn=23,title=fact-sheet::a, b",
        "::error title=fact-sheet::no place",
    ]
    assert out.endswith("\n")
    assert github_annotations([doc], [first, second], findings[1:3]) == ""


def test_github_annotations_on_the_seeds(seeds):
    documents, claims, findings = seeds
    out = github_annotations(documents, claims, findings)
    problems = [f for f in findings if f.verdict in (Verdict.CONTRADICTION, Verdict.INTERNAL)]
    lines = out.splitlines()
    assert len(lines) == len(problems) >= 2
    texts = {d.id: d.text for d in documents}
    by_id = {c.id: c for c in claims}
    pattern = re.compile(r"::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
                         r"endColumn=(\d+),title=([^,:]+)::(.+)")
    for line, finding in zip(lines, problems):
        match = pattern.fullmatch(line)
        assert match, line
        level, path, l1, c1, l2, c2, title, _ = match.groups()
        claim = by_id[finding.claims[0]]
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.value]
        assert (path, title) == (claim.document, finding.rule)
        region = {"startLine": int(l1), "startColumn": int(c1), "endLine": int(l2), "endColumn": int(c2)}
        assert _slice(texts[path], region) == claim.text


def test_sarif_keeps_findings_it_cannot_place(ruleset):
    """A fact-sheet finding cites a fact that lives in no document, and a rule may be
    unknown to the ruleset given: the result stays, valid, with what can be placed."""
    doc = _doc("a.md", "It cost $5 million.\n")
    claim = _claim("c1", doc, "$5 million")
    findings = [
        _finding("fact-sheet", Verdict.CONTRADICTION, Severity.ERROR, ["fact:cost", "c1"], "differs from the sheet"),
        _finding("custom-rule", Verdict.INTERNAL, Severity.WARNING, ["fact:cost"], "nowhere"),
    ]
    run = json.loads(report_sarif([doc], [claim], findings, ruleset, tool_version="1"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    located, unplaced = sorted(run["results"], key=lambda r: "locations" not in r)
    assert located["locations"][0]["physicalLocation"]["region"]["startColumn"] == 9
    assert "relatedLocations" not in located and "locations" not in unplaced
    assert rules[unplaced["ruleIndex"]] == {"id": "custom-rule"} and unplaced["level"] == "warning"
