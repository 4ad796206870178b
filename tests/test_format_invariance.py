"""The same text gives the same findings in every format (issue 20 §2): the
seeds and tests/corpus/ linted as .txt, as .md without `#`, as .docx with plain
paragraphs and as .pdf give the same rules and messages for every file (lines
may differ: a PDF page breaks lines where it likes)."""

from collections import Counter
from pathlib import Path

import pytest
from makefiles import write_as, write_docx

from linter import lint_paths

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*/*.txt"))


def _write(fmt: str, folder: Path) -> Path:
    folder.mkdir()
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        write_as(folder / f"{source.parent.name}-{source.stem}.{fmt}", text)
    return folder


def _findings(folder: Path) -> dict:
    found = {}
    for violation in lint_paths([folder], date="2025-06-30"):
        found.setdefault(Path(violation.path).stem, Counter())[(violation.rule, violation.message)] += 1
    return found


@pytest.fixture(scope="module")
def as_text(tmp_path_factory):
    return _findings(_write("txt", tmp_path_factory.mktemp("formats") / "txt"))


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_the_same_findings_in_every_format(fmt, as_text, tmp_path):
    assert sum(map(len, as_text.values())) > 50  # the files have findings to compare
    other = _findings(_write(fmt, tmp_path / fmt))
    differing = {stem: (as_text.get(stem, Counter()) - other.get(stem, Counter()), other.get(stem, Counter()) - as_text.get(stem, Counter()))
                 for stem in set(as_text) | set(other) if as_text.get(stem) != other.get(stem)}
    assert differing == {}


RESTATED = [
    "一、2024年工作回顾", "（一）医疗服务", "全年门诊服务患者达到165.3万人次。医院新建村级卫生室48个，覆盖全县所有行政村。",
    "（二）公共卫生", "全县疫苗接种率保持在95%以上。医院新建村级卫生室72个，覆盖全县所有行政村。",
    "二、2025年工作计划", "全年计划新建村级卫生室30个。",
]


@pytest.mark.parametrize("fmt", ["txt", "md", "md#", "docx", "docx-styles", "pdf"])
def test_a_restatement_across_second_level_sections_in_every_format(fmt, tmp_path):
    # 48 in （一） and 72 in （二） of one top-level section are one fact given twice; the plan's 30 is another.
    path = tmp_path / f"report.{fmt.split('-')[0].rstrip('#')}"
    if fmt == "md#":
        path.write_text("\n".join("# " + line if line.startswith(("一、", "二、")) else "## " + line if line.startswith("（") else line
                                  for line in RESTATED), encoding="utf-8")
    elif fmt == "docx-styles":
        write_docx(path, RESTATED, heading_levels={1: 1, 2: 2, 4: 2, 6: 1})
    else:
        write_as(path, "\n".join(RESTATED))
    found = [(v.rule, v.message) for v in lint_paths([path], select=["FG001"])]
    assert found == [("FG001", "“医院新建村级卫生室”前文为48个（第3行），此处为72个，数据前后不一致")]
