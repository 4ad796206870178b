"""--fix on a .docx: each fix a tracked change (w:del + w:ins by reportlint) that accepts to
the text --fix gives the same document as .txt and rejects to the original, formatting kept."""

import json
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.revisions import replacements
from linter.edits import Edit
from tests.conftest import SEEDS

docx = pytest.importorskip("docx")
from lxml import etree  # noqa: E402  (python-docx brings lxml)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml")


def invoke(*args):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], env={"GITHUB_ACTIONS": ""}, catch_exceptions=False)


def _fixture(path):
    """Mixed bold/italic runs (a fix inside a bold run, one across a run boundary), Chinese and
    Latin text, a table, a header, a footnote, an existing comment and an existing tracked deletion."""
    from tests.makefiles import add_footnotes, add_tracked_deletion

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("今年全市经济运行")
    paragraph.add_run("总体平稳,稳中有进").bold = True
    paragraph.add_run("。全年GDP增长5.2%,CPI上涨0.3%。").italic = True
    crossing = document.add_paragraph()
    crossing.add_run("我们要坚持以人民为中心的")
    crossing.add_run("的发展思想。").bold = True
    commented = document.add_paragraph("这一段已有编辑的批注,请保留。")
    document.add_comment(commented.runs, text="请核对", author="编辑", initials="BJ")
    document.add_paragraph("全年经济运行总体平稳。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "进展顺利,成效明显。"
    document.sections[0].header.paragraphs[0].text = "某某市人民政府办公室,2024年"
    document.save(path)
    add_footnotes(path, ["数据来源:市统计局。"])
    return add_tracked_deletion(path, 3, "基本")


def _text(data: bytes) -> str:
    from linter.readers import docx as reader

    return reader.read(data, "<docx>", {}).text


def _resolve(data: bytes, accept: bool) -> bytes:
    """The .docx with every change by reportlint accepted (or rejected), from the XML alone."""
    import io

    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.startswith(PARTS):
                root = etree.fromstring(content)
                for change in list(root.iter(W + "ins", W + "del")):
                    if change.get(W + "author") != "reportlint":
                        continue
                    drop = (change.tag == W + "del") == accept
                    parent = change.getparent()
                    if not drop:
                        for node in change.iter(W + "delText"):
                            node.tag = W + "t"
                        for child in list(change):
                            change.addprevious(child)
                    parent.remove(change)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            parts[name] = content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _txt_fixed(tmp_path, text, *flags):
    """What --fix makes of the same text as a .txt file."""
    folder = tmp_path / "as-text"
    folder.mkdir()
    path = folder / "报告.txt"
    path.write_text(text, encoding="utf-8")
    invoke("--fix", *flags, str(path))
    return path.read_text(encoding="utf-8")


def _chars(element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t", W + "delText"))


def _changes(data: bytes):
    """Every w:ins and w:del of the document body: (tag, author, date, text)."""
    root = etree.fromstring(zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml"))
    return [(c.tag[len(W):], c.get(W + "author"), c.get(W + "date"), "".join(t.text or "" for t in c.iter(W + "t", W + "delText")))
            for c in root.iter(W + "ins", W + "del")]


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)], ids=["safe", "unsafe"])
def test_tracked_changes_accept_to_the_text_fix_and_reject_to_the_original(tmp_path, flags):
    path = _fixture(tmp_path / "报告.docx")
    before = path.read_bytes()
    original = _text(before)
    result = invoke("--fix", *flags, str(path))
    assert "Fixed" in result.output and "not fixed" not in result.output, result.output
    after = path.read_bytes()
    assert after != before
    expected = _txt_fixed(tmp_path, original, *flags)
    assert expected != original
    assert _text(_resolve(after, accept=True)) == expected
    assert _text(_resolve(after, accept=False)) == original
    assert _text(after) == expected  # the reader reads insertions and skips deletions
    ours = [c for c in _changes(after) if c[1] == "reportlint"]
    assert ours and all(date and date.endswith("Z") for _, _, date, _ in ours)
    assert ("del", "审校") in [(tag, author) for tag, author, _, _ in _changes(after)]  # the earlier tracked deletion stays


