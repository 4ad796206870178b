"""The HTML report (`--format html`): one self-contained page for people who do
not use a terminal, to open in a browser or mail as an attachment.

It loads nothing: styles and the filter script are inline, fonts are the
reader's own. A summary by rule and by file comes first, then each document
with findings: its lines with every finding highlighted at its place and the
messages beside the line, the lines far from any finding folded away. Check
boxes filter findings by severity and category (the page without its script
shows everything).
"""

import html
from collections import Counter, defaultdict
from typing import Dict, List

from linter import __version__
from linter.results import INPUT_CATEGORY, input_errors, linted_count, violations_of

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_NAMES = {"dates": "日期", "figures": "数字", "names": "名称", "sections": "要素", "terminology": "用语",
                  "typography": "标点与排版", "spelling": "错别字", "suppressions": "抑制注释", INPUT_CATEGORY: "无法读取"}
CONTEXT_LINES = 2  # lines shown around a finding; longer runs without findings are folded


def html_report(results, rules) -> str:
    """The page for a run's results; it shows which flag each fix needs, whatever the run's options."""
    findings = violations_of(results)
    errors = input_errors(results)
    rule_by_id = {rule.id: rule for rule in rules}
    numbered = {id(v): i for i, v in enumerate(findings)}
    categories = sorted({v.category for v in findings + errors}, key=lambda c: list(CATEGORY_NAMES).index(c) if c in CATEGORY_NAMES else 99)
    parts = [
        _HEAD,
        "<header><h1>reportlint 检查报告</h1>",
        f'<p class="totals">{_totals(findings, results)}</p>',
        _filters(findings + errors, categories),
        "</header><main>",
    ]
    if errors:
        parts.append('<section id="input-errors"><h2>无法检查的文件</h2><ul>')
        parts += [f'<li class="finding-row" data-sev="error" data-cat="{INPUT_CATEGORY}"><code>{_e(v.path)}</code>：{_e(v.message)}</li>' for v in errors]
        parts.append("</ul></section>")
    parts += _by_rule(findings, rule_by_id)
    documents = [r for r in results if r.violations]
    parts += _by_file(results, documents)
    for index, result in enumerate(documents):
        parts += _document(index, result, numbered)
    parts += ["</main>", f'<footer>reportlint {_e(__version__)}</footer>', f"<script>{_SCRIPT}</script></body></html>\n"]
    return "\n".join(parts)


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _totals(findings, results) -> str:
    linted = linted_count(results)
    if not findings:
        return f"检查了 {linted} 个文件，没有发现问题。"
    by_severity = Counter(v.severity for v in findings)
    counts = "，".join(f'<span class="badge sev-{s}">{SEVERITY_NAMES[s]} {by_severity[s]}</span>' for s in SEVERITIES if by_severity[s])
    files = len({v.path for v in findings})
    return f"检查了 {linted} 个文件，其中 {files} 个文件共有 {len(findings)} 处问题：{counts}"


def _filters(findings, categories) -> str:
    present = Counter(v.severity for v in findings)
    boxes = ['<form id="filters"><fieldset><legend>严重程度</legend>']
    boxes += [f'<label><input type="checkbox" name="sev" value="{s}" checked> {SEVERITY_NAMES[s]}（{present[s]}）</label>' for s in SEVERITIES]
    boxes.append("</fieldset><fieldset><legend>类别</legend>")
    by_category = Counter(v.category for v in findings)
    boxes += [f'<label><input type="checkbox" name="cat" value="{_e(c)}" checked> {_e(CATEGORY_NAMES.get(c, c))}（{by_category[c]}）</label>'
              for c in categories]
    boxes.append('</fieldset><p id="shown" aria-live="polite"></p></form>')
    return "".join(boxes)


def _by_rule(findings, rule_by_id) -> List[str]:
    if not findings:
        return []
    counts = Counter(v.rule for v in findings)
    first = {}
    for v in findings:
        first.setdefault(v.rule, v)
    rows = ['<section id="by-rule"><h2>按规则</h2><table><thead><tr><th>规则</th><th>严重程度</th><th>类别</th><th>数量</th><th>说明</th></tr></thead><tbody>']
    for rule_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        v = first[rule_id]
        rule = rule_by_id.get(rule_id)
        summary = rule.summary if rule is not None else v.message
        rows.append(f'<tr class="finding-row" data-sev="{v.severity}" data-cat="{_e(v.category)}"><td><code>{_e(rule_id)}</code></td>'
                    f'<td><span class="badge sev-{v.severity}">{SEVERITY_NAMES[v.severity]}</span></td><td>{_e(CATEGORY_NAMES.get(v.category, v.category))}</td>'
                    f'<td class="num">{count}</td><td>{_e(summary)}</td></tr>')
    rows.append("</tbody></table></section>")
    return rows


