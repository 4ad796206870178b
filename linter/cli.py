"""The `reportlint` command line: check, rules, explain, test-rules, init."""

import os
import sys
from pathlib import Path

import click

from linter import __version__
from linter.config import DOCUMENT_TYPES, STARTER_CONFIG, load_config
from linter.document import parse_iso_or_chinese_date
from linter.errors import UserError
from linter.formatters import FORMATTERS, format_profile, format_statistics, format_summary
from linter.rules import RuleSets, load_catalog, severity_rank

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values):
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _fail(error) -> None:
    click.echo(f"reportlint: error: {error}", err=True)
    sys.exit(EXIT_ERROR)


def _load(config_path, cwd=None):
    """Config and the catalog of every known rule, or exit 2 with the error."""
    try:
        config = load_config(Path(config_path) if config_path else None, cwd)
        return config, load_catalog(config.rule_files)
    except UserError as error:
        _fail(error)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UserError as error:
            _fail(error)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main():
    """Lint Chinese institutional reports: figures, dates, names, required
    sections, terminology and typography."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(list(FORMATTERS)), help="Output format (default text; github under GitHub Actions).")
@click.option("--select", multiple=True, help="Only these rule ids, id prefixes, categories or packs (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids, id prefixes, categories or packs (comma-separated).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .reportlint.yaml or pyproject.toml found upwards).")
@click.option("--date", "date_text", help="Publication date (YYYY-MM-DD) for documents whose front matter gives none.")
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False), help="Fact sheet (facts.yaml); overrides the config's `facts`.")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit status 1 (default warning).")
@click.option("--cross-document", is_flag=True, help="Also compare figures across the files of the run (FG008).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of each finding.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary line.")
@click.option("--show-metadata", is_flag=True, help="Print what was detected for each file (publication date, type, headings).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="number of cores", help="Worker processes for large runs.")
@click.option("--no-cache", is_flag=True, help="Lint every file again instead of reusing .reportlint_cache/.")
@click.option("--profile-rules", is_flag=True, help="Print the time each rule took (to stderr).")
@click.option("--stdin-filename", help="With the path -: the name of what is read from standard input (its format, config and the findings' path).")
def check(paths, output_format, select, ignore, config_path, date_text, facts_path, exclude, fail_on, cross_document, exit_zero, statistics, quiet,
          show_metadata, jobs, no_cache, profile_rules, stdin_filename):
    """Lint the documents in PATHS (default: the current folder): .txt, .md, .docx
    and .pdf files; - reads standard input."""
    from linter.runner import STDIN, discover, run

    paths = list(paths) or ["."]
    stdin_name = stdin_filename or STDIN
    config, catalog = _load(config_path, _common_folder([stdin_name if p == STDIN else p for p in paths]))
    if date_text:
        config.date = parse_iso_or_chinese_date(date_text)
        if config.date is None:
            raise click.BadParameter(f"{date_text!r} is not a real date (use YYYY-MM-DD)", param_hint="--date")
    if facts_path:
        config.facts = Path(facts_path)
    select_list, ignore_list = _split(select) or config.select, config.ignore + _split(ignore)
    packs = list(config.packs)
    if cross_document or config.cross_document:
        packs.append("cross-document")
        if select_list:  # --select replaces the packs; the flag still adds FG008
            select_list = select_list + ["cross-document"]
    try:
        config.packs = packs  # every file's packs start from these (Config.packs_for)
        rule_sets = RuleSets(catalog, config, select_list, ignore_list, config.origin)
    except UserError as error:
        _fail(error)
    found = discover(paths, config, exclude)
    if not found.files:
        for problem in found.problems:
            click.echo(f"reportlint: {'error: ' + problem.error if problem.error else problem.notice}", err=True)
        _fail(_nothing_to_lint(paths, found.skipped))
    stdin = click.get_binary_stream("stdin").read() if STDIN in paths else b""
    results = run(paths, rule_sets, config, exclude, jobs=jobs, use_cache=not no_cache and not profile_rules, profile=profile_rules,
                  keep_documents=show_metadata, stdin=stdin, stdin_name=stdin_name, found=found)
    rules = rule_sets.with_reported({v.rule for r in results for v in r.violations})
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"

    for result in results:
        if result.error:
            click.echo(f"reportlint: error: {result.error}", err=True)
        elif result.notice and not quiet:
            click.echo(f"reportlint: {result.notice}", err=True)
    if show_metadata:
        for result in results:
            if result.document is not None:
                packs = config.packs_for(result.path, result.document.metadata.type, catalog.packs) if not select_list else ["(--select)"]
                click.echo(_describe_metadata(result.document, packs), err=output_format != "text")

    if statistics and output_format == "text":
        click.echo(format_statistics(results), nl=False)
    elif output_format == "text":
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(FORMATTERS["text"](results, rules, colour), nl=False)
    else:
        click.echo(FORMATTERS[output_format](results, rules), nl=False)
    if output_format == "text" and not quiet:
        click.echo(format_summary(results), nl=False)
    if profile_rules:
        click.echo(format_profile(results), nl=False, err=True)

    threshold = severity_rank(fail_on or config.fail_on)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    failing = any(severity_rank(v.severity) >= threshold for r in results for v in r.violations)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _common_folder(paths) -> Path:
    """Where the config search starts: the folder holding every linted path."""
    folders = [Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent for p in paths]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def _nothing_to_lint(paths, skipped) -> str:
    where = " ".join(paths)
    if not skipped:
        return f"no file to lint in {where}"
    kinds = ", ".join(f"{count} {suffix}" for suffix, count in sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
    return f"no file to lint in {where}: {sum(skipped.values())} file(s) skipped ({kinds}); reportlint reads .txt, .md, .docx and .pdf"


def _describe_metadata(doc, packs) -> str:
    meta = doc.metadata
    date = f"{meta.date.isoformat()} ({meta.date_source})" if meta.date else "unknown"
    headings = ", ".join(f"{h.line}:{h.numbering or '·'}{h.text}" for h in doc.headings[:8])
    more = f" (+{len(doc.headings) - 8})" if len(doc.headings) > 8 else ""
    return (
        f"{doc.path}: date={date} type={meta.type or '-'} packs={','.join(packs)} org={meta.org or '-'} "
        f"lines={doc.line_count} headings=[{headings}{more}]"
    )


@main.command("rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--all", "show_all", is_flag=True, help="Every known rule, not only the enabled ones.")
def list_rules(config_path, show_all):
    """List rules: id, category, severity, pack and summary."""
    config, catalog = _load(config_path)
    enabled = {r.id for r in catalog.select(config.packs, config.select, config.ignore, config.origin)}
    # Packs that overrides or a document's type (front matter, a printed 准印证号) add per file.
    per_file = {p for override in config.overrides for p in override.packs} | set(DOCUMENT_TYPES.values())
    for rule in sorted(catalog.rules.values(), key=lambda r: r.id):
        if show_all or rule.id in enabled:
            mark = "" if rule.id in enabled else "  (per file)" if rule.pack in per_file and not config.select else "  (off)"
            click.echo(f"{rule.id:<7} {rule.category:<12} {rule.severity:<8} {rule.pack:<14} {rule.summary}{mark}")


@main.command()
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def explain(rule_id, config_path):
    """Print a rule's description and examples."""
    _, catalog = _load(config_path)
    rule = catalog.rules.get(rule_id.upper())
    if rule is None:
        _fail(f"unknown rule id {rule_id!r} (see `reportlint rules --all`)")
    click.echo(f"{rule.id} ({rule.category}, {rule.severity}, pack {rule.pack}, type {rule.checker.name})")
    click.echo(f"消息: {rule.message}")
    if rule.from_date or rule.until_date:
        click.echo(f"适用日期: {rule.from_date or '…'} 至 {rule.until_date or '…'}")
    if rule.description:
        click.echo("\n" + rule.description.strip())
    click.echo("\n错误示例:")
    for example in rule.bad_examples:
        click.echo(f"  ✗ {example.text.strip()}")
    click.echo("正确示例:")
    for example in rule.good_examples:
        click.echo(f"  ✓ {example.text.strip()}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--date", "date_text", help="Publication date (YYYY-MM-DD) for documents whose front matter gives none.")
