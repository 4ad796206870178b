"""The `reportlint` command line: check, rules, explain, test-rules, init."""

import importlib.util
import os
import signal
import sys
import threading
import time
from pathlib import Path

import click

from linter import __version__, knowledge
from linter.config import STARTER_CONFIG, load_config
from linter.document import parse_iso_or_chinese_date
from linter.errors import UserError
from linter.extract.metadata import document_types
from linter.formatters import FORMATTERS, HUMAN_FORMATS, ReportOptions, format_profile, format_statistics, format_summary, plural
from linter.rules import load_catalog, severity_rank

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(error) -> None:
    click.echo(f"reportlint: error: {error}", err=True)
    sys.exit(EXIT_ERROR)


def _load(config_path, cwd=None):
    """Config and the catalog of every known rule, or exit 2 with the error."""
    try:
        config = load_config(Path(config_path) if config_path else None, cwd)
        knowledge.use(config.knowledge)
        return config, load_catalog(config.rule_files)
    except UserError as error:
        _fail(error)


class _Group(click.Group):
    def invoke(self, ctx):
        # SIGTERM and SIGINT end the run as an exception, so worker processes are stopped
        # and no half-written report is left (the exit status is 128 + the signal's number).
        main_thread = threading.current_thread() is threading.main_thread()  # only it may set handlers
        previous = {number: signal.signal(number, _stop) for number in (signal.SIGTERM, signal.SIGINT) if main_thread}
        try:
            return super().invoke(ctx)
        except UserError as error:
            _fail(error)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


