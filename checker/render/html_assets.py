"""The HTML report's style sheet and filter script, inline in every page (it fetches nothing).

The script hides the findings the filters leave out (verdict, outlet, rule,
severity; each with select all / none), recounts every heading that has a
`data-count` (sections, collapsed sections, stories) and hides a story left
empty, so the numbers an editor reads always match what is on screen. The
page's Content-Security-Policy allows these two blocks by hash only.
"""

CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;
--contradiction:#b42318;--internal:#8e3ba8;--agreement:#1a7f37;--single-source:#9a6700}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
header,main{max-width:1240px;margin:0 auto;padding:16px 24px}
header{padding-top:24px}
h1{font-size:1.7rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.totals{margin:0 0 10px;color:var(--muted)}
.counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:0 0 16px;padding:0}
.badge{display:inline-block;padding:1px 10px;border-radius:999px;font-weight:600;font-size:.85rem;
color:#fff;white-space:nowrap;border:1px solid transparent}
.b-contradiction{background:var(--contradiction)}
.b-internal{background:var(--internal)}
.b-agreement{background:var(--agreement)}
.b-single-source{background:#fff8c5;color:#6b4700;border-color:#d4a72c}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{padding:5px 10px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
tr:last-child td{border-bottom:0}
th{background:#eef1f4;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.doc{overflow-wrap:anywhere;min-width:14em}
.url{display:block;color:var(--muted);font-size:.8rem}
td.zero{color:#8c959f}
td.date{white-space:nowrap}
td.title{min-width:13em}
td.pub{min-width:8em}
#filters{display:flex;flex-wrap:wrap;gap:10px 28px;margin-top:16px;padding:10px 16px;
background:var(--card);border:1px solid var(--line);border-radius:8px}
fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;min-width:0}
legend{float:left;font-weight:600;margin-right:6px}
#filters label{display:inline-flex;gap:5px;align-items:center;overflow-wrap:anywhere;cursor:pointer}
#shown{color:var(--muted);align-self:center;margin-left:auto}
.none{color:var(--muted);font-style:italic}
.finding{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--accent);
border-radius:8px;padding:12px 16px;margin:12px 0}
.finding[data-verdict=contradiction]{--accent:var(--contradiction)}
.finding[data-verdict=internal]{--accent:var(--internal)}
.finding[data-verdict=agreement]{--accent:var(--agreement)}
.finding[data-verdict=single-source]{--accent:#d4a72c}
.meta{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;font-size:.88rem}
.rule{font-weight:600}
.sev{padding:0 8px;border-radius:4px;border:1px solid var(--line);color:var(--muted)}
.sev-error{color:#a40e26;border-color:#f0b4bd;background:#ffebe9}
.sev-warning{color:#7d4e00;border-color:#e6c36b;background:#fff8c5}
.fid,.conf{color:var(--muted)}
.message{margin:8px 0 10px;overflow-wrap:anywhere}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,300px),1fr));gap:12px}
.column{min-width:0;padding:8px 12px;background:#f9fafb;border:1px solid var(--line);border-radius:6px}
.column h3{margin:0 0 6px;font-size:.9rem;line-height:1.35}
.column .doc-id{display:block;font-weight:400;font-size:.8rem;color:var(--muted);overflow-wrap:anywhere}
.claim{margin:0 0 8px}
.claim:last-child{margin-bottom:0}
blockquote{margin:0;font-family:Georgia,"Times New Roman",serif;font-size:1rem;overflow-wrap:anywhere}
mark{-webkit-box-decoration-break:clone;box-decoration-break:clone;background:#ffe066;color:inherit;padding:0 2px;border-radius:2px;box-shadow:0 0 0 1px #e0b700}
.value{margin:4px 0 0;font-size:.85rem;color:var(--muted)}
.surface{color:var(--fg)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;
background:#eef1f4;padding:1px 5px;border-radius:4px;overflow-wrap:anywhere;color:var(--fg)}
[hidden]{display:none!important}
@media (max-width:640px){header,main{padding:12px}h1{font-size:1.35rem}#shown{margin-left:0}}
details.verdict,details.sources-table{margin:28px 0 8px}
details>summary{cursor:pointer}
details>summary h2{display:inline;border:0;margin:0}
.rules{color:var(--muted);font-size:.88rem;margin:4px 0 0 18px}
.story{margin:18px 0 0}
.story>h3{font-size:1.05rem;margin:0 0 2px}
.story-docs{margin:0;color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
.finding.row{padding:6px 12px;margin:6px 0}
.row .message{margin:4px 0}
.cited{margin:0;font-size:.88rem;overflow-wrap:anywhere}
.pick{font-size:.8rem;padding:0 6px}
"""


SCRIPT = """
(function () {
  "use strict";
  var filters = document.getElementById("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  function ticked(name) {
    var on = {};
    filters.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
      if (box.checked) { on[box.value] = true; }
    });
    return on;
  }
  function apply() {
    var verdicts = ticked("verdict"), outlets = ticked("outlet"), rules = ticked("rule"),
      severities = ticked("severity"), shown = 0;
    cards.forEach(function (card) {
      var cited = JSON.parse(card.getAttribute("data-outlets"));
      var show = verdicts[card.getAttribute("data-verdict")] === true &&
        rules[card.getAttribute("data-rule")] === true &&
        severities[card.getAttribute("data-severity")] === true &&
        (cited.length === 0 || cited.some(function (s) { return outlets[s] === true; }));
      card.hidden = !show;
      if (show) { shown += 1; }
    });
    document.querySelectorAll("[data-count]").forEach(function (box) {
      var n = box.querySelectorAll(".finding:not([hidden])").length;
      box.querySelector(".count").textContent = String(n);
      var word = box.querySelector(".count-word");
      if (word) { word.textContent = n === 1 ? "finding" : "findings"; }
      if (box.classList.contains("story")) { box.hidden = n === 0; }
    });
    document.getElementById("shown").textContent =
      shown + " of " + cards.length + (cards.length === 1 ? " finding" : " findings") + " shown";
  }
  filters.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-select]");
    if (!button) { return; }
    var all = button.getAttribute("data-select") === "all";
    button.closest("fieldset").querySelectorAll("input").forEach(function (box) { box.checked = all; });
    apply();
  });
  filters.hidden = false;
  filters.addEventListener("change", apply);
  apply();
})();
"""
