"""Configuration: discovery, validation, select/ignore, per-file-ignores, exclude."""

import datetime
import json

import pytest

from linter.config import load_config
from linter.errors import UserError
from linter.rules import load_catalog


def test_defaults_without_a_config_file(tmp_path):
    config = load_config(start=tmp_path)
    assert config.path is None and config.packs == ["default"] and config.fail_on == "warning"


def test_found_in_a_parent_folder_and_paths_resolve_beside_it(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("packs: [default]\nrules: [our.yaml]\ndate: 2024-02-29\nfail-on: error\n", encoding="utf-8")
    (tmp_path / "院报" / "2024").mkdir(parents=True)
    config = load_config(start=tmp_path / "院报" / "2024")
    assert config.path == tmp_path / ".reportlint.yaml"
    assert config.rule_files == [tmp_path / "our.yaml"]
    assert config.date == datetime.date(2024, 2, 29) and config.fail_on == "error"


def test_pyproject_tool_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reportlint]\nignore = ["TY"]\n', encoding="utf-8")
    assert load_config(start=tmp_path).ignore == ["TY"]
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nignore = "TY"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"pyproject\.toml:2: ignore: 'TY' is not of type 'array'"):
        load_config(start=tmp_path)


def test_a_pyproject_table_read_before_comes_from_the_user_cache(tmp_path, monkeypatch):
    import sys

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["reportlint"]\n\n[tool.reportlint]\nignore = ["TY"]\n', encoding="utf-8")
    assert load_config(start=tmp_path).ignore == ["TY"]
    monkeypatch.setitem(sys.modules, "tomllib", None)  # read again: not parsed
    assert load_config(start=tmp_path).ignore == ["TY"]
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["reportlint"]\n', encoding="utf-8")  # edited: parsed again
    monkeypatch.delitem(sys.modules, "tomllib")
    assert load_config(start=tmp_path).path is None
    monkeypatch.setitem(sys.modules, "tomllib", None)
    assert load_config(start=tmp_path).path is None