def _stop(number, frame):
    raise SystemExit(128 + number)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main():
    """Lint Chinese institutional reports: figures, dates, names, required
    sections, terminology and typography."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(list(FORMATTERS)),
              help="Output format (default text; github under GitHub Actions). concise: one line per finding; html: a report to open in a browser.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE instead of standard output.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour in text output: auto (on a terminal, unless NO_COLOR is set), always or never.")
@click.option("--select", multiple=True, help="Only these rule ids, id prefixes, categories or packs (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids, id prefixes, categories or packs (comma-separated).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: .reportlint.yaml or pyproject.toml found upwards).")
@click.option("--date", "date_text", help="Publication date (YYYY-MM-DD) for documents whose front matter gives none.")
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False), help="Fact sheet (facts.yaml); overrides the config's `facts`.")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option("--no-gitignore", is_flag=True, help="Also lint the files that git or .gitignore ignores in the folders given.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit status 1 (default warning).")
@click.option("--cross-document", is_flag=True, help="Also compare figures across the files of the run (FG008).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to .txt and .md files, and to .docx files as tracked changes (修订), then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also the fixes a reader should check (term replacements, doubled characters, weekdays).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing; exit 1 if there is anything to fix.")
@click.option("--annotate", "annotate_folder", type=click.Path(file_okay=False), metavar="DIR",
              help="Write into DIR a copy of each .docx (and .doc, .wps …) with every finding as a Word comment (批注), and of each .pdf with every finding highlighted; the original is not touched.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), help="Report only the findings that this baseline file does not record.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), help="Record this run's findings in FILE (to adopt reportlint on an archive).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of each finding.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no summary line.")
@click.option("--show-metadata", is_flag=True, help="Print what was detected for each file (publication date, type, headings).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="number of cores", help="Worker processes for large runs.")
@click.option("--scheduler", metavar="ADDRESS", help="Lint on the workers of this Dask cluster (tcp://HOST:8786); needs pip install 'reportlint[dask]'.")
@click.option("--no-cache", is_flag=True, help="Lint every file again instead of reusing .reportlint_cache/.")
@click.option("--profile-rules", is_flag=True, help="Print the time each rule took (to stderr).")
@click.option("--stdin-filename", help="With the path -: the name of what is read from standard input (its format, config and the findings' path).")
def check(paths, output_format, output_file, color, select, ignore, config_path, date_text, facts_path, exclude, no_gitignore, fail_on, cross_document,
          fix, unsafe_fixes, diff, annotate_folder, baseline_path, write_baseline_path, exit_zero, statistics, quiet, show_metadata, jobs, scheduler,
          no_cache, profile_rules, stdin_filename):
    """Lint the documents in PATHS (default: the current folder): .txt, .md, .docx
    and .pdf files; - reads standard input."""
    from linter.api import common_folder, nothing_to_lint, parse_date, setup
    from linter.runner import STDIN

    if baseline_path or write_baseline_path:  # fixes and baselines are imported only when asked for
        from linter.baseline import apply_baseline, load_baseline, write_baseline

    paths = list(paths) or ["."]
    stdin_name = stdin_filename or STDIN
    if fix and not diff and STDIN in paths:
        _fail("--fix cannot write to standard input; use --diff to see the fixes")
    if scheduler and importlib.util.find_spec("distributed") is None:
        raise click.UsageError("--scheduler needs dask.distributed: pip install 'reportlint[dask]'")
    try:
        date = parse_date(date_text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--date")
    try:
        linting = setup(config_path, select=select, ignore=ignore, date=date, facts=facts_path, cross_document=cross_document,
                        start=common_folder([stdin_name if p == STDIN else p for p in paths]))
        baseline = load_baseline(Path(baseline_path)) if baseline_path else None
    except UserError as error:
        _fail(error)
    config, catalog, rule_sets = linting.config, linting.catalog, linting.rules
    found = linting.discover(paths, exclude, gitignore=not no_gitignore)
    if not found.files:
        for problem in found.problems:
            click.echo(f"reportlint: {'error: ' + problem.error if problem.error else problem.notice}", err=True)
        _fail(nothing_to_lint(found.skipped, " ".join(paths), found.ignored))
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    human = output_format in HUMAN_FORMATS
    stdin = sys.stdin.buffer.read() if STDIN in paths else b""

    def lint():
        with _Progress(len(found.files), enabled=human and not quiet and not diff) as progress:
            return linting.run(paths, extra_exclude=exclude, jobs=jobs, use_cache=not no_cache and not profile_rules, profile=profile_rules,
                               keep_documents=show_metadata, stdin=stdin, stdin_name=stdin_name, found=found, progress=progress,
                               scheduler=scheduler)

    results = lint()
    notes = []  # summary lines about fixes and the baseline
    if fix or diff:
        from linter.fixes import fix_results, unified_diff

        def rules_to_fix(doc):
            ignored = config.ignored_for(doc.path)
            return [r for r in rule_sets.for_document(doc) if not any(r.id.startswith(c) or r.category == c for c in ignored)]

        fixes = fix_results(results, rules_to_fix, unsafe_fixes, config.date, write=not diff)
        for path, why in fixes.not_written:
            click.echo(f"reportlint: {path}: not fixed: {why}", err=True)
        if diff:
            _emit("".join(unified_diff(f.doc, f.text) for f in fixes.fixed), output_file)
            if not quiet:
                click.echo(f"Would fix {plural(fixes.count, 'finding')} in {plural(len(fixes.fixed), 'file')}.", err=True)
            sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_FINDINGS if fixes.fixed else EXIT_OK)
        notes.append(f"Fixed {plural(fixes.count, 'finding')} in {plural(len(fixes.fixed), 'file')}.")
        if fixes.fixed:
            results = lint()  # report what the fixed files have now
    if write_baseline_path:
        written = write_baseline(Path(write_baseline_path), results)
        notes.append(f"Wrote {plural(written, 'finding')} to the baseline {write_baseline_path}.")
        baseline_path, baseline = write_baseline_path, load_baseline(Path(write_baseline_path))
    if baseline is not None:
        matched = apply_baseline(results, Path(baseline_path), baseline)
        note = f"{plural(matched.hidden, 'finding')} in the baseline not shown"
        if matched.stale:
            note += f"; {plural(matched.stale, 'baseline entry', 'baseline entries')} no longer found (rewrite it with --write-baseline to drop them)"
        notes.append(note + ".")
    rules = rule_sets.with_reported({v.rule for r in results for v in r.violations})
    if annotate_folder:
        from linter.annotate import annotate_results

        annotated = annotate_results(results, annotate_folder, common_folder([p for p in paths if p != STDIN] or ["."]))
        for path, why in annotated.failed:
            click.echo(f"reportlint: {path}: not annotated: {why}", err=True)
        comments = sum(count for _, _, count in annotated.written)
        notes.append(f"Annotated {plural(len(annotated.written), 'file')} in {annotate_folder} "
                     f"({plural(comments, 'comment')}).")

    for result in results:
        if result.error:
            click.echo(f"reportlint: error: {result.error}", err=True)
        elif result.notice and not quiet:
            click.echo(f"reportlint: {result.notice}", err=True)
    if show_metadata:
        for result in results:
            if result.document is not None:
                packs = config.packs_for(result.path, result.document.metadata.pack_type, catalog.packs) if not rule_sets.select else ["(--select)"]
                click.echo(_describe_metadata(result.document, packs), err=output_format != "text")

    threshold = fail_on or config.fail_on
    options = ReportOptions(colour=human and _colour(color, output_file), fail_on=threshold, unsafe_fixes=unsafe_fixes)
    if statistics and human:
        report = format_statistics(results)
    else:
        report = FORMATTERS[output_format](results, rules, options)
    if not quiet:
        summary = "".join(note + "\n" for note in notes)
        if human:
            report += summary + format_summary(results, options, fixing=fix)
        elif summary:
            click.echo(summary, nl=False, err=True)
    _emit(report, output_file, options.colour)
    if profile_rules:
        click.echo(format_profile(results), nl=False, err=True)

    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    failing = any(severity_rank(v.severity) >= severity_rank(threshold) for r in results for v in r.violations)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _colour(choice: str, output_file) -> bool:
    if choice != "auto":
        return choice == "always"
    return output_file is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, output_file, colour: bool = False) -> None:
    """The report on standard output, or in --output-file."""
    if output_file is None:
        click.echo(text, nl=False, color=True if colour else None)  # click drops colour off a terminal unless told
        return
    import tempfile

    target = Path(output_file)
    temporary = None
    try:  # written beside it and renamed: the file is the whole report or what it was before
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False) as out:
            temporary = Path(out.name)
            out.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, target)
    except OSError as error:
        _fail(f"{output_file}: cannot write the report: {error.strerror or error}")
    finally:
        if temporary is not None and temporary.exists():
            temporary.unlink()


class _Progress:
    """click's progress bar on stderr, shown once a run has taken PROGRESS_AFTER
    seconds: on a terminal only, never in CI logs or with a machine format."""

    PROGRESS_AFTER = 2.0

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.bar = total, 0, None
        self.enabled = enabled and total > 1 and sys.stderr.isatty() and not os.environ.get("CI")
        self.started = time.monotonic()

    def __enter__(self):
        return self if self.enabled else None

    def __call__(self, result) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.done < self.total and time.monotonic() - self.started > self.PROGRESS_AFTER:
            self.bar = click.progressbar(length=self.total, label="reportlint", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
            self.bar.update(self.done)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _describe_metadata(doc, packs) -> str:
    meta = doc.metadata
    date = f"{meta.date.isoformat()} ({meta.date_source})" if meta.date else "unknown"
    doc_type = f"{meta.type} ({meta.type_source})" if meta.type else "-"
    headings = ", ".join(f"{h.line}:{h.numbering or '·'}{h.text}" for h in doc.headings[:8])
    more = f" (+{len(doc.headings) - 8})" if len(doc.headings) > 8 else ""
    return (
        f"{doc.path}: date={date} type={doc_type} packs={','.join(packs)} org={meta.org or '-'} "
        f"lines={doc.line_count} headings=[{headings}{more}]"
    )


@main.command("rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--all", "show_all", is_flag=True, help="Every known rule, not only the enabled ones.")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: the rule reference, a page per pack (every rule, with its description and examples).")
@click.option("--output", "output_folder", type=click.Path(file_okay=False), help="With --format markdown: write the pages into this folder.")
def list_rules(config_path, show_all, output_format, output_folder):
    """List rules: id, category, severity, pack and summary."""
    config, catalog = _load(config_path)
    if output_format == "markdown":
        from linter.rule_docs import INDEX, pack_pages

        pages = pack_pages(catalog)
        if output_folder is None:
            click.echo("\n".join(pages[name] for name in [INDEX] + sorted(set(pages) - {INDEX})), nl=False)
            return
        folder = Path(output_folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in pages.items():
            (folder / name).write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(pages)} pages to {folder}")
        return
    enabled = {r.id for r in catalog.select(config.packs, config.select, config.ignore, config.origin)}
    # Packs that overrides or a document's type (front matter, a printed 准印证号) add per file.
    per_file = {p for override in config.overrides for p in override.packs} | set(document_types().values())
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
    if rule.fix is not None:
        click.echo("自动修复: " + ("安全，--fix 即修复" if rule.fix.safe else "需人工确认，--fix --unsafe-fixes 才修复"))
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
    from linter.extract.outline import outline

    config, _ = _load(config_path)
    date = parse_iso_or_chinese_date(date_text) if date_text else config.date
    documents = []
    for path in files:
        doc = read_document(Path(path), date, None, config.max_file_mb)
        documents.append((doc, [(figure, metric_key(doc, figure)) for figure in figures(doc).figures]))
    if output_format == "json":
        data = [{"path": doc.path, "normative": outline(doc).normative, "figures": [{"line": doc.position(f.start)[0], "column": doc.position(f.start)[1], **f.to_dict(), "key": key}
                                               for f, key in found]} for doc, found in documents]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for doc, found in documents:
        click.echo(f"{doc.path}: {len(found)} figure(s)")
        if outline(doc).normative:
            click.echo(f"  normative text ({outline(doc).normative}): every figure is a rule for a case and compares with nothing")
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
    failures = failing_examples(rules, known_codes=catalog.rules)
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
