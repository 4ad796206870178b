"""The spelling pack (rules/spelling.yaml) and its data (linter/data/spelling/)."""

from pathlib import Path

import jieba
import pytest

from linter.api import lint_text
from linter.rule_types.spelling import known_misspellings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_each_misspelling_is_one_character_substitution_of_its_right_form():
    table, _ = known_misspellings()
    assert len(table) >= 300
    for wrong, right in table.items():
        assert len(wrong) == len(right) and wrong != right, wrong


def test_no_misspelling_is_a_word_more_common_than_its_right_form():
    # jieba's dictionary was counted on web text and holds common misspellings
    # too (再接再励, 按步就班), always rarer than the right form; a wrong form
    # that jieba knows better than its right form would be a word of its own.
    jieba.initialize()
    frequency = jieba.dt.FREQ
    table, _ = known_misspellings()
    for wrong, right in table.items():
        assert frequency.get(wrong, 0) <= frequency.get(right, 0), (wrong, right)


def findings(text):
    return [(v.rule, v.message) for v in lint_text(text, select=["SP"])]


def test_known_misspelling_names_the_right_form_and_fixes_it():
    found = lint_text("我们要再接再励，一鼓作气完成全年目标。", select=["SP"])
    assert [(v.rule, v.message) for v in found] == [("SP001", "“再接再励”应为“再接再厉”（常见错别字）")]
    assert found[0].fix.edits[0].content == "再接再厉"


@pytest.mark.parametrize("text", [
    "恋爱带来的烦恼不应影响工作。",  # 爱带 spans 恋爱|带来
    "攻克苦难的关键在于坚持。",  # 克苦 spans 攻克|苦难
    "学习《再接再励》一文的体会。",  # a cited title
    "这既使他一举成名，也让他引以为傲。",  # 既 + 使: not in the table
])
def test_known_misspelling_stays_silent_across_words_and_in_titles(text):
    assert findings(text) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
@pytest.mark.parametrize("folder", ["gov-work-reports", "state-council-documents", "laws"])
def test_known_misspellings_silent_on_proofread_official_text(folder):
    for path in sorted((CORPUS / folder).iterdir()):
        assert findings(path.read_text(encoding="utf-8")) == [], path.name
