import pickle
import re

from linter import patterns, usercache

HAN_PAIR = r"(?P<first>[\u4e00-\u9fff])(?P=first)|[一-龥]{2}年"


def _new_process(monkeypatch):
    monkeypatch.setattr(patterns, "_built", {})
    monkeypatch.setattr(patterns, "_codes", None)


def test_compiled_code_is_kept_in_the_user_cache_and_read_back_without_compiling(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    _new_process(monkeypatch)
    monkeypatch.setattr(patterns, "_new", True)  # written below, not at exit
    expected = re.compile(HAN_PAIR, re.M)
    first = patterns.compile(HAN_PAIR, re.M)
    assert first == expected and patterns.compile(HAN_PAIR, re.M) is first
    patterns._write()
    assert usercache.entry("re-patterns", patterns._cache_key(), ".pickle").is_file()
    _new_process(monkeypatch)
    monkeypatch.setattr(patterns, "_RE_COMPILE", None)  # read back: nothing is compiled again
    again = patterns.compile(HAN_PAIR, re.M)
    assert again == expected and again.groupindex == expected.groupindex
    assert again.search("他说：好好学习").group("first") == "好"
    assert patterns.lazy(HAN_PAIR, re.M).search("天天向上，二〇二四年").group(0) == "天天"


def test_a_broken_cache_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_new", True)
    cache = usercache.entry("re-patterns", patterns._cache_key(), ".pickle")
    good = patterns._arguments("[一-鿿]+", 0)
    other = pickle.dumps({("[一-鿿]+", 0): patterns._arguments("[a-z]+", 0)})  # another pattern's code
    invalid = pickle.dumps({("[一-鿿]+", 0): (good[0], good[1], [999, 1, 2], *good[3:])})  # code _sre refuses
    cache.parent.mkdir(parents=True, exist_ok=True)
    for broken in (b"not a pickle", pickle.dumps([1, 2]), other, invalid):
        cache.write_bytes(broken)
        _new_process(monkeypatch)
        assert patterns.compile("[一-鿿]+") == re.compile("[一-鿿]+")
        assert patterns.compile("[一-鿿]+").search("abc中文").group(0) == "中文"


def test_a_library_imported_through_the_cache_compiles_its_patterns_there(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    _new_process(monkeypatch)
    (tmp_path / "a_library.py").write_text("import re\nHAN = re.compile('([一-鿕]+)', re.U)\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    library = patterns.import_through_cache("a_library")
    assert library.HAN == re.compile("([一-鿕]+)", re.U) and library.HAN is patterns.compile("([一-鿕]+)", re.U)
    assert re.compile is patterns._RE_COMPILE  # re's own again
