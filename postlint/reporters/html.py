"""One self-contained HTML report for a whole archive: no network, inline CSS, SVG and script.

Totals, a bar chart of findings per rule, findings per folder and per source host, the worst files, and a
findings table that can be filtered by rule and severity (also from the address: ``#rule=PL301&severity=
warning``). Each finding links to its rule's documentation, which is included in the page.
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter
from typing import TextIO

from postlint import __version__
from postlint.findings import RunResult
from postlint.reporters import ReportOptions, severity_counts_text

CSS = """
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --error:#cf222e; --warning:#9a6700; --info:#0969da; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 2rem auto;
       max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.total { border: 1px solid var(--line); border-radius: 8px; padding: .6rem 1rem; min-width: 8rem; }
.total b { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem;
        border-bottom: 1px solid var(--line); vertical-align: top; } td.n { text-align: right; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
.filters { display: flex; gap: 1rem; align-items: center; margin: .8rem 0; }
svg text { font: 12px system-ui, sans-serif; fill: var(--fg); }
details { margin: .3rem 0; } pre { white-space: pre-wrap; background: #f6f8fa; padding: .8rem; border-radius: 6px; }
"""

SCRIPT = """
(function () {
  var rule = document.getElementById('filter-rule');
  var severity = document.getElementById('filter-severity');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var counter = document.getElementById('shown');
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!rule.value || row.dataset.rule === rule.value) &&
                    (!severity.value || row.dataset.severity === severity.value);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    counter.textContent = shown;
    var state = [];
    if (rule.value) { state.push('rule=' + rule.value); }
    if (severity.value) { state.push('severity=' + severity.value); }
    history.replaceState(null, '', state.length ? '#' + state.join('&') : location.pathname);
  }
  function fromAddress() {
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var parts = pair.split('=');
      if (parts[0] === 'rule') { rule.value = decodeURIComponent(parts[1] || ''); }
      if (parts[0] === 'severity') { severity.value = decodeURIComponent(parts[1] || ''); }
    });
  }
  rule.addEventListener('change', apply);
  severity.addEventListener('change', apply);
  if (/(^|[#&])(rule|severity)=/.test(location.hash)) { fromAddress(); }
  apply();
  document.body.setAttribute('data-ready', 'yes');
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _bar_chart(counts: list[tuple[str, str, int]]) -> str:
    if not counts:
        return '<p class="muted">No findings.</p>'
    width, bar_height, gap, label_width = 760, 18, 6, 260
    top = max(count for _, _, count in counts)
    height = len(counts) * (bar_height + gap) + gap
    parts = [
        f'<svg id="chart" role="img" aria-label="Findings per rule" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for position, (code, name, count) in enumerate(counts):
        y = gap + position * (bar_height + gap)
        length = max(2, int((width - label_width - 60) * count / top))
        parts.append(
            f'<a href="#rule-{_e(code)}"><text x="0" y="{y + 13}">{_e(code)} {_e(name)}</text></a>'
            f'<rect class="bar" data-rule="{_e(code)}" x="{label_width}" y="{y}" width="{length}" '
            f'height="{bar_height}" rx="3" fill="#0969da"><title>{_e(code)}: {count}</title></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 13}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(title: str, rows: list[tuple[str, int]], first: str) -> str:
    body = "".join(f"<tr><td><code>{_e(key)}</code></td><td class=n>{count}</td></tr>" for key, count in rows)
    return (
        f"<div><h2>{_e(title)}</h2><table><thead><tr><th>{_e(first)}</th><th>findings</th></tr></thead>"
        f"<tbody>{body or '<tr><td colspan=2 class=muted>none</td></tr>'}</tbody></table></div>"
    )


def render(result: RunResult) -> str:
    findings = result.findings
    per_rule = Counter((f.code, f.name) for f in findings)
    rule_counts = [(code, name, count) for (code, name), count in sorted(per_rule.items(), key=lambda i: (-i[1], i[0]))]
    folders = Counter(posixpath.dirname(f.path.replace("\\", "/")) or "." for f in findings)
    hosts = Counter(result.source_hosts.get(f.path) or "(no source URL)" for f in findings)
    files = Counter(f.path for f in findings)
    counts = result.counts()
    options_rule = "".join(
        f'<option value="{_e(code)}">{_e(code)} {_e(name)} ({count})</option>' for code, name, count in rule_counts
    )
    rows = "".join(
        f'<tr data-rule="{_e(f.code)}" data-severity="{_e(f.severity.value)}">'
        f"<td><code>{_e(f.path)}:{f.line}:{f.column}</code></td>"
        f'<td class="sev-{_e(f.severity.value)}">{_e(f.severity.value)}</td>'
        f'<td><a href="#rule-{_e(f.code)}"><code>{_e(f.code)}</code></a></td><td>{_e(f.message)}</td></tr>'
        for f in findings
    )
    docs = "".join(
        f'<details id="rule-{_e(info.code)}"><summary><code>{_e(info.code)}</code> {_e(info.name)} '
        f'<span class="muted">({_e(info.severity.value)})</span></summary><pre>{_e(info.doc or info.summary)}</pre>'
        "</details>"
        for info in sorted({i.code: i for i in result.rules}.values(), key=lambda i: i.code)
    )
    summary = severity_counts_text(result) or "none"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>postlint report</title><style>{CSS}</style></head>
<body>
<h1>postlint report</h1>
<p class="muted">postlint {_e(__version__)} &middot; {result.files_checked} files checked</p>
<div class="totals">
<div class="total"><b id="total">{len(findings)}</b>findings ({_e(summary)})</div>
<div class="total"><b class="sev-error">{counts["error"]}</b>errors</div>
<div class="total"><b class="sev-warning">{counts["warning"]}</b>warnings</div>
<div class="total"><b class="sev-info">{counts["info"]}</b>info</div>
<div class="total"><b>{len(files)}</b>files with findings</div>
</div>
<h2>Findings per rule</h2>
{_bar_chart(rule_counts)}
<div class="columns">
{_table("Findings per folder", folders.most_common(20), "folder")}
{_table("Findings per source host", hosts.most_common(20), "source host")}
</div>
{_table("Worst files", files.most_common(20), "file")}
<h2>Findings</h2>
<div class="filters">
<label>Rule <select id="filter-rule"><option value="">all rules</option>{options_rule}</select></label>
<label>Severity <select id="filter-severity"><option value="">all</option><option value="error">error</option>
<option value="warning">warning</option><option value="info">info</option></select></label>
<span class="muted"><span id="shown">{len(findings)}</span> shown</span>
</div>
<table id="findings"><thead><tr><th>location</th><th>severity</th><th>rule</th><th>message</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Rules</h2>
{docs}
<script>{SCRIPT}</script>
</body></html>
"""


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(render(result))
