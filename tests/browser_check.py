"""The seed report's HTML in a real browser: Debian chromium, headless, fully offline.

Unit tests can parse the HTML but not see it, nor know whether the inline
filter script actually runs under the page's Content-Security-Policy. This
renders the seed report, screenshots it for a person to look at, and reads
back the DOM chromium built, so a CSP hash mismatch or a script error shows.

    pytest tests/browser_check.py          # skips when chromium is not installed
    python tests/browser_check.py [OUT.png]  # writes the screenshot (default reports/seeds.png)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from checker.documents import load_documents
from checker.engine import check
from checker.extract import Extractor
from checker.render.html import report_html

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BADGES = ("contradicts", "internal", "agrees", "single source")
TIMEOUT = 120


def seed_report(extractor: Extractor | None = None) -> tuple[str, int]:
    """The seed corpus's HTML report and how many findings it shows."""
    extractor = extractor or Extractor()
    documents = load_documents([str(ROOT / "seeds")])
    claims = [c for d in documents for c in extractor.document(d).claims]
    findings = check(claims, documents)
    return report_html(documents, claims, findings), len(findings)


def chromium(page: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless chromium run over a local file, with a fresh throwaway profile."""
    binary = shutil.which("chromium")
    if binary is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="checker-chromium-") as profile:
        return subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=TIMEOUT, check=True,
        )


def screenshot(page: Path, png: Path, size: str = "1280,2000") -> Path:
    png.parent.mkdir(parents=True, exist_ok=True)
    chromium(page, f"--window-size={size}", f"--screenshot={png.resolve()}")
    return png


def dump_dom(page: Path) -> str:
    """The DOM after the page's script ran, as chromium serializes it."""
    return chromium(page, "--window-size=1280,2000", "--dump-dom").stdout


def test_seed_report_in_chromium(tmp_path, extractor):
    import pytest

    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed")
    html, count = seed_report(extractor)
    page = tmp_path / "seeds.html"
    page.write_text(html, encoding="utf-8")

    png = screenshot(page, tmp_path / "seeds.png")
    assert png.exists() and png.stat().st_size > 20_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    dom = dump_dom(page)
    for label in BADGES:
        assert f">{label}</span>" in dom, label
    # Only the inline script writes this line: it ran, so the CSP hash matches it.
    assert f"{count} of {count} findings shown" in dom
    assert '<div id="filters">' in dom  # the script unhid the filters

    # Untick "contradicts" in a copy: the script must hide those cards and the emptied section.
    unticked = html.replace('value="contradiction" checked>', 'value="contradiction">', 1)
    assert unticked != html
    page.write_text(unticked, encoding="utf-8")
    dom = dump_dom(page)
    cards = re.findall(r"<article [^>]*>", dom)
    assert cards and all(("hidden" in c) == ('data-verdict="contradiction"' in c) for c in cards)
    hidden = sum('data-verdict="contradiction"' in c for c in cards)
    assert f"{count - hidden} of {count} findings shown" in dom
    assert re.search(r'<section class="verdict" data-verdict="contradiction" hidden', dom)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "reports" / "seeds.png"
    html, count = seed_report()
    with tempfile.TemporaryDirectory(prefix="checker-report-") as folder:
        page = Path(folder) / "seeds.html"
        page.write_text(html, encoding="utf-8")
        screenshot(page, out)
        dom = dump_dom(page)
    missing = [label for label in BADGES if f">{label}</span>" not in dom]
    print(f"{out}: {out.stat().st_size} bytes, {count} findings; badges missing: {missing or 'none'}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
