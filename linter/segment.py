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
    return doc.memo("tokens", lambda: list(_load().tokenize(doc.text)))
