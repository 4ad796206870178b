"""Knowledge as data: linter/data/knowledge.yaml, and the config's `knowledge:` additions."""

import pytest
from click.testing import CliRunner

from linter import knowledge
from linter.cli import main

FACTS = "people:\n  - name: 张三\n    titles: [院长]\n  - name: 李四\n    titles: [督导员]\n"


@pytest.fixture(autouse=True)
def shipped_knowledge():
    yield
    knowledge.use({})  # a test's additions do not outlive it


def check(folder, *args):
    return CliRunner().invoke(main, ["check", "--no-cache", *args, str(folder)])


def test_the_shipped_knowledge_validates_and_holds_the_lists():
    assert "党委书记" in knowledge.get("names", "titles") and "欧阳" in knowledge.get("names", "compound-surnames")
    assert knowledge.get("document-types", "names")["院报"] == "newsletter"
    assert knowledge.get("figures", "unit-classes")["台次"] == "台"


def test_a_title_added_in_the_config_is_read_before_names(tmp_path):
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "a.txt").write_text("2023年2月10日\n\n会议由督导员张三主持。\n", encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text("facts: facts.yaml\n", encoding="utf-8")
    assert "NM001" not in check(tmp_path / "a.txt", "--select", "NM001").output  # 督导员 is no title it knows
    (tmp_path / ".reportlint.yaml").write_text("facts: facts.yaml\nknowledge:\n  names: {titles: [督导员]}\n", encoding="utf-8")
    assert "a.txt:3:4: NM001" in check(tmp_path / "a.txt", "--select", "NM001").output  # 李四 is 督导员, 张三 is 院长


def test_a_document_type_name_added_in_the_config_chooses_its_pack(tmp_path):
    (tmp_path / "a.md").write_text("---\ntype: 医讯\n---\n准印证号：(渝)2022802\n\n医院召开职工代表大会。\n", encoding="utf-8")
    assert "SE001" not in check(tmp_path / "a.md").output  # 医讯 names no pack it knows
    (tmp_path / ".reportlint.yaml").write_text("knowledge:\n  document-types: {names: {医讯: newsletter}}\n", encoding="utf-8")
    result = check(tmp_path / "a.md", "--show-metadata")
    assert "packs=default,newsletter" in result.output and "SE001" in result.output


def test_a_malformed_addition_names_the_config_line(tmp_path):
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text("knowledge:\n  names: {titles: 督导员}\n", encoding="utf-8")
    result = check(tmp_path / "a.txt")
    assert result.exit_code == 2 and ".reportlint.yaml:2:" in result.output and "titles" in result.output


def test_use_replaces_the_additions_and_derived_values_follow():
    from linter.extract.names import titles

    knowledge.use({"names": {"titles": ["督导员"]}})
    assert "督导员" in titles()
    knowledge.use({})
    assert "督导员" not in titles() and "党委书记" in titles()