def _by_file(results, documents) -> List[str]:
    anchors = {id(r): f"doc-{i}" for i, r in enumerate(documents)}
    rows = ['<section id="by-file"><h2>按文件</h2><table><thead><tr><th>文件</th>'
            + "".join(f"<th>{SEVERITY_NAMES[s]}</th>" for s in SEVERITIES) + "<th>合计</th></tr></thead><tbody>"]
    for result in results:
        if result.error is None and result.notice is not None and result.document is None:
            continue  # a folder's notice, not a file
        counts = Counter(v.severity for v in result.violations)
        name = _e(result.path)
        link = f'<a href="#{anchors[id(result)]}">{name}</a>' if id(result) in anchors else name
        if result.error:
            cells = f'<td colspan="{len(SEVERITIES) + 1}" class="error-cell">无法读取：{_e(result.error)}</td>'
        else:
            cells = "".join(f'<td class="num">{counts[s] or ""}</td>' for s in SEVERITIES) + f'<td class="num">{len(result.violations)}</td>'
        rows.append(f"<tr><td>{link}</td>{cells}</tr>")
    rows.append("</tbody></table></section>")
    return rows


def _document(index, result, numbered) -> List[str]:
    doc = result.document
    parts = [f'<article class="document" id="doc-{index}"><h2>{_e(result.path)}</h2>']
    if doc is None:  # a cross-document finding's file that was not kept: the messages only
        parts.append("<ul>" + "".join(_note(v, numbered[id(v)]) for v in result.violations) + "</ul></article>")
        return parts
    by_line: Dict[int, list] = defaultdict(list)  # line -> (finding, span) touching it
    starting: Dict[int, list] = defaultdict(list)  # line -> findings starting on it
    for v in result.violations:
        starting[v.line].append(v)
        for span in _spans(v):
            for line in range(span[0], min(span[2], doc.line_count) + 1):
                by_line[line].append((v, span))
    shown = {n for line in by_line for n in range(line - CONTEXT_LINES, line + CONTEXT_LINES + 1) if 1 <= n <= doc.line_count}
    parts.append('<div class="lines">')
    folded: List[str] = []
    for number in range(1, doc.line_count + 1):
        row = _line(f"doc-{index}-L{number}", doc, number, by_line.get(number, []), starting.get(number, []), numbered)
        if number in shown:
            parts += _fold(folded, number - len(folded))
            folded = []
            parts.append(row)
        else:
            folded.append(row)
    parts += _fold(folded, doc.line_count - len(folded) + 1)
    parts.append("</div></article>")
    return parts


def _fold(rows, first) -> List[str]:
    if not rows:
        return []
    last = first + len(rows) - 1
    span = f"第{first}行" if first == last else f"第{first}–{last}行"
    return [f'<details class="fold"><summary>{span}（没有问题）</summary>'] + rows + ["</details>"]


def _line(anchor, doc, number, touching, starting, numbered) -> str:
    text = doc.source_line(number)
    cells = [f'<span class="ln">{number}</span>', f'<span class="text">{_highlighted(text, number, touching, numbered)}</span>']
    if starting:
        cells.append('<ul class="notes">' + "".join(_note(v, numbered[id(v)]) for v in starting) + "</ul>")
    classes = "line has-findings" if touching else "line"
    return f'<div class="{classes}" id="{anchor}">' + "".join(cells) + "</div>"


def _spans(v):
    """(line, column, end line, end column) of a finding, and of the other places its fix
    changes (a line's other half-width commas, which the finding counts)."""
    spans = [(v.line, v.column, v.end_line, v.end_column)]
    if v.fix is not None:
        spans += [(e.line, e.column, e.end_line, e.end_column) for e in v.fix.edits]
    return list(dict.fromkeys(spans))


def _highlighted(text, number, touching, numbered) -> str:
    """The line's text with each stretch covered by findings in a <mark> naming them."""
    spans = []
    for v, (line, column, end_line, end_column) in touching:
        start = column - 1 if line == number else 0
        end = end_column - 1 if end_line == number else len(text)
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if end <= start:
            end = min(len(text), start + 1)
        spans.append((start, end, v))
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out = []
    for left, right in zip(cuts, cuts[1:]):
        covering = list({id(v): v for s, e, v in spans if s <= left and right <= e}.values())
        piece = _e(text[left:right])
        if covering:
            worst = min(covering, key=lambda v: SEVERITIES.index(v.severity)).severity
            ids = " ".join(f"f{numbered[id(v)]}" for v in covering)
            titles = _e("；".join(f"{v.rule} {v.message}" for v in covering))
            out.append(f'<mark class="finding sev-{worst}" data-findings="{ids}" title="{titles}">{piece}</mark>')
        else:
            out.append(piece)
    if not text and touching:  # a finding on an empty line
        ids = " ".join(dict.fromkeys(f"f{numbered[id(v)]}" for v, _ in touching))
        out.append(f'<mark class="finding empty sev-{touching[0][0].severity}" data-findings="{ids}">⏎</mark>')
    return "".join(out)