def test_each_fix_is_one_deletion_and_one_insertion_in_the_formatting_around_it(tmp_path):
    path = _fixture(tmp_path / "报告.docx")
    invoke("--fix", "--unsafe-fixes", str(path))
    document = docx.Document(str(path))
    body = document.element.body
    first = body.findall(f"{W}p")[0]
    # the comma inside the bold run: deleted and inserted bold, the characters around still bold
    deletion = first.find(f"{W}del")
    insertion = deletion.getnext()
    assert insertion.tag == W + "ins"
    assert _chars(deletion) == "," and _chars(insertion) == "，"
    assert insertion.find(f"{W}r/{W}rPr/{W}b") is not None and deletion.find(f"{W}r/{W}rPr/{W}b") is not None
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in document.paragraphs[0].runs if r.text]
    assert runs[:3] == [("今年全市经济运行", False, False), ("总体平稳", True, False), ("稳中有进", True, False)]
    assert runs[3:] == [("。全年GDP增长5.2%,CPI上涨0.3%。", False, True)]  # a comma between Latin letters is not Chinese text
    # the doubled 的 across two runs: one character deleted, nothing inserted
    second = body.findall(f"{W}p")[1]
    assert [_chars(d) for d in second.iter(W + "del")] == ["的"] and second.find(f".//{W}ins") is None
    # the table cell, the header and the footnote are fixed too; the editor's comment stays
    assert document.tables[0].cell(0, 1).paragraphs[0]._p.find(f".//{W}ins") is not None
    assert document.sections[0].header.paragraphs[0]._p.find(f".//{W}ins") is not None
    with zipfile.ZipFile(path) as archive:
        assert "reportlint" in archive.read("word/footnotes.xml").decode("utf-8")
    assert [c.text for c in document.comments] == ["请核对"]


def _odd_places(path):
    """Fixes inside a hyperlink, inside another author's tracked insertion and after a field."""
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    document = docx.Document()
    linked = document.add_paragraph("详见网站")
    linked._p.append(parse_xml(f'<w:hyperlink {ns} r:id="rId99"><w:r><w:t>政务公开,信息公开</w:t></w:r></w:hyperlink>'))
    inserted = document.add_paragraph("审校时")
    inserted._p.append(parse_xml(f'<w:ins {ns} w:id="50" w:author="审校" w:date="2024-01-01T00:00:00Z"><w:r><w:t>新增了一句,内容</w:t></w:r></w:ins>'))
    inserted.add_run("到此。")
    field = document.add_paragraph("第")
    for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar w:fldCharType="separate"/>', "<w:t>3</w:t>", '<w:fldChar w:fldCharType="end"/>'):
        field._p.append(parse_xml(f"<w:r {ns}>{xml}</w:r>"))
    field.add_run("页,共10页。")
    document.save(path)
    return path


def test_fixes_in_a_hyperlink_another_authors_insertion_and_after_a_field(tmp_path):
    path = _odd_places(tmp_path / "报告.docx")
    original = _text(path.read_bytes())
    invoke("--fix", str(path))
    after = path.read_bytes()
    assert _text(_resolve(after, accept=True)) == _txt_fixed(tmp_path, original) == original.replace(",", "，")
    assert _text(_resolve(after, accept=False)) == original
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    assert not body.findall(f".//{W}ins//{W}ins")  # ours is put beside the editor's insertion, which is split
    editors = [c for c in body.iter(W + "ins") if c.get(W + "author") == "审校"]
    assert [_chars(c) for c in editors] == ["新增了一句,", "内容"]  # ... and the comma deleted from it stays inside it
    assert editors[0].find(f"{W}del").get(W + "author") == "reportlint"
    assert body.find(f".//{W}hyperlink/{W}ins") is not None
    assert "PAGE" in "".join(t.text for t in body.iter(W + "instrText"))  # the field is kept


