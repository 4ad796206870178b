"""Package data: the vocabulary the word checks add to jieba's dictionary (words.txt)."""