def _note(v, number) -> str:
    place = f'<span class="place">{_e(v.where())}</span>' if v.location else ""
    fix = ""
    if v.fix is not None:
        change = "、".join(f"“{_e(e.content)}”" for e in v.fix.edits[:3]) + ("…" if len(v.fix.edits) > 3 else "")
        if not v.fix.in_place:
            fix = f'<span class="fix">文本版可自动修复（fix available in the text version）：改为{change}</span>'
        elif v.fix.safe:
            fix = f'<span class="fix">可自动修复（--fix）：改为{change}</span>'
        else:
            fix = f'<span class="fix">需人工确认的修复（--fix --unsafe-fixes）：改为{change}</span>'
    return (f'<li class="note sev-{v.severity}" id="f{number}" data-sev="{v.severity}" data-cat="{_e(v.category)}">'
            f'<span class="badge sev-{v.severity}">{SEVERITY_NAMES[v.severity]}</span> <code>{_e(v.rule)}</code> '
            f'<span class="pos">{v.line}:{v.column}</span>{place} <span class="message">{_e(v.message)}</span>{fix}</li>')


_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportlint">
<title>reportlint 检查报告</title>
<style>
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --line: #e3e3e3; }
body { margin: 0; font: 15px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; color: #222; background: #fafafa; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: .6em 1.2em; }
h1 { font-size: 1.3em; margin: 0 0 .2em; } h2 { font-size: 1.1em; margin: 1.2em 0 .5em; }
main { padding: 0 1.2em 2em; } footer { color: #888; font-size: .85em; padding: 1em 1.2em; }
#filters { display: flex; flex-wrap: wrap; gap: .4em 1.5em; align-items: center; margin: 0; }
#filters fieldset { border: 0; padding: 0; margin: 0; } #filters legend { float: left; margin-right: .5em; font-weight: bold; }
#filters label { margin-right: .8em; white-space: nowrap; } #shown { margin: 0; color: #555; }
table { border-collapse: collapse; background: #fff; } th, td { border: 1px solid var(--line); padding: .25em .6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .error-cell { color: var(--error); }
.badge { display: inline-block; padding: 0 .45em; border-radius: .3em; color: #fff; font-size: .85em; white-space: nowrap; }
.badge.sev-error { background: var(--error); } .badge.sev-warning { background: var(--warning); } .badge.sev-info { background: var(--info); }
.document { background: #fff; border: 1px solid var(--line); border-radius: .4em; margin: 1.2em 0; padding: .2em 0 .6em; }
.document h2 { margin: .4em .8em; font-family: ui-monospace, monospace; font-size: 1em; word-break: break-all; }
.line { display: grid; grid-template-columns: 3.5em minmax(0, 1fr) minmax(16em, 38%); column-gap: .8em; padding: .1em .8em; }
.line.has-findings { background: #fffdf5; }
.ln { color: #999; text-align: right; font-family: ui-monospace, monospace; font-size: .85em; padding-top: .15em; user-select: none; }
.text { white-space: pre-wrap; word-break: break-all; }
.notes { list-style: none; margin: 0; padding: 0; font-size: .9em; }
.note { border-left: 3px solid var(--line); padding: .05em .5em; margin-bottom: .3em; }
.note.sev-error { border-color: var(--error); } .note.sev-warning { border-color: var(--warning); } .note.sev-info { border-color: var(--info); }
.note .pos, .note .place { color: #888; font-size: .85em; margin-left: .3em; } .note .fix { display: block; color: #2e7d32; font-size: .9em; }
mark.finding { border-radius: .15em; padding: 0 .05em; color: inherit; }
mark.finding.sev-error { background: #ffcdd2; box-shadow: inset 0 -2px var(--error); }
mark.finding.sev-warning { background: #ffe0a3; box-shadow: inset 0 -2px var(--warning); }
mark.finding.sev-info { background: #cfe3ff; box-shadow: inset 0 -2px var(--info); }
mark.finding.filtered { background: none; box-shadow: none; }
mark.finding.empty { color: #999; }
.hidden { display: none !important; }
details.fold > summary { color: #888; font-size: .85em; padding: .1em .8em .1em 4.3em; cursor: pointer; }
@media (max-width: 800px) { .line { grid-template-columns: 2.8em minmax(0, 1fr); } .notes { grid-column: 2; } }
@media print { header { position: static; } #filters { display: none; } details.fold { display: none; } }
</style></head><body>"""

_SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  function checked(name) {
    var on = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) { on[box.value] = box.checked; });
    return on;
  }
  function apply() {
    var sev = checked('sev'), cat = checked('cat'), visible = {}, total = 0, shown = 0;
    document.querySelectorAll('.note').forEach(function (note) {
      var on = sev[note.dataset.sev] !== false && cat[note.dataset.cat] !== false;
      note.classList.toggle('hidden', !on);
      visible[note.id] = on; total += 1; if (on) { shown += 1; }
    });
    document.querySelectorAll('.finding-row').forEach(function (row) {
      row.classList.toggle('hidden', !(sev[row.dataset.sev] !== false && cat[row.dataset.cat] !== false));
    });
    document.querySelectorAll('mark.finding').forEach(function (mark) {
      var on = mark.dataset.findings.split(' ').some(function (id) { return visible[id]; });
      mark.classList.toggle('filtered', !on);
    });
    document.getElementById('shown').textContent = total ? '显示 ' + shown + ' / ' + total + ' 处' : '';
  }
  form.addEventListener('change', apply);
  apply();
})();
"""
