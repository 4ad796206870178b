"""The HTML report: one self-contained page (nothing loaded from anywhere), a
summary by rule and by file, each document with its findings highlighted and
their messages beside them, filters by severity and category. The browser test
opens it in headless Chromium (skipped when there is none)."""

import html
import json
import os
import re
import shutil

import pytest
from click.testing import CliRunner

from linter.cli import main
from tests.browser import Browser, find_chromium
from tests.conftest import SEEDS

DOC = ("2023年2月10日\n\n三峡医院召开职工代表大会,审议通过工作报告。\n"
       + "\n".join(f"第{n}段没有问题。" for n in range(1, 12))
       + "\n构建新冠肺炎患者分级诊疗服务体系\n反诈微电影《羊》、《安安》荣获一等奖。<script>alert(1)</script>\n")


def report(tmp_path, *paths):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "html", "--output-file", str(out), *map(str, paths)],
                                env={"GITHUB_ACTIONS": ""}, catch_exceptions=False)
    findings = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *map(str, paths)], env={"GITHUB_ACTIONS": ""}).stdout)
    return out, result, findings


@pytest.fixture
def sample(tmp_path):
    (tmp_path / "院报.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02")
    return tmp_path


def test_the_page_is_self_contained_and_shows_every_finding(sample, tmp_path):
    out, result, findings = report(tmp_path, sample / "院报.txt", sample / "broken.txt")
    page = out.read_text(encoding="utf-8")
    assert result.exit_code == 2  # the input error, as in every format
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?#)""", page), "the page must not load or link anything outside itself"
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script>alert(1)</script>" not in page and html.escape("<script>alert(1)</script>") in page
    for finding in findings:
        if finding["rule"] == "RL001":
            assert html.escape(finding["message"]) in page
            continue
        assert html.escape(finding["message"], quote=True) in page
    assert page.count('class="note ') == len([f for f in findings if f["rule"] != "RL001"])
    assert '<section id="by-rule">' in page and '<section id="by-file">' in page
    assert 'name="sev" value="warning"' in page and 'name="cat" value="typography"' in page
    assert "第6–12行（没有问题）" in page  # lines far from any finding are folded


@pytest.mark.browser
@pytest.mark.skipif(find_chromium() is None, reason="no Chromium (Debian: apt-get install chromium)")
def test_in_a_browser_each_finding_is_highlighted_with_its_message_visible_and_filters_work(sample, tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds", ignore=shutil.ignore_patterns("*.yaml"))
    out, _, findings = report(tmp_path, sample / "院报.txt", tmp_path / "seeds" / "000_5a305377e07a99ac.txt", sample / "broken.txt")
    browser = Browser(find_chromium())
    try:
        browser.open(out.as_uri())
        state = browser.evaluate(_STATE)
        expected = len([f for f in findings if f["rule"] != "RL001"])
        assert state["notes"] == expected and state["visibleNotes"] == expected
        assert state["unmarked"] == [], "every finding has a highlighted mark in the text"
        assert state["hiddenMessages"] == []
        browser.screenshot(tmp_path / "report.png")
        if os.environ.get("REPORTLINT_SCREENSHOT"):  # to refresh the README's picture
            shutil.copy(tmp_path / "report.png", os.environ["REPORTLINT_SCREENSHOT"])

        browser.evaluate("document.querySelector('input[name=sev][value=warning]').click()")
        filtered = browser.evaluate(_STATE)
        warnings = len([f for f in findings if f["severity"] == "warning"])
        assert filtered["visibleNotes"] == expected - warnings
        assert filtered["warningMarksLit"] == 0, "a mark covering only warnings is no longer highlighted"
        browser.evaluate("document.querySelector('input[name=cat][value=typography]').click()")
        assert browser.evaluate(_STATE)["visibleNotes"] == len([f for f in findings if f["severity"] != "warning" and f["category"] != "typography"
                                                               and f["rule"] != "RL001"])
    finally:
        browser.close()
    assert (tmp_path / "report.png").stat().st_size > 10_000


# Counts what a reader sees: notes shown, findings without a lit mark, messages hidden or of no size.
_STATE = """(() => {
  const notes = [...document.querySelectorAll('.note')];
  const shown = notes.filter(n => n.offsetParent !== null && n.getBoundingClientRect().height > 0);
  const lit = m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)' && m.getBoundingClientRect().width > 0;
  const marks = [...document.querySelectorAll('mark.finding')];
  const unmarked = notes.filter(n => !marks.some(m => m.dataset.findings.split(' ').includes(n.id) && lit(m))).map(n => n.id);
  const hiddenMessages = shown.filter(n => { const m = n.querySelector('.message'); return !m || m.getBoundingClientRect().width === 0; }).map(n => n.id);
  const onlyWarnings = marks.filter(m => m.dataset.findings.split(' ').every(id => document.getElementById(id).dataset.sev === 'warning'));
  return {notes: notes.length, visibleNotes: shown.length, unmarked, hiddenMessages, warningMarksLit: onlyWarnings.filter(lit).length};
})()"""