def test_a_pyproject_that_never_names_reportlint_is_not_parsed(tmp_path):
    from linter.config import find_config

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.black\n', encoding="utf-8")  # broken, not ours
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[tool."report\\u006cint"]\nignore = ["TY"]\n', encoding="utf-8")  # an escaped key
    assert load_config(start=tmp_path).ignore == ["TY"]
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.reportlint]\nignore = ["\xff"]\n')
    with pytest.raises(UserError, match=r"pyproject\.toml: cannot read"):
        load_config(start=tmp_path)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("packs: [default]\nselct: [TM]\n", r"\.reportlint\.yaml:1: top level: Additional properties are not allowed \('selct' was unexpected\)"),
        ("packs: default\n", r"\.reportlint\.yaml:1: packs: 'default' is not of type 'array'"),
        ("date: 2023-02-30\n", r"\.reportlint\.yaml:1: date '2023-02-30' is not a real date"),
        ("packs: [default\n", r"\.reportlint\.yaml:2: invalid YAML"),
    ],
)
def test_invalid_config_names_file_and_line(tmp_path, text, expected):
    (tmp_path / ".reportlint.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=expected):
        load_config(start=tmp_path)


def test_select_ignore_and_unknown_selectors():
    catalog = load_catalog()
    default = {r.id for r in catalog.select(["default"])}
    assert {"TM001", "TY001"} <= default and "SE001" not in default  # SE001 is in the newsletter pack
    assert [r.id for r in catalog.select(["default"], ["TM001"])] == ["TM001"]
    assert {r.category for r in catalog.select(["default"], ["terminology"])} == {"terminology"}
    assert "TM001" not in {r.id for r in catalog.select(["default"], [], ["TM"])}
    with pytest.raises(UserError, match="unknown rule, category or pack 'XX999'"):
        catalog.select(["default"], ["XX999"])
    with pytest.raises(UserError, match="unknown pack 'nonexistent'"):
        catalog.select(["nonexistent"])


def test_per_file_ignores_globs(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text('per-file-ignores:\n  "archive/**": [TM001]\n  "*.md": [typography]\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.ignored_for(str(tmp_path / "archive" / "2020" / "a.txt")) == ["TM001"]
    assert config.ignored_for(str(tmp_path / "b.md")) == ["typography"]
    assert config.ignored_for(str(tmp_path / "c.txt")) == []


def test_remembered_validation_never_hides_an_error(tmp_path, monkeypatch):
    from linter import yamlfile
    from linter.yamlfile import YamlFile

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(yamlfile, "_valid", None)
    schema = {"type": "object", "properties": {"packs": {"type": "array"}}}
    YamlFile("a.yaml", "packs: [default]\n").validate(schema)
    assert len((tmp_path / "valid-yaml.txt").read_text().split()) == 1
    with pytest.raises(UserError, match=r"b\.yaml:1: packs: 3 is not of type 'array'"):
        YamlFile("b.yaml", "packs: 3\n").validate(schema)
    with pytest.raises(UserError):  # a failure is not remembered: it fails again
        YamlFile("b.yaml", "packs: 3\n").validate(schema)
    assert len((tmp_path / "valid-yaml.txt").read_text().split()) == 1
    (tmp_path / "valid-yaml.txt").write_bytes(b"\xff\xfe garbage")  # corrupt: validates again
    monkeypatch.setattr(yamlfile, "_valid", None)
    with pytest.raises(UserError):
        YamlFile("b.yaml", "packs: 3\n").validate(schema)


def test_validation_as_read_is_remembered_per_text_and_part(tmp_path, monkeypatch):
    from linter import yamlfile
    from linter.yamlfile import YamlFile

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(yamlfile, "_valid", None)
    schema = {"type": "object", "properties": {"id": {"type": "string"}}}
    text = "rules:\n  - id: X001\n  - id: 2\n"
    YamlFile("a.yaml", text).validate(schema, YamlFile("a.yaml", text).data["rules"][0], ["rules", 0], as_read=True)
    assert len((tmp_path / "valid-yaml.txt").read_text().split()) == 1
    monkeypatch.setattr(yamlfile, "_digest", None)  # a new run: the text's digest answers, the data is not dumped
    YamlFile("a.yaml", text).validate(schema, YamlFile("a.yaml", text).data["rules"][0], ["rules", 0], as_read=True)
    parsed = YamlFile("a.yaml", text)  # the same text's other rule is another part: validated, and wrong
    with pytest.raises(UserError, match=r"a\.yaml:3: rules/1/id: 2 is not of type 'string'"):
        parsed.validate(schema, parsed.data["rules"][1], ["rules", 1], as_read=True)
    edited = YamlFile("a.yaml", text.replace("X001", "1"))  # an edited text is validated again
    with pytest.raises(UserError, match=r"rules/0/id: 1 is not of type 'string'"):
        edited.validate(schema, edited.data["rules"][0], ["rules", 0], as_read=True)


def test_parsed_yaml_is_remembered_with_its_lines_and_a_broken_cache_is_ignored(tmp_path, monkeypatch):
    from linter import usercache, yamlfile
    from linter.yamlfile import YamlFile

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(yamlfile, "_parsed_texts", None)
    text = "pack: demo\nrules:\n  - id: X001\n    message: 一\n  - id: X002\n    message: 二\n"
    parsed = YamlFile("demo.yaml", text)
    assert (parsed.line_of(["rules", 1, "message"]), parsed.line_of(["rules", 1, "nothing"]), parsed.line_of(["rules", 7])) == (6, 5, 3)
    monkeypatch.setattr(yamlfile, "_parsed_texts", None)  # a new process: read back from the cache file
    monkeypatch.setattr(yamlfile, "_safe_loader", None)  # which must not parse again
    again = YamlFile("demo.yaml", text)
    assert again.data == parsed.data and again.lines == parsed.lines
    monkeypatch.undo()
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    cache = next(tmp_path.glob("parsed-yaml.*.json"))
    digest = next(iter(json.loads(cache.read_text("utf-8"))))  # the demo text's
    for broken in (b"\xff not json", b"[1, 2]", json.dumps({digest: {"data": 1}}).encode(), json.dumps({digest: [1]}).encode()):
        cache.write_bytes(broken)
        monkeypatch.setattr(yamlfile, "_parsed_texts", None)
        assert YamlFile("demo.yaml", text).data == parsed.data
    # Data JSON would change (an integer key) is parsed each time, never stored.
    monkeypatch.setattr(yamlfile, "_parsed_texts", None)
    assert YamlFile("numbers.yaml", "1: one\n").data == {1: "one"}
    assert all(entry["data"] != {"1": "one"} for entry in yamlfile._parsed().values())
    assert usercache.entry("parsed-yaml", yamlfile._yaml_key(), ".json").exists()


def test_remembered_validations_keep_only_the_newest_when_the_file_grows_large(tmp_path, monkeypatch):
    from linter import yamlfile

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(yamlfile, "_valid", None)
    monkeypatch.setattr(yamlfile, "_VALID_KEPT", 10)
    (tmp_path / "valid-yaml.txt").write_text("".join(f"digest{n}\n" for n in range(11)), encoding="ascii")
    assert yamlfile._valid_digests() == {f"digest{n}" for n in range(6, 11)}
    assert (tmp_path / "valid-yaml.txt").read_text(encoding="ascii").split() == [f"digest{n}" for n in range(6, 11)]
