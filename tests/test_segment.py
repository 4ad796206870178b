"""jieba's dictionary through our sorted cache segments exactly as jieba's own
loader does, and a corrupt cache is ignored."""

import json
import subprocess
import sys

from tests.conftest import ROOT, SEEDS

SCRIPT = """
import json, sys
from linter.document import read_document
from linter.segment import tokens
print(json.dumps(tokens(read_document(sys.argv[1]))))
"""


def segment_in_fresh_process(cache_dir):
    env = {"REPORTLINT_CACHE_DIR": str(cache_dir), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(SEEDS / "000_5a305377e07a99ac.txt")],
                            capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return json.loads(result.stdout)


def test_the_user_cache_keeps_the_newest_entries_of_each_kind(tmp_path, monkeypatch):
    import os

    from linter import usercache

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    for age, key in enumerate(["400-4", "300-3", "200-2", "100-1"]):  # 100-1 oldest
        usercache.write("jieba-words", key, ".txt", key.encode())
        os.utime(usercache.entry("jieba-words", key, ".txt"), (1000 - age, 1000 - age))
    usercache.write("jieba-tags", "500-5", ".txt", b"tags")
    usercache.write("jieba-words", "500-5", ".txt", b"new")
    # The new entry and the two newest others (two installations in use), not the oldest two.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jieba-tags.500-5.txt", "jieba-words.300-3.txt", "jieba-words.400-4.txt",
                                                          "jieba-words.500-5.txt"]
    assert usercache.entry("jieba-words", "500-5", ".txt").read_bytes() == b"new"


def test_cached_dictionary_segments_like_jieba_and_survives_corruption(tmp_path):
    built = segment_in_fresh_process(tmp_path)  # writes the sorted words, their index, frequencies and tags
    caches = sorted(p.name.split(".")[0] for p in tmp_path.glob("jieba-*"))
    assert caches == ["jieba-blocks", "jieba-emissions", "jieba-frequencies", "jieba-heads", "jieba-tag-codes", "jieba-words"]
    assert segment_in_fresh_process(tmp_path) == built  # read from the cache
    for cache in tmp_path.glob("jieba-*"):
        cache.write_bytes(b"corrupt")
    assert segment_in_fresh_process(tmp_path) == built
    assert {"构建", "新冠", "肺炎", "患者"} <= {word for word, _, _ in built}


EMISSIONS = """
import json, runpy
from linter import dictionary, segment
jieba = segment._load()
theirs = runpy.run_path(str(dictionary.dictionary_file().parent / "finalseg" / "prob_emit.py"))["P"]
ours = jieba.finalseg.emit_P
same = sorted(ours) == sorted(theirs) and all(
    ours[state].get(char) == value and type(ours[state].get(char)) is float for state in theirs for char, value in theirs[state].items())
print(json.dumps([type(ours["B"]).__name__, same, ours["B"].get("\\U0001F600", -1.5)]))
"""


def test_jiebas_hmm_emission_table_from_the_cache_has_its_own_values(tmp_path):
    def run():
        result = subprocess.run([sys.executable, "-c", EMISSIONS], capture_output=True, text=True, cwd=ROOT, check=True,
                                env={"REPORTLINT_CACHE_DIR": str(tmp_path), "PATH": ""})
        return json.loads(result.stdout)

    assert run() == ["dict", True, -1.5]  # jieba's own table, then kept in the cache
    assert run() == ["EmissionRow", True, -1.5]
    next(tmp_path.glob("jieba-emissions.*")).write_bytes(b"BMES\nab\0" + b"x" * 7)  # torn: jieba's own again
    assert run() == ["dict", True, -1.5]


COMPARE = """
import json, sys, jieba
from linter import segment
from linter.document import read_document
jieba.setLogLevel(60)
theirs = jieba.Tokenizer()  # jieba's own loader (marshal)
for path in sys.argv[1:]:
    doc = read_document(path)
    print(json.dumps([path, [list(t) for t in segment.tokens(doc)] == [list(t) for t in theirs.tokenize(doc.text)]]))
print(json.dumps(["ours", type(segment._load().dt.FREQ).__name__]))
"""


