"""One self-contained HTML report for a whole archive: no network, inline CSS, SVG and script.

Totals, what can be fixed and the command that fixes it, a bar chart of findings per rule, findings per
folder and per source host, the worst files, and a findings table that people fixing an archive can work
from: search, sort, filters by rule, severity, folder and file (kept in the address, so a view can be
shared: ``#rule=PL301&severity=warning``), pages of 100 rows, and the source line of each finding with its
column marked. Each finding links to its rule's documentation, which is included in the page.

The findings travel as JSON inside the page and are rendered on demand, a page of rows at a time, so the
report stays fast and small at 50,000 findings. Every string from a post or a path reaches the page either
HTML-escaped or through ``textContent``, never as markup.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from typing import TextIO

from postlint.core.model import Finding, Severity
from postlint.core.project import __version__
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions, severity_counts_text
from postlint.reporters._neutralise import html_text, terminal
from postlint.reporters._stream import neutralise

CSS = """
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --error:#cf222e; --warning:#9a6700; --info:#0969da;
        --mark:#fff1a8; --code:#f6f8fa; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 2rem auto;
       max-width: 1200px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.total { border: 1px solid var(--line); border-radius: 8px; padding: .6rem 1rem; min-width: 8rem; }
.total b { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem;
        border-bottom: 1px solid var(--line); vertical-align: top; } td.n { text-align: right; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
.filters { display: flex; gap: .8rem; align-items: center; flex-wrap: wrap; margin: .8rem 0; }
.filters input[type=search] { min-width: 16rem; }
svg text { font: 12px system-ui, sans-serif; fill: var(--fg); }
details { margin: .3rem 0; } pre { white-space: pre-wrap; background: var(--code); padding: .8rem; border-radius: 6px; }
pre.src { margin: .3rem 0 0; padding: .3rem .5rem; white-space: pre; overflow-x: auto; max-width: 60rem; }
pre.src mark { background: var(--mark); outline: 1px solid #d4a72c; }
th.sortable { cursor: pointer; user-select: none; } th.sortable:hover { text-decoration: underline; }
th[aria-sort=ascending]::after { content: " \\25B2"; } th[aria-sort=descending]::after { content: " \\25BC"; }
.pager { display: flex; gap: .8rem; align-items: center; margin: .8rem 0; }
.fixes code.command { background: var(--code); padding: .1rem .4rem; border-radius: 4px; }
a.filter { color: inherit; }
#findings { table-layout: fixed; } #findings th:nth-child(1) { width: 30%; }
#findings th:nth-child(2) { width: 5.5rem; } #findings th:nth-child(3) { width: 5rem; }
td.loc { word-break: break-all; } td.loc code { white-space: normal; }
pre.src { max-width: 100%; box-sizing: border-box; }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('findings-data').textContent);
  var sevRank = {error: 0, warning: 1, info: 2};
  var rows = data.findings.map(function (f, index) {
    var path = data.paths[f[0]];
    var cut = path.lastIndexOf('/');
    return {index: index, path: path, folder: cut < 0 ? '.' : path.slice(0, cut), line: f[1], column: f[2],
            endLine: f[3], endColumn: f[4], code: data.rules[f[5]][0], name: data.rules[f[5]][1],
            severity: f[6], message: f[7], fix: f[8], excerpt: f[9], excerptColumn: f[10],
            text: (path + ' ' + data.rules[f[5]][0] + ' ' + data.rules[f[5]][1] + ' ' + f[7]).toLowerCase()};
  });
  var pageSize = 100;
  var state = {q: '', rule: '', severity: '', folder: '', file: '', sort: 'location', dir: 'asc', page: 1};
  var $ = function (id) { return document.getElementById(id); };
  var controls = {q: $('filter-q'), rule: $('filter-rule'), severity: $('filter-severity'),
                  folder: $('filter-folder'), file: $('filter-file')};
  var keys = {
    location: function (r) { return [r.path, r.line, r.column, r.code]; },
    severity: function (r) { return [sevRank[r.severity], r.path, r.line, r.column]; },
    rule: function (r) { return [r.code, r.path, r.line, r.column]; },
    message: function (r) { return [r.message, r.path, r.line, r.column]; }
  };
  function compare(a, b) {
    for (var i = 0; i < a.length; i += 1) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function source(r) {
    var pre = el('pre', {'class': 'src'});
    if (!r.excerpt) { return null; }
    var chars = Array.from(r.excerpt);
    var at = Math.max(0, Math.min(chars.length, r.column - r.excerptColumn));
    var end = r.endLine === r.line ? r.endColumn - r.excerptColumn : chars.length;
    end = Math.max(at + 1, Math.min(chars.length, end));
    if (r.excerptColumn > 1) { pre.appendChild(document.createTextNode('\\u2026')); }
    pre.appendChild(document.createTextNode(chars.slice(0, at).join('')));
    pre.appendChild(el('mark', {}, chars.slice(at, end).join('') || ' '));
    pre.appendChild(document.createTextNode(chars.slice(end).join('')));
    pre.setAttribute('title', 'line ' + r.line + ', column ' + r.column);
    return pre;
  }
  function render(row) {
    var tr = el('tr', {'data-rule': row.code, 'data-severity': row.severity});
    var location = el('td', {'class': 'loc'});
    var link = el('a', {'class': 'filter', href: '#file=' + encodeURIComponent(row.path),
                        title: 'show only this file'});
    link.appendChild(el('code', {}, row.path + ':' + row.line + ':' + row.column));
    location.appendChild(link);
    tr.appendChild(location);
    tr.appendChild(el('td', {'class': 'sev-' + row.severity}, row.severity));
    var rule = el('td');
    var ruleLink = el('a', {href: '#rule-' + row.code, title: row.name});
    ruleLink.appendChild(el('code', {}, row.code));
    rule.appendChild(ruleLink);
    if (row.fix) { rule.appendChild(el('span', {'class': 'muted', title: row.fix + ' fix available'},
                                       row.fix === 'safe' ? ' fix' : ' fix*')); }
    tr.appendChild(rule);
    var message = el('td');
    message.appendChild(el('div', {}, row.message));
    var pre = source(row);
    if (pre) { message.appendChild(pre); }
    tr.appendChild(message);
    return tr;
  }
  function matching() {
    var q = state.q.toLowerCase();
    return rows.filter(function (r) {
      return (!state.rule || r.code === state.rule) && (!state.severity || r.severity === state.severity) &&
             (!state.folder || r.folder === state.folder || r.folder.indexOf(state.folder + '/') === 0) &&
             (!state.file || r.path === state.file) && (!q || r.text.indexOf(q) >= 0);
    });
  }
  function writeAddress() {
    var parts = [];
    ['rule', 'severity', 'folder', 'file', 'q'].forEach(function (key) {
      if (state[key]) { parts.push(key + '=' + encodeURIComponent(state[key])); }
    });
    if (state.sort !== 'location' || state.dir !== 'asc') { parts.push('sort=' + state.sort + '-' + state.dir); }
    if (state.page > 1) { parts.push('page=' + state.page); }
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }
  function readAddress() {
    var hash = location.hash.replace(/^#/, '');
    if (!/(^|&)(rule|severity|folder|file|q|sort|page)=/.test(hash)) { return false; }
    state = {q: '', rule: '', severity: '', folder: '', file: '', sort: 'location', dir: 'asc', page: 1};
    hash.split('&').forEach(function (pair) {
      var cut = pair.indexOf('=');
      if (cut < 0) { return; }
      var key = pair.slice(0, cut), value = decodeURIComponent(pair.slice(cut + 1));
      if (key === 'sort') {
        var sortParts = value.split('-');
        if (keys[sortParts[0]]) { state.sort = sortParts[0]; state.dir = sortParts[1] === 'desc' ? 'desc' : 'asc'; }
      } else if (key === 'page') {
        state.page = Math.max(1, parseInt(value, 10) || 1);
      } else if (state.hasOwnProperty(key)) {
        state[key] = value;
      }
    });
    return true;
  }
  function apply() {
    Object.keys(controls).forEach(function (key) { controls[key].value = state[key]; });
    var chosen = matching();
    var key = keys[state.sort];
    chosen.sort(function (a, b) {
      var order = compare(key(a), key(b)) || a.index - b.index;
      return state.dir === 'desc' ? -order : order;
    });
    var pages = Math.max(1, Math.ceil(chosen.length / pageSize));
    state.page = Math.min(state.page, pages);
    var body = document.querySelector('#findings tbody');
    var fragment = document.createDocumentFragment();
    chosen.slice((state.page - 1) * pageSize, state.page * pageSize).forEach(function (row) {
      fragment.appendChild(render(row));
    });
    body.replaceChildren(fragment);
    $('shown').textContent = chosen.length;
    $('page').textContent = state.page;
    $('pages').textContent = pages;
    $('previous').disabled = state.page <= 1;
    $('next').disabled = state.page >= pages;
    document.querySelectorAll('#findings th.sortable').forEach(function (th) {
      if (th.dataset.sort === state.sort) {
        th.setAttribute('aria-sort', state.dir === 'asc' ? 'ascending' : 'descending');
      } else {
        th.removeAttribute('aria-sort');
      }
    });
    writeAddress();
  }
  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener(key === 'q' || key === 'file' ? 'input' : 'change', function () {
      state[key] = controls[key].value;
      state.page = 1;
      apply();
    });
  });
  document.querySelectorAll('#findings th.sortable').forEach(function (th) {
    th.addEventListener('click', function () {
      state.dir = state.sort === th.dataset.sort && state.dir === 'asc' ? 'desc' : 'asc';
      state.sort = th.dataset.sort;
      apply();
    });
  });
  $('previous').addEventListener('click', function () { state.page -= 1; apply(); });
  $('next').addEventListener('click', function () { state.page += 1; apply(); });
  window.addEventListener('hashchange', function () {
    if (readAddress()) { apply(); $('findings-heading').scrollIntoView(); }
  });
  readAddress();
  apply();
  document.body.setAttribute('data-ready', 'yes');
})();
"""


def _e(text: object) -> str:
    """Text and attribute values: HTML-escaped, with control, bidi and invisible characters shown."""
    return html_text(text)


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
            f'<a href="#rule={_e(code)}"><text x="0" y="{y + 13}">{_e(code)} {_e(name)}</text></a>'
            f'<rect class="bar" data-rule="{_e(code)}" x="{label_width}" y="{y}" width="{length}" '
            f'height="{bar_height}" rx="3" fill="#0969da"><title>{_e(code)}: {count}</title></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 13}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(title: str, rows: list[tuple[str, int]], first: str, filter_key: str | None = None) -> str:
    def cell(key: str) -> str:
        if filter_key is None:
            return f"<code>{_e(key)}</code>"
        from urllib.parse import quote

        return f'<a class="filter" href="#{filter_key}={_e(quote(terminal(key), safe=""))}"><code>{_e(key)}</code></a>'

    body = "".join(f"<tr><td>{cell(key)}</td><td class=n>{count}</td></tr>" for key, count in rows)
    return (
        f"<div><h2>{_e(title)}</h2><table><thead><tr><th>{_e(first)}</th><th>findings</th></tr></thead>"
        f"<tbody>{body or '<tr><td colspan=2 class=muted>none</td></tr>'}</tbody></table></div>"
    )


def _archive_root(findings: list[Finding]) -> str:
    """The deepest folder that holds every file with findings ("" when they share none)."""
    folders = {posixpath.dirname(f.path.replace("\\", "/")) for f in findings}
    if not folders:
        return ""
    try:
        root = posixpath.commonpath(sorted(folders))
    except ValueError:  # absolute and relative paths mixed
        return ""
    return "" if root in ("", ".", "/") else root


def _shorten(path: str, root: str) -> str:
    posix = path.replace("\\", "/")
    return posix[len(root) + 1 :] if root and posix.startswith(root + "/") else posix


def _fixes(findings: list[Finding], root: str) -> str:
    safe = Counter((f.code, f.name) for f in findings if f.fix is not None and f.fix.safe)
    unsafe = Counter((f.code, f.name) for f in findings if f.fix is not None and not f.fix.safe)
    if not safe and not unsafe:
        return '<p class="muted">None of these findings can be fixed automatically.</p>'
    target = _shell_word(root or ".")
    lines = []
    if safe:
        lines.append(
            f"<p><b>{sum(safe.values())}</b> findings have a safe fix: "
            f'<code class="command">postlint check --fix {_e(target)}</code></p>'
        )
    if unsafe:
        lines.append(
            f"<p><b>{sum(unsafe.values())}</b> more have a fix that needs a human look (see it first with "
            f'<code class="command">postlint check --diff --unsafe-fixes {_e(target)}</code>): '
            f'<code class="command">postlint check --fix --unsafe-fixes {_e(target)}</code></p>'
        )
    rows = "".join(
        f'<tr><td><a class="filter" href="#rule={_e(code)}"><code>{_e(code)}</code></a> {_e(name)}</td>'
        f"<td class=n>{safe.get((code, name), 0)}</td><td class=n>{unsafe.get((code, name), 0)}</td></tr>"
        for code, name in sorted(set(safe) | set(unsafe))
    )
    return (
        "".join(lines)
        + f"<table><thead><tr><th>rule</th><th>safe fixes</th><th>unsafe fixes</th></tr></thead><tbody>{rows}"
        "</tbody></table>"
    )


def _shell_word(text: str) -> str:
    """``text`` as one shell word that stays a path: a folder a pull request named ``--rule-dirs=evil`` would
    otherwise turn the suggested ``postlint check --fix`` into a command that runs the pull request's code."""
    if text.startswith("-"):
        text = "./" + text
    return text if re.fullmatch(r"[\w./@%+=:,-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _data(findings: list[Finding], root: str) -> str:
    """The findings as compact JSON (paths and rules interned), safe to place inside a <script> element."""
    paths: dict[str, int] = {}
    rules: dict[tuple[str, str], int] = {}
    rows = []
    for f in findings:
        path = paths.setdefault(terminal(_shorten(f.path, root)), len(paths))
        rule = rules.setdefault((terminal(f.code), terminal(f.name)), len(rules))
        fix = "" if f.fix is None else ("safe" if f.fix.safe else "unsafe")
        rows.append(
            [
                path,
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                rule,
                f.severity.value,
                terminal(f.message),
                fix,
                terminal(f.excerpt.replace("\t", " ")),
                f.excerpt_column,
            ]
        )
    payload = {"paths": list(paths), "rules": [list(rule) for rule in rules], "findings": rows}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # Inside <script> only "</script" or "<!--" could end or change the element: no "<" ever reaches it
    # raw. U+2028/2029 are escaped for older JavaScript parsers.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # The page's stream escapes "##[" as "&#91;", which a <script> element does not decode: escape it
    # here as JSON does ("\u005b"), so the data reads back exactly.
    return neutralise(text, "json", line_start=False) if "#" in text else text


def render(result: RunResult) -> str:
    findings = result.findings
    root = _archive_root(findings)
    per_rule = Counter((f.code, f.name) for f in findings)
    rule_counts = [(code, name, count) for (code, name), count in sorted(per_rule.items(), key=lambda i: (-i[1], i[0]))]
    short = [_shorten(f.path, root) for f in findings]
    folders = Counter(posixpath.dirname(path) or "." for path in short)
    hosts = Counter(result.source_hosts.get(f.path) or "(no source URL)" for f in findings)
    files = Counter(short)
    counts = result.counts()
    options_rule = "".join(
        f'<option value="{_e(code)}">{_e(code)} {_e(name)} ({count})</option>' for code, name, count in rule_counts
    )
    options_folder = "".join(
        f'<option value="{_e(folder)}">{_e(folder)} ({count})</option>' for folder, count in folders.most_common(500)
    )
    options_file = "".join(f'<option value="{_e(path)}">' for path, _ in files.most_common(2000))
    docs = "".join(
        f'<details id="rule-{_e(info.code)}"><summary><code>{_e(info.code)}</code> {_e(info.name)} '
        f'<span class="muted">({_e(info.severity.value)})</span></summary>'
        f"<pre>{html_text(info.doc or info.summary, lines=True)}</pre>"
        # The rule's page on the docs site (an https URL postlint builds itself, or a plugin's own).
        + (
            f'<p><a href="{_e(info.url)}" rel="noopener noreferrer">{_e(info.url)}</a></p>'
            if info.url.startswith("https://")
            else ""
        )
        + "</details>"
        for info in sorted({i.code: i for i in result.rules}.values(), key=lambda i: i.code)
    )
    summary = severity_counts_text(result) or "none"
    where = f" &middot; paths below <code>{_e(root)}/</code>" if root else ""
    severities = "".join(
        f'<option value="{severity.value}">{severity.value}</option>'
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="postlint">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>postlint report</title><style>{CSS}</style></head>
<body>
<h1>postlint report</h1>
<p class="muted">postlint {_e(__version__)} &middot; {result.files_checked} files checked{where}</p>
<div class="totals">
<div class="total"><b id="total">{len(findings)}</b>findings ({_e(summary)})</div>
<div class="total"><b class="sev-error">{counts["error"]}</b>errors</div>
<div class="total"><b class="sev-warning">{counts["warning"]}</b>warnings</div>
<div class="total"><b class="sev-info">{counts["info"]}</b>info</div>
<div class="total"><b>{len(files)}</b>files with findings</div>
</div>
<h2>Fixes</h2>
<div class="fixes">{_fixes(findings, root)}</div>
<h2>Findings per rule</h2>
{_bar_chart(rule_counts)}
<div class="columns">
{_table("Findings per folder", folders.most_common(20), "folder", "folder")}
{_table("Findings per source host", hosts.most_common(20), "source host")}
</div>
{_table("Worst files", files.most_common(20), "file", "file")}
<h2 id="findings-heading">Findings</h2>
<div class="filters">
<label>Search <input id="filter-q" type="search" placeholder="path, rule or message"></label>
<label>Rule <select id="filter-rule"><option value="">all rules</option>{options_rule}</select></label>
<label>Severity <select id="filter-severity"><option value="">all</option>{severities}</select></label>
<label>Folder <select id="filter-folder"><option value="">all folders</option>{options_folder}</select></label>
<label>File <input id="filter-file" list="files" placeholder="any file"></label>
<datalist id="files">{options_file}</datalist>
<span class="muted"><span id="shown">{len(findings)}</span> shown</span>
</div>
<table id="findings"><thead><tr><th class="sortable" data-sort="location">location</th>
<th class="sortable" data-sort="severity">severity</th><th class="sortable" data-sort="rule">rule</th>
<th class="sortable" data-sort="message">message and source</th></tr></thead>
<tbody></tbody></table>
<div class="pager"><button id="previous" type="button">&larr; previous</button>
<span>page <span id="page">1</span> of <span id="pages">1</span></span>
<button id="next" type="button">next &rarr;</button></div>
<noscript><p>The findings table needs JavaScript; the same findings are in
<code>postlint check --format json</code>.</p></noscript>
<h2>Rules</h2>
{docs}
<script type="application/json" id="findings-data">{_data(findings, root)}</script>
<script>{SCRIPT}</script>
</body></html>
"""


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(render(result))
