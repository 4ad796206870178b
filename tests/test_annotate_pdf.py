"""check --annotate on a PDF: a copy with a highlight annotation on each finding's characters."""

import json

import pytest
from click.testing import CliRunner

from linter.cli import main
from tests.makefiles import write_pdf

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

TEXT = ("今年全市经济运行总体平稳,稳中有进。我们要坚持以人民为中心的的发展思想，持续构建新冠肺炎患者分级诊疗服务体系，"
        "推动优质医疗资源扩容下沉和区域均衡布局，全年完成门诊服务一百二十万人次，住院服务八万人次。\n2024年12月25日")


def _annotations(path):
    """(page, contents, author, quads) of every annotation in the PDF."""
    found = []
    for number, page in enumerate(pypdf.PdfReader(str(path)).pages, 1):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            assert annotation["/Subtype"] == "/Highlight"
            points = [float(v) for v in annotation["/QuadPoints"]]
            quads = [points[i:i + 8] for i in range(0, len(points), 8)]
            found.append((number, str(annotation["/Contents"]), str(annotation["/T"]), quads))
    return found


def _characters_in(path, page_number, quads) -> str:
    """The characters of the page whose centre lies in one of the quadrilaterals."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(container):
        for item in container:
            if isinstance(item, LTChar):
                yield item
            elif hasattr(item, "__iter__"):
                yield from chars(item)

    page = list(extract_pages(str(path)))[page_number - 1]
    inside = []
    for char in chars(page):
        x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        if any(q[0] <= x <= q[2] and q[5] <= y <= q[1] for q in quads):
            inside.append(char.get_text())
    return "".join(inside)


def test_every_finding_is_a_highlight_on_its_characters_with_its_message(tmp_path):
    folder = tmp_path / "稿件"
    folder.mkdir()
    source = write_pdf(folder / "总结.pdf", TEXT, size=14)
    before = source.read_bytes()
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--annotate", str(tmp_path / "批注"), str(folder)])
    assert result.exit_code == 1, result.output
    assert source.read_bytes() == before
    findings = json.loads(result.stdout)
    copy = tmp_path / "批注" / "总结.pdf"
    annotations = _annotations(copy)
    assert {f["rule"] for f in findings} >= {"TY002", "TY010", "TM001"}
    assert sorted(c.split()[0] for _, c, _, _ in annotations) == sorted(f["rule"] for f in findings)
    assert all(author == "reportlint" for _, _, author, _ in annotations)
    by_rule = {contents.split()[0]: (page, contents, quads) for page, contents, _, quads in annotations}
    assert _characters_in(copy, by_rule["TY002"][0], by_rule["TY002"][2]) == ","
    assert _characters_in(copy, by_rule["TY010"][0], by_rule["TY010"][2]) == "的的"
    assert "建议改为：的" in by_rule["TY010"][1]
    page, _, quads = by_rule["TM001"]
    assert _characters_in(copy, page, quads) == "新冠肺炎"
    assert len(pypdf.PdfReader(str(copy)).pages) == len(pypdf.PdfReader(str(source)).pages)


def test_a_finding_across_a_line_break_is_highlighted_on_both_lines(tmp_path):
    # 新冠肺炎 placed so that the typesetting breaks the line inside it
    from linter.document import read_document

    for pad in range(30):
        text = "本" * pad + "我们持续构建新冠肺炎患者分级诊疗服务体系，推动优质医疗资源扩容下沉和区域均衡布局。\n2024年12月25日"
        path = write_pdf(tmp_path / f"{pad}.pdf", text, size=14)
        doc = read_document(path)
        start = doc.source.index("新冠肺炎")
        if doc.location(start).get("page_line") != doc.location(start + 3).get("page_line"):
            break
    else:
        pytest.skip("no padding put a line break inside the term")
    CliRunner().invoke(main, ["check", "--no-cache", "--select", "TM001", "--annotate", str(tmp_path / "批注"), str(path)])
    [(page, contents, _, quads)] = _annotations(tmp_path / "批注" / path.name)
    assert contents.startswith("TM001") and len(quads) == 2
    assert _characters_in(tmp_path / "批注" / path.name, page, quads) == "新冠肺炎"