def facts(files, output_format, config_path, date_text):
    """Print the figures reportlint reads in FILES: value, unit, metric, metric
    key, period, modality and section.

    What the figures rules (FG001-FG010) compare: two figures are the same fact
    only with the same metric key, period, qualifiers, unit and modality; use it
    to see why a figure was or was not reported."""
    import json

    from linter.document import read_document
    from linter.extract.figures import figures, metric_key

    config, _ = _load(config_path)
    date = parse_iso_or_chinese_date(date_text) if date_text else config.date
    documents = []
    for path in files:
        doc = read_document(Path(path), date, None, config.max_file_mb)
        documents.append((doc, [(figure, metric_key(doc, figure)) for figure in figures(doc).figures]))
    if output_format == "json":
        data = [{"path": doc.path, "figures": [{"line": doc.position(f.start)[0], "column": doc.position(f.start)[1], **f.to_dict(), "key": key}
                                               for f, key in found]} for doc, found in documents]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for doc, found in documents:
        click.echo(f"{doc.path}: {len(found)} figure(s)")
        if found:
            click.echo("  line:col\ttext\tvalue\tunit\tmetric\tkey\tperiod\tmodality\tsection\tqualifiers")
        for figure, key in found:
            line, column = doc.position(figure.start)
            period = "、".join(figure.period) or "-"
            qualifiers = "、".join(figure.qualifiers) or "-"
            click.echo(f"  {line}:{column}\t{figure.text}\t{_value_range(figure)}\t{figure.unit or '-'}\t{figure.metric}\t{key or '-'}"
                       f"\t{period}\t{figure.modality}\t{figure.section or '-'}\t{qualifiers}")


def _value_range(figure) -> str:
    if figure.low == figure.high:
        return f"{figure.value:g}"
    high = "∞" if figure.high == float("inf") else f"{figure.high:g}"
    return f"{figure.low:g}~{high}"


@main.command("test-rules")
@click.argument("rule_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def test_rules(rule_files, config_path):
    """Run every rule's examples: each bad example must fire, each good one stay silent.

    With RULE_FILES, test those files (as they would load beside the shipped packs)."""
    from linter.rule_examples import failing_examples

    if rule_files:
        try:
            catalog = load_catalog([Path(p) for p in rule_files])
        except UserError as error:
            _fail(error)
        rules = [r for pack in catalog.user_packs for r in (catalog.rules[i] for i in catalog.packs[pack])]
    else:
        _, catalog = _load(config_path)
        rules = list(catalog.rules.values())
    failures = failing_examples(rules)
    for failure in failures:
        click.echo(failure, err=True)
    click.echo(f"{len(rules)} rules, {sum(len(r.bad_examples) + len(r.good_examples) for r in rules)} examples, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .reportlint.yaml.")
def init(force):
    """Write a commented starter .reportlint.yaml in the current folder."""
    target = Path(".reportlint.yaml")
    if target.exists() and not force:
        _fail(f"{target} already exists (use --force to overwrite)")
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"wrote {target}")
