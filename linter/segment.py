"""Chinese word segmentation with jieba, loaded lazily once per process and
run at most once per document."""

import logging

_jieba = None


def _load():
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba = jieba
    return _jieba


def tokens(doc):
    """[(word, start, end)] for the document's lintable text."""
    return doc.memo("tokens", lambda: list(_load_for(doc).tokenize(doc.text)))


_added_words = set()


def _load_for(doc):
    """jieba, with the fact sheet's people (nr) and organisation names (nt) in
    its dictionary so that segmentation keeps them whole. Done here, not when
    the fact sheet is read, so that a run that never segments never loads jieba."""
    jieba = _load()
    sheet = doc.factsheet
    if sheet is not None:
        words = [(name, "nr") for name in sheet.person_names()]
        words += [(name, "nt") for _, name, _, _ in sheet.organisation_names()]
        for word, tag in words:
            if word not in _added_words:
                jieba.add_word(word, tag=tag)
                _added_words.add(word)
    return jieba
