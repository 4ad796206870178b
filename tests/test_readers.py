"""Reading what users have: encodings, Word, PDF, formats to convert, folders,
standard input — and never a silent pass or a traceback."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.config import Config
from linter.document import read_document
from linter.errors import UserError
from linter.runner import discover
from tests.conftest import SEEDS
from tests.makefiles import add_footnotes, add_tracked_deletion, write_docx, write_pdf

COVID = "构建新冠肺炎患者分级诊疗服务体系，推动优质医疗资源扩容下沉。"
DATED = "2023年2月10日\n\n"
TRADITIONAL = "本院於二零二四年三月舉行年度工作會議，院長報告過去一年的醫療服務成果：門診人次較去年增加百分之十二，住院病人滿意度達到九成以上。"


def check(*args, input=None):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], input=input)


# -- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize("codec, bom", [
    ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
])
def test_unicode_files_with_a_bom_keep_their_encoding(tmp_path, codec, bom):
    path = tmp_path / "记事本.txt"
    path.write_bytes(bom + (DATED + COVID).replace("\n", "\r\n").encode(codec))
    doc = read_document(path)
    assert doc.source == DATED + COVID
    assert (doc.encoding.codec, doc.encoding.bom, doc.encoding.newline) == (codec, bom, "\r\n")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bom_less_utf16_is_told_by_its_nul_bytes(tmp_path, codec):
    path = tmp_path / "unicode.txt"
    path.write_bytes((DATED + COVID + "\n").encode(codec))
    doc = read_document(path)
    assert doc.source == DATED + COVID + "\n" and doc.encoding.codec == codec and doc.encoding.bom == b""


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bom_less_utf16_of_dates_figures_and_han_with_nuls_on_both_sides(tmp_path, codec):
    # 一 (U+4E00) and 万 figures put NULs on the side opposite the digits' NULs
    text = "2023年12月1日\n一、全年完成投资100万元，增长一成。\n二、一季度一万一千元。\n"
    (tmp_path / "表.txt").write_bytes(text.encode(codec))
    doc = read_document(tmp_path / "表.txt")
    assert doc.source == text and doc.encoding.codec == codec


def test_gbk_and_big5_files_are_told_apart_by_their_characters(tmp_path):
    (tmp_path / "gbk.txt").write_bytes(COVID.encode("gb18030"))
    (tmp_path / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    assert read_document(tmp_path / "gbk.txt").source == COVID
    big5 = read_document(tmp_path / "big5.txt")
    assert big5.source == TRADITIONAL and big5.encoding.codec == "big5"


def test_undecidable_bytes_name_the_config_key_and_the_config_key_decides(tmp_path):
    path = tmp_path / "旧稿.txt"
    path.write_bytes(b"\xa4\xa4\xa4\xe5")  # two characters in GBK and in Big5: too little text to tell
    with pytest.raises(UserError, match=r"旧稿\.txt: cannot tell its encoding .*encoding:"):
        read_document(path)
    (tmp_path / ".reportlint.yaml").write_text('encoding:\n  "旧稿.txt": big5\n', encoding="utf-8")
    result = check(str(path))
    assert result.exit_code == 0, result.output
    (tmp_path / ".reportlint.yaml").write_text('encoding:\n  "*.txt": klingon\n', encoding="utf-8")
    result = check(str(path))
    assert result.exit_code == 2 and ".reportlint.yaml:2: " in result.output and "unknown encoding 'klingon'" in result.output


def test_binary_files_are_errors_not_mojibake(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(UserError, match="looks like a binary file"):
        read_document(tmp_path / "scan.txt")


# -- Word ---------------------------------------------------------------------------


def test_docx_paragraphs_tables_headers_footnotes_and_heading_styles(tmp_path):
    path = write_docx(tmp_path / "总结.docx", ["2023年工作总结", "一、主要工作", COVID, "二、下一步工作"], {1: 1, 2: 2},
                      header="三峡医院院报", footer="第1页", table=[["指标", "数值"], ["门诊量", "65.07万人次"]])
    add_footnotes(path, ["数据来源：医院信息科。"])
    add_tracked_deletion(path, 2, "已删去的文字")
    doc = read_document(path)
    lines = doc.source.split("\n")
    assert lines[:4] == ["2023年工作总结", "一、主要工作", COVID, "二、下一步工作"]  # the line is the paragraph's number
    assert lines[4:8] == ["指标", "数值", "门诊量", "65.07万人次"]
    assert lines[8:] == ["数据来源：医院信息科。", "三峡医院院报", "第1页"]
    assert "已删去的文字" not in doc.source
    # Styles mark both; the numbered one ranks by its numbering, as in .txt.
    assert [(h.line, h.level, h.source, h.marked) for h in doc.headings][:2] == [(1, 1, "markup", True), (2, 1, "numbering", True)]
    assert doc.location(doc.source.index("数据来源")) == {"part": "脚注"}
    assert doc.location(doc.source.index("三峡医院院报")) == {"part": "页眉"}
    assert doc.location(doc.source.index("门诊量")) == {"paragraph": 7}  # 第7段: table cells count, as in Word


def test_docx_findings_give_the_paragraph_as_the_line_and_json_keeps_its_keys(tmp_path):
    write_docx(tmp_path / "院报.docx", ["2023年2月10日", "", COVID], header="院报 构建新冠肺炎分级诊疗体系")
    result = check("--select", "TM001", "--format", "json", str(tmp_path / "院报.docx"))
    findings = json.loads(result.output)
    assert [(f["line"], f["column"], f.get("part")) for f in findings] == [(3, 3, None), (4, 6, "页眉")]
    assert (findings[0]["paragraph"], findings[0]["section"]) == (2, "")  # the empty paragraph is not counted
    assert set(findings[0]) >= {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message"}
    assert "part" not in findings[0] and findings[1]["part"] == "页眉"
    text = check("--select", "TM001", str(tmp_path / "院报.docx")).output
    assert "院报.docx:4:6: TM001" in text and "（页眉）" in text and "（第2段）" in text


def test_a_docx_finding_names_its_paragraph_and_the_headings_it_is_under(tmp_path):
    lines = ["关于2023年工作的报告", "", "一、主要工作", "（一）医疗服务", "全年接诊患者65.07万人次。", "（二）疫情防控",
             "全年未发生院内感染。", COVID, "二、下一步工作", COVID, "", "2023年2月10日"]
    write_docx(tmp_path / "报告.docx", lines)
    findings = json.loads(check("--select", "TM001", "--format", "json", str(tmp_path / "报告.docx")).output)
    assert [(f["line"], f["paragraph"], f["section"]) for f in findings] == [(8, 7, "一、（二）"), (10, 9, "二、")]
    text = check("--select", "TM001", str(tmp_path / "报告.docx")).output
    assert "报告.docx:8:3: TM001" in text and "（第7段 一、（二））" in text and "（第9段 二、）" in text
    plain = tmp_path / "报告.txt"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "paragraph" not in check("--select", "TM001", "--format", "json", str(plain)).output  # text files: line only


def test_a_broken_docx_is_an_input_error(tmp_path):
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "旧.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(UserError, match=r"坏\.docx: is not a readable \.docx"):
        read_document(tmp_path / "坏.docx")
    with pytest.raises(UserError, match=r"旧\.docx: is not a \.docx inside .*soffice --headless --convert-to docx"):
        read_document(tmp_path / "旧.docx")


# -- PDF -----------------------------------------------------------------------------


LONG = ("2023年，医院门诊量达到65.07万人次，同比增长12.3%；出院病人4.81万人次，手术1.6万台次。"
        "医院坚持党建统领，深化“细胞党建”，推进临床重点专科建设，获批国家级博士后科研工作站。") * 3


def test_pdf_lines_broken_by_the_typesetting_are_joined(tmp_path):
    doc = read_document(write_pdf(tmp_path / "报告.pdf", "一、2023年工作回顾\n\n" + LONG + "\n\n二、2024年工作安排\n"))
    assert doc.source.split("\n") == ["一、2023年工作回顾", "", LONG, "", "二、2024年工作安排"]
    assert doc.location(doc.source.index("二、")) == {"page": 1, "page_line": doc.location(doc.source.index("二、"))["page_line"]}


def test_pdf_sentences_continue_across_pages_without_the_page_number(tmp_path):
    text = "\n".join(f"第{i}段。" + LONG for i in range(1, 31))
    doc = read_document(write_pdf(tmp_path / "长.pdf", text))
    assert doc.source == text  # no "- 1 -" footer, no sentence cut at a page end
    pages = {doc.location(offset)["page"] for offset in range(0, len(doc.source), 50)}
    assert {1, 2, 3} <= pages


def test_pdf_findings_give_page_and_line_within_the_page(tmp_path):
    write_pdf(tmp_path / "院报.pdf", DATED + "\n".join([LONG] * 12) + "\n一、分级诊疗\n" + COVID)
    findings = json.loads(check("--select", "TM001", "--format", "json", str(tmp_path / "院报.pdf")).output)
    doc = read_document(tmp_path / "院报.pdf")
    heading = doc.location(doc.source.index("一、分级诊疗"))
    assert heading["page"] == 2  # twelve paragraphs of seven lines fill the first page
    assert [(f["rule"], f["page"], f["page_line"]) for f in findings] == [("TM001", 2, heading["page_line"] + 1)]


def test_a_scanned_or_broken_pdf_is_an_input_error(tmp_path):
    write_pdf(tmp_path / "扫描件.pdf", "", pages_of_text=False)
    with pytest.raises(UserError, match=r"扫描件\.pdf: has no text layer .*OCR"):
        read_document(tmp_path / "扫描件.pdf")
    (tmp_path / "坏.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n")
    with pytest.raises(UserError, match=r"坏\.pdf: "):
        read_document(tmp_path / "坏.pdf")


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seeds_as_docx_and_pdf_give_the_findings_of_the_txt(tmp_path, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    stem = Path(name).stem
    write_docx(tmp_path / f"{stem}.docx", text.split("\n"))
    write_pdf(tmp_path / f"{stem}.pdf", text)
    (tmp_path / name).write_text(text, encoding="utf-8")

    def findings(suffix):
        result = check("--format", "json", str(tmp_path / f"{stem}{suffix}"))
        return json.loads(result.output)

    txt, docx, pdf = findings(".txt"), findings(".docx"), findings(".pdf")
    assert [(f["rule"], f["line"], f["column"]) for f in docx] == [(f["rule"], f["line"], f["column"]) for f in txt]
    # A PDF has no blank lines at a page's top or bottom: compare each finding by its line's text.
    source = {".txt": text.split("\n"), ".pdf": read_document(tmp_path / f"{stem}.pdf").source.split("\n")}
    by_text = {suffix: Counter((f["rule"], f["column"], source[suffix][f["line"] - 1].rstrip()) for f in found)
               for suffix, found in ((".txt", txt), (".pdf", pdf))}
    assert by_text[".pdf"] == by_text[".txt"]


# -- formats to convert, folders, stdin ---------------------------------------------


def test_formats_to_convert_are_errors_naming_the_command_and_the_rest_is_linted(tmp_path, monkeypatch):
    monkeypatch.setattr("linter.readers.office.soffice", lambda: None)  # as without LibreOffice (tests/test_office.py: with it)
    (tmp_path / "通知.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "总结.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "报表.et").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "院报.txt").write_text(DATED + COVID, encoding="utf-8")
    result = check(str(tmp_path))
    assert result.exit_code == 2
    assert "总结.wps: .wps files are not read; convert it first (soffice --headless --convert-to docx" in result.output
    assert "报表.et: .et files are not read; convert it first (soffice --headless --convert-to pdf" in result.output
    assert "院报.txt:3:3: TM001" in result.output


def test_a_folder_of_unsupported_files_exits_2_saying_what_was_skipped(tmp_path):
    for name in ("照片.jpg", "照片2.jpg", "数据.csv"):
        (tmp_path / name).write_bytes(b"x")
    result = check(str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].endswith(
        "3 file(s) skipped (2 .jpg, 1 .csv); reportlint reads .txt, .md, .docx and .pdf")
    empty = tmp_path / "空"
    empty.mkdir()
    result = check(str(empty))
    assert result.exit_code == 2 and f"no file to lint in {empty}" in result.output


def test_a_folder_of_docx_and_pdf_files_is_linted(tmp_path):
    write_docx(tmp_path / "a.docx", ["2023年2月10日", COVID])
    write_pdf(tmp_path / "b.pdf", DATED + COVID)
    result = check("--select", "TM001", str(tmp_path))
    assert result.exit_code == 1
    assert "a.docx:2:3: TM001" in result.output and "b.pdf:3:3: TM001" in result.output
    assert "in 2 of 2 files" in result.output


def test_gitignore_is_honoured_in_and_outside_a_git_repository(tmp_path):
    for root in (tmp_path / "plain", tmp_path / "repo"):
        (root / "草稿").mkdir(parents=True)
        (root / "院报.txt").write_text(COVID, encoding="utf-8")
        (root / "草稿" / "旧.txt").write_text(COVID, encoding="utf-8")
        (root / "忽略.txt").write_text(COVID, encoding="utf-8")
        (root / ".gitignore").write_text("草稿/\n忽略.txt\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    for root in (tmp_path / "plain", tmp_path / "repo"):
        found = discover([str(root)], Config(root=root))
        assert [p.name for p in found.files] == ["院报.txt"], root


def test_a_folder_git_ignores_says_so_and_no_gitignore_lints_it(tmp_path):
    (tmp_path / "草稿" / "旧").mkdir(parents=True)
    (tmp_path / "草稿" / "a.txt").write_text(DATED + COVID, encoding="utf-8")
    (tmp_path / "草稿" / "旧" / "b.md").write_text(DATED + COVID, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("草稿/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = check("--select", "TM001", str(tmp_path / "草稿"))
    assert result.exit_code == 2
    assert "1 file(s) and 1 folder(s) ignored by git (.gitignore; lint them anyway with --no-gitignore)" in result.stderr
    result = check("--select", "TM001", "--no-gitignore", str(tmp_path / "草稿"))
    assert result.exit_code == 1 and "a.txt:3:3: TM001" in result.output and "b.md:3:3: TM001" in result.output


def test_a_symlink_loop_is_skipped_with_a_notice(tmp_path):
    (tmp_path / "院报").mkdir()
    (tmp_path / "院报" / "a.txt").write_text(DATED + COVID, encoding="utf-8")
    os.symlink(tmp_path / "院报", tmp_path / "院报" / "回到上级")
    result = check("--select", "TM001", str(tmp_path))
    assert result.exit_code == 1
    assert "symbolic link loop" in result.output and result.output.count("a.txt:3:3: TM001") == 1


def test_unreadable_and_broken_files_are_errors_for_that_file_only(tmp_path):
    (tmp_path / "好.txt").write_text(DATED + COVID, encoding="utf-8")
    os.symlink(tmp_path / "不存在.txt", tmp_path / "断链.txt")
    result = check("--select", "TM001", str(tmp_path))
    assert result.exit_code == 2
    assert "断链.txt: no such file" in result.output and "好.txt:3:3: TM001" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_without_read_permission_is_an_error(tmp_path):
    path = tmp_path / "锁定.txt"
    path.write_text(COVID, encoding="utf-8")
    path.chmod(0)
    result = check(str(path))
    assert result.exit_code == 2 and "锁定.txt: cannot read file" in result.output


def test_stdin_is_linted_under_its_stdin_filename(tmp_path):
    result = check("--select", "TM001", "-", "--stdin-filename", "院报.txt", input=(DATED + COVID).encode("utf-8"))
    assert result.exit_code == 1 and "院报.txt:3:3: TM001" in result.output
    docx = write_docx(tmp_path / "a.docx", ["2023年2月10日", COVID]).read_bytes()
    result = check("--select", "TM001", "-", "--stdin-filename", "来稿.docx", input=docx)
    assert "来稿.docx:2:3: TM001" in result.output
    result = check("--select", "TM001", "-", input=(DATED + COVID).encode("gb18030"))
    assert "-:3:3: TM001" in result.output


def test_the_config_is_found_from_the_linted_files_and_the_cache_lives_beside_it(tmp_path, monkeypatch):
    project = tmp_path / "院报"
    (project / "稿件").mkdir(parents=True)
    (project / ".reportlint.yaml").write_text("ignore: [TM001]\n", encoding="utf-8")
    (project / "稿件" / "a.txt").write_text(DATED + COVID, encoding="utf-8")
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["check", str(project / "稿件" / "a.txt")])
    assert result.exit_code == 0, result.output
    assert (project / ".reportlint_cache").is_dir() and not list(elsewhere.iterdir())


def test_no_traceback_on_any_reader_error_from_the_command_line(tmp_path):
    (tmp_path / "坏.pdf").write_bytes(b"%PDF-1.7 garbage \x00\x01\x02")
    (tmp_path / "坏.docx").write_bytes(b"garbage")
    done = subprocess.run([sys.executable, "-m", "linter", "check", "--no-cache", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "坏.pdf: " in done.stderr and "坏.docx: " in done.stderr
