"""Runs: parallel workers give the same ordered results, the content cache is
reused and never fatal, cross-document checks see every file."""

import datetime
from pathlib import Path

from linter.config import Config
from linter.rule_types import Hit, RuleType
from linter.rules import Rule, load_catalog
from linter.config import CACHE_FOLDER
from linter.runner import PARALLEL_MIN_BYTES, run

RULES = load_catalog().select(["default"])
BAD = "2023年2月10日\n\n构建新冠肺炎患者分级诊疗服务体系。我们要抓质量...抓服务。\n"
FILLER = "三峡医院坚持党建引领，推进医院高质量发展，全面提升医疗服务能力。\n" * 200


def make_corpus(folder, count=40):
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(BAD + FILLER * (1 + i % 3), encoding="utf-8")
    return folder


def flatten(results):
    return [(v.path, v.line, v.column, v.rule, v.message) for r in results for v in r.violations]


def test_parallel_run_matches_the_sequential_one(tmp_path):
    corpus = make_corpus(tmp_path / "docs")
    assert sum(p.stat().st_size for p in corpus.iterdir()) > PARALLEL_MIN_BYTES  # so workers are really used
    config = Config(root=tmp_path)
    sequential = run([str(corpus)], RULES, config, jobs=1)
    parallel = run([str(corpus)], RULES, config, jobs=2)
    assert flatten(parallel) == flatten(sequential)
    assert len(flatten(sequential)) == 80  # TM001 and TY001 in each of the 40 files
    assert [r.path for r in parallel] == sorted(r.path for r in parallel)


def test_cache_is_reused_refreshed_on_change_and_survives_corruption(tmp_path):
    corpus = make_corpus(tmp_path / "docs", count=3)
    config = Config(path=tmp_path / ".reportlint.yaml", root=tmp_path)  # the cache lives beside the config
    first = run([str(corpus)], RULES, config, use_cache=True)
    entries = list((tmp_path / CACHE_FOLDER).rglob("*.json"))
    assert len(entries) == 3
    assert flatten(run([str(corpus)], RULES, config, use_cache=True)) == flatten(first)

    changed = corpus / "000.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("新冠肺炎", "新冠病毒感染"), encoding="utf-8")
    assert [v.rule for r in run([str(changed)], RULES, config, use_cache=True) for v in r.violations] == ["TY001"]

    for entry in entries:
        entry.write_text("{not json", encoding="utf-8")
    unchanged = [f for f in flatten(first) if not f[0].endswith("000.txt")]
    assert [f for f in flatten(run([str(corpus)], RULES, config, use_cache=True)) if not f[0].endswith("000.txt")] == unchanged


def test_cache_depends_on_the_publication_date_setting(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("构建新冠肺炎患者分级诊疗服务体系\n", encoding="utf-8")
    assert flatten(run([str(doc)], RULES, Config(root=tmp_path), use_cache=True)) == []
    dated = Config(root=tmp_path, date=datetime.date(2023, 2, 10))
    assert [f[3] for f in flatten(run([str(doc)], RULES, dated, use_cache=True))] == ["TM001"]


class SameFirstLine(RuleType):
    """A cross-document check for the test: a file whose first line repeats an earlier file's."""

    def check_run(self, docs):
        seen = set()
        for doc in docs:
            first = doc.source.splitlines()[0]
            if first in seen:
                yield doc, Hit(0, len(first), {})
            seen.add(first)


def test_cross_document_rules_see_every_file_also_with_workers(tmp_path):
    corpus = make_corpus(tmp_path / "docs")
    rule = Rule("XX001", "sections", "warning", "重复", "", "test", SameFirstLine({}, None))
    for jobs in (1, 2):
        results = run([str(corpus)], [rule], Config(root=tmp_path), jobs=jobs)
        assert [v.path for r in results for v in r.violations] == [r.path for r in results][1:]


def test_documents_without_findings_are_not_kept_unless_asked(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(FILLER, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    config = Config(root=tmp_path)
    kept = {Path(r.path).name: r.document is not None for r in run([str(clean), str(bad)], RULES, config)}
    assert kept == {"clean.txt": False, "bad.txt": True}  # the finding's source line is shown
    assert all(r.document is not None for r in run([str(clean)], RULES, config, keep_documents=True))


def test_workers_started_by_multiprocessing_give_the_forked_workers_results(tmp_path, monkeypatch):
    """Windows and macOS start workers with multiprocessing.Pool; Linux forks them itself."""
    from linter import runner

    corpus = make_corpus(tmp_path / "docs")
    config = Config(root=tmp_path)
    forked = run([str(corpus)], RULES, config, jobs=2)
    monkeypatch.setattr(runner, "FORK_WORKERS", False)
    pooled = run([str(corpus)], RULES, config, jobs=2)
    assert flatten(pooled) == flatten(forked) and len(flatten(forked)) == 80


def test_a_forked_worker_that_fails_is_reported_with_its_traceback(tmp_path, monkeypatch):
    import pytest

    from linter import runner

    corpus = make_corpus(tmp_path / "docs")

    def broken(path, settings):
        raise ValueError(f"cannot lint {path.name}")

    monkeypatch.setattr(runner, "lint_file", broken)
    with pytest.raises(RuntimeError, match=r"(?s)a worker process failed on .*\.txt:.*ValueError: cannot lint"):
        run([str(corpus)], RULES, Config(root=tmp_path), jobs=2)
