"""check --annotate: a copy of each .docx with every finding as a Word comment (批注)."""

import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from linter.cli import main

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _fixture(path):
    """Mixed bold/italic runs, a finding across a run boundary, a table, a header, an existing comment."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("今年全市经济运行")
    bold = paragraph.add_run("总体平稳,稳中有进")
    bold.bold = True
    italic = paragraph.add_run("。全年完成GDP增长目标")
    italic.italic = True
    crossing = document.add_paragraph()
    crossing.add_run("我们要坚持以人民为中心的")
    crossing.add_run("的发展思想。").bold = True
    commented = document.add_paragraph("这一段已有编辑的批注。")
    document.add_comment(commented.runs, text="请核对", author="编辑", initials="BJ")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "进展顺利,成效明显。"
    document.sections[0].header.paragraphs[0].text = "某某市人民政府办公室,2024年"
    document.save(path)
    return path


def _annotate(tmp_path, *extra):
    folder = tmp_path / "稿件"
    folder.mkdir()
    source = _fixture(folder / "报告.docx")
    before = source.read_bytes()
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--annotate", str(tmp_path / "批注"), str(folder), *extra])
    assert result.exit_code == 1, result.output
    assert source.read_bytes() == before  # the original is never touched
    return tmp_path / "批注" / "报告.docx", result


def _comments(document):
    """comment id -> (author, initials, text), and id -> anchored text, from the copy's XML."""
    comments = {c.comment_id: c for c in document.comments}
    anchored = {}
    body = document.element.body
    for start in body.iter(W + "commentRangeStart"):
        ident, pieces = start.get(W + "id"), []
        for node in start.itersiblings():
            if node.tag == W + "commentRangeEnd" and node.get(W + "id") == ident:
                break
            pieces.extend(t.text for t in node.iter(W + "t"))
        anchored[int(ident)] = "".join(pieces)
    return comments, anchored


def test_every_finding_is_a_comment_on_its_characters(tmp_path):
    import json

    copy, result = _annotate(tmp_path)
    findings = json.loads(result.stdout)
    document = docx.Document(str(copy))
    comments, anchored = _comments(document)
    ours = {i: c for i, c in comments.items() if c.author == "reportlint"}
    assert len(ours) == len(findings) >= 4
    assert all(c.initials == "RL" for c in ours.values())
    texts = {i: c.text for i, c in ours.items()}
    by_rule = {}
    for ident, text in texts.items():
        by_rule.setdefault(text.split()[0], []).append(anchored[ident])
    assert by_rule["TY002"].count(",") == 2  # body and table cell, exactly the comma
    assert "的的" in by_rule["TY010"]  # across two runs of different formatting
    assert any("建议改为：，" in text for text in texts.values())
    assert any(text.startswith("TY002") and "[页眉]" not in text for text in texts.values())
    assert any("[页眉]" in c.text for c in ours.values())  # the header's finding, on the first body paragraph


def test_the_copy_keeps_text_formatting_and_existing_comments(tmp_path):
    copy, _ = _annotate(tmp_path)
    original = docx.Document(str(tmp_path / "稿件" / "报告.docx"))
    annotated = docx.Document(str(copy))
    assert [p.text for p in annotated.paragraphs] == [p.text for p in original.paragraphs]
    assert annotated.tables[0].cell(0, 1).text == "进展顺利,成效明显。"
    assert annotated.sections[0].header.paragraphs[0].text == "某某市人民政府办公室,2024年"

    def formatted(document, index):
        runs = document.paragraphs[index].runs
        return [(ch, bool(r.bold), bool(r.italic)) for r in runs if r.text for ch in r.text]

    assert formatted(annotated, 0) == formatted(original, 0)
    assert formatted(annotated, 1) == formatted(original, 1)
    editors = [c for c in annotated.comments if c.author == "编辑"]
    assert len(editors) == 1 and editors[0].text == "请核对"


def test_annotate_writes_only_word_files_and_names_them(tmp_path):
    (tmp_path / "稿件").mkdir()
    (tmp_path / "稿件" / "a.txt").write_text("总体平稳,稳中有进。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--annotate", str(tmp_path / "out"), str(tmp_path / "稿件")])
    assert result.exit_code == 1
    assert "Annotated 0 files" in result.output
    assert not (tmp_path / "out" / "a.txt").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_copy(tmp_path):
    copy, _ = _annotate(tmp_path)
    profile = tmp_path / "profile"
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path / "pdf"), str(copy)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "pdf" / "报告.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_a_footnote_finding_goes_on_a_body_paragraph_and_tracked_changes_stay(tmp_path):
    from tests.makefiles import add_footnotes, add_tracked_deletion, write_docx

    folder = tmp_path / "稿件"
    folder.mkdir()
    source = write_docx(folder / "注.docx", ["一、总体情况", "全年经济运行总体平稳。"])
    add_footnotes(source, ["数据来源:市统计局。"])
    add_tracked_deletion(source, 1, "基本")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--annotate", str(tmp_path / "批注"), str(folder)])
    assert "Annotated 1 file" in result.output, result.output
    with zipfile.ZipFile(tmp_path / "批注" / "注.docx") as copy:
        xml = copy.read("word/document.xml").decode("utf-8")
    assert "<w:del " in xml and "基本" in xml  # the tracked deletion is kept
    notes = [c for c in docx.Document(str(tmp_path / "批注" / "注.docx")).comments if c.author == "reportlint"]
    assert notes and all(c.text.startswith("[脚注] TY002") for c in notes)
