"""The rule reference, written from the rule files themselves: one Markdown
page per pack (`reportlint rules --format markdown --output docs/rules`), so
the documentation cannot drift from the rules. tests/test_docs.py fails when
the committed pages are stale."""

from typing import Dict

from linter.rules import DEFAULT_PACK, flowed

INDEX = "README.md"


def pack_pages(catalog) -> Dict[str, str]:
    """File name -> Markdown: an index of the packs and a page per pack."""
    pages = {f"{pack}.md": _pack_page(catalog, pack) for pack in sorted(catalog.packs)}
    pages[INDEX] = _index(catalog)
    return pages


def _index(catalog) -> str:
    lines = [
        "# Rule reference",
        "",
        "Generated from the shipped rule files by `reportlint rules --format markdown --output docs/rules`;",
        "do not edit by hand. `reportlint explain ID` prints the same for one rule.",
        "",
        "| pack | rules | runs | what it checks |",
        "|---|---|---|---|",
    ]
    for pack in sorted(catalog.packs):
        rules = catalog.packs[pack]
        runs = _runs(catalog, pack)
        lines.append(f"| [`{pack}`]({pack}.md) | {len(rules)} | {runs} | {_first_sentence(flowed(catalog.descriptions.get(pack, '')))} |")
    return "\n".join(lines) + "\n"


def _runs(catalog, pack: str) -> str:
    included_by = sorted(name for name, included in catalog.includes.items() if pack in included)
    if pack == DEFAULT_PACK:
        return "by default"
    if included_by:
        return "in " + ", ".join(f"`{name}`" for name in included_by)
    if pack in catalog.opt_in:
        return "opt-in (name it)"
    return "when chosen"


def _pack_page(catalog, pack: str) -> str:
    rules = [catalog.rules[rule_id] for rule_id in catalog.packs[pack]]
    lines = [f"# Pack `{pack}`", ""]
    if catalog.descriptions.get(pack):
        lines += [flowed(catalog.descriptions[pack]), ""]
    if catalog.includes.get(pack):
        lines += ["Includes: " + ", ".join(f"[`{name}`]({name}.md)" for name in catalog.includes[pack]) + ".", ""]
    if pack in catalog.opt_in:
        lines += ["Opt-in: a category or id prefix in `--select` does not pick these rules; name the pack or the rule.", ""]
    if rules:
        lines += ["| id | severity | category | fix | summary |", "|---|---|---|---|---|"]
        lines += [f"| [{r.id}](#{r.id.lower()}) | {r.severity} | {r.category} | {_fix(r)} | {_cell(r.summary)} |" for r in rules]
        lines.append("")
    for rule in rules:
        lines += _rule_section(rule)
    return "\n".join(lines).rstrip() + "\n"


def _rule_section(rule) -> list:
    lines = [f"## {rule.id}", "", f"**{rule.message}**", ""]
    facts = [f"type `{rule.checker.name}`", f"severity {rule.severity}", f"category {rule.category}", f"fix: {_fix(rule)}"]
    if rule.from_date or rule.until_date:
        facts.append(f"applies to documents dated {rule.from_date or '…'} to {rule.until_date or '…'}")
    if rule.when is not None:
        facts.append(f"only where `{rule.when.pattern}` matches")
    lines += ["; ".join(facts) + ".", ""]
    if rule.description:
        lines += [rule.description.strip(), ""]
    for title, examples in (("Reported", rule.bad_examples), ("Not reported", rule.good_examples)):
        lines += [f"{title}:", ""]
        for example in examples:
            note = f" (published {example.date})" if example.date else ""
            lines += [f"```text{note}", example.text.rstrip("\n"), "```", ""]
    return lines


def _fix(rule) -> str:
    if rule.fix is None:
        return "—"
    return "safe" if rule.fix.safe else "unsafe"


def _first_sentence(text: str) -> str:
    for stop in ("。", ". "):
        if stop in text:
            return _cell(text.split(stop)[0] + stop.strip())
    return _cell(text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
