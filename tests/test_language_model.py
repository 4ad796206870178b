"""The character bigram model (linter/language_model.py, data built by bench/spelling_bigrams.py)."""

from importlib import resources

from linter import language_model


def test_a_slip_reads_worse_than_the_right_character():
    assert language_model.log_probability("坚持中国特色社会主义") > language_model.log_probability("坚持中国特色社会驻义") + 10
    assert language_model.bigram_score("卫", "生") > language_model.bigram_score("卫", "声")
    assert language_model.count("主", "义") > 0 and language_model.count("驻", "义") == 0


def test_only_pairs_of_chinese_characters_count():
    assert language_model.log_probability("2024 ABC，。") == 0.0
    assert language_model.log_probability("主义，主义") == 2 * language_model.bigram_score("主", "义")
    assert language_model.count("a", "b") == 0.0


def test_an_unseen_bigram_scores_finite_and_below_a_seen_one():
    unseen = language_model.bigram_score("驻", "义")
    assert unseen > float("-inf") and unseen < language_model.bigram_score("主", "义")


def test_the_file_is_small_and_round_trips():
    data = resources.files("linter.data").joinpath("spelling", "bigrams.bin").read_bytes()
    assert len(data) <= 20_000_000
    model = language_model.BigramModel.from_buffer(data)
    again = language_model.BigramModel.from_buffer(model.to_bytes())
    assert list(again.keys[:100]) == list(model.keys[:100]) and again.meta == model.meta
    assert model.meta["files"] > 100 and len(model.keys) > 100_000