def test_sorted_dictionary_gives_jiebas_own_tokens_on_every_seed(tmp_path):
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    result = subprocess.run([sys.executable, "-c", COMPARE, *seeds], capture_output=True, text=True, cwd=ROOT, check=True,
                            env={"REPORTLINT_CACHE_DIR": str(tmp_path), "PATH": ""})
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [[seed, True] for seed in seeds] + [["ours", "SortedDictionary"]]


def test_runs_needing_no_word_boundaries_never_import_jieba_nor_jsonschema_nor_yaml_twice(tmp_path):
    """jieba loads only for a rule that needs word boundaries; schema validation
    and parsed YAML are remembered in the user cache (pure functions of their input)."""
    doc = tmp_path / "plain.txt"
    doc.write_text("三峡医院召开2023年度工作会议，总结成绩，部署任务。\n", encoding="utf-8")
    script = (
        "import sys\nfrom click.testing import CliRunner\nfrom linter.cli import main\n"
        f"CliRunner().invoke(main, ['check', '--no-cache', {str(doc)!r}])\n"
        "print('jieba' in sys.modules, 'jsonschema' in sys.modules, 'yaml' in sys.modules)\n"
    )
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}

    def run():
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, check=True).stdout.split()

    assert run() == ["False", "True", "True"]  # first run: parses and validates the shipped packs
    assert run() == ["False", "False", "False"]


def test_word_boundaries_by_line_equal_the_whole_documents():
    from linter.document import read_document
    from linter.rule_types import word_boundaries
    from linter.segment import tokens

    for seed in sorted(SEEDS.glob("*.txt")):
        doc = read_document(seed)
        whole = {offset for _, start, end in tokens(doc) for offset in (start, end)}
        by_line = word_boundaries(doc)
        assert [o for o in range(len(doc.text) + 1) if (o in by_line) != (o in whole)] == [], seed.name


def test_word_boundaries_on_one_long_line_equal_its_whole_segmentation():
    """An export that lost its line breaks: the runs around each offset are cut as the whole line is."""
    from linter.document import Document
    from linter.rule_types import word_boundaries
    from linter.segment import tokens

    text = "".join(seed.read_text("utf-8").replace("\n", "") for seed in sorted(SEEDS.glob("*.txt")))
    doc = Document(text + "\nabc def—“引号”", "<one line>")
    whole = {offset for _, start, end in tokens(doc) for offset in (start, end)}
    bounds = word_boundaries(doc)
    assert [o for o in reversed(range(len(doc.text) + 1)) if (o in bounds) != (o in whole)] == []


def test_the_word_model_remembers_its_added_words_frequencies(tmp_path, monkeypatch):
    from linter import segment

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    names = (("王乐乐", "nr"),)
    segment._model.cache_clear()
    built = segment._model(names, ())
    [entry] = tmp_path.glob("word-model.*.json")
    assert json.loads(entry.read_text("utf-8")) == built.added and built.added["王乐乐"] >= segment.ADDED_WORD_FREQUENCY
    segment._model.cache_clear()
    monkeypatch.setattr(segment.WordModel, "_frequency_of_pieces", None)  # read back, not worked out again
    assert segment._model(names, ()).added == built.added
    monkeypatch.undo()
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    entry.write_text('{"王乐乐": "many"}', encoding="utf-8")  # corrupt: worked out again and rewritten
    segment._model.cache_clear()
    assert segment._model(names, ()).added == built.added
    assert json.loads(entry.read_text("utf-8")) == built.added
    segment._model.cache_clear()


def test_installations_with_the_same_dictionary_share_its_cache_key(tmp_path, monkeypatch):
    """Virtual environments installing the same jieba (dict.txt times differ) share the
    cache entries; the digest is computed once per version of a file, then remembered."""
    import os
    from pathlib import Path

    from linter import dictionary, usercache

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    data = dictionary.dictionary_file().read_bytes()
    first, second, other = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    first.write_bytes(data)
    second.write_bytes(data)
    other.write_bytes(data.replace("的".encode(), "地".encode(), 1))  # same size, other content
    os.utime(second, (1000, 1000))
    keys = [usercache.content_key(path) for path in (first, second, other)]
    assert keys[0] == keys[1] != keys[2] and keys[0].startswith(f"{len(data)}-")
    monkeypatch.setattr(Path, "read_bytes", None)  # remembered: not read again
    assert [usercache.content_key(path) for path in (first, second, other)] == keys
    assert len((tmp_path / "cache" / usercache.DIGESTS).read_text().splitlines()) == 3