def test_diff_on_a_docx_shows_the_text_and_writes_nothing(tmp_path):
    path = _fixture(tmp_path / "报告.docx")
    before = path.read_bytes()
    result = invoke("--diff", str(path))
    assert result.exit_code == 1
    assert "-今年全市经济运行总体平稳,稳中有进" in result.stdout and "+今年全市经济运行总体平稳，稳中有进" in result.stdout
    assert path.read_bytes() == before


def test_a_docx_changed_since_it_was_linted_is_not_written(tmp_path):
    from linter.document import read_document
    from linter.fixes import fix_document
    from linter.fixes import write_tracked
    from tests.conftest import catalog

    path = _fixture(tmp_path / "报告.docx")
    doc = read_document(path)
    fixed = fix_document(doc, catalog().select([], ["TY002"]))
    other = docx.Document(str(path))
    other.add_paragraph("新加的一段。")
    other.save(str(path))
    changed = path.read_bytes()
    assert write_tracked(doc, fixed) == "it changed since it was read"
    assert path.read_bytes() == changed


def test_fixes_of_several_passes_are_replacements_of_the_original():
    # pass 1 replaces 2:4 by "XYZ"; pass 2 (in the new text) replaces "ZC" and deletes the last character
    first = [Edit(2, 4, "XYZ", 1, 3, 1, 5)]
    second = [Edit(4, 6, "Q", 1, 5, 1, 7), Edit(7, 8, "", 1, 8, 1, 9)]
    assert replacements("ABCDEFG", [first, second]) == [(2, 5, "XYQ"), (6, 7, "")]
    assert replacements("ABC", [[Edit(3, 3, "。", 1, 4, 1, 4)]]) == [(3, 3, "。")]


def _seed_docx(folder):
    from tests.makefiles import write_docx

    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        write_docx(folder / f"{seed.stem}.docx", seed.read_text(encoding="utf-8").split("\n"))
    shutil.copy(SEEDS / "facts.yaml", folder / "facts.yaml")


def test_the_seeds_as_docx_get_a_comment_per_finding_and_tracked_fixes_as_their_text(tmp_path):
    words, texts = tmp_path / "docx", tmp_path / "txt"
    _seed_docx(words)
    texts.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, texts / seed.name)
    findings = json.loads(invoke("--format", "json", str(words)).stdout)
    assert len(findings) > 100
    annotated = invoke("--annotate", str(tmp_path / "批注"), str(words))
    for copy in (tmp_path / "批注").glob("*.docx"):
        comments = [c for c in docx.Document(str(copy)).comments if c.author == "reportlint"]
        assert len(comments) == sum(1 for f in findings if f["path"].endswith(copy.name)), annotated.output
    assert f"({len(findings)} comments)" in annotated.output
    invoke("--fix", "--unsafe-fixes", str(texts))
    result = invoke("--fix", "--unsafe-fixes", str(words))
    assert "not fixed" not in result.output
    for seed in sorted(SEEDS.glob("*.txt")):
        data = (words / f"{seed.stem}.docx").read_bytes()
        assert _text(_resolve(data, accept=True)).split("\n") == (texts / seed.name).read_text(encoding="utf-8").split("\n")
        assert _text(_resolve(data, accept=False)).split("\n") == seed.read_text(encoding="utf-8").split("\n")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_fixed_file(tmp_path):
    path = _fixture(tmp_path / "报告.docx")
    invoke("--fix", "--unsafe-fixes", str(path))
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path / "pdf"), str(path)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pdf" / "报告.pdf").read_bytes().startswith(b"%PDF")


def test_sarif_gives_no_byte_replacements_for_a_docx(tmp_path):
    from tests.makefiles import write_docx

    word = write_docx(tmp_path / "a.docx", ["医院召开会议,研究工作。"])
    text = tmp_path / "a.txt"
    text.write_text("医院召开会议,研究工作。\n", encoding="utf-8")
    sarif = json.loads(invoke("--format", "sarif", "--select", "TY002", str(word), str(text)).stdout)
    fixes = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]: "fixes" in r
             for r in sarif["runs"][0]["results"]}
    assert fixes == {"a.docx": False, "a.txt": True}
