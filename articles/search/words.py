"""A reader's query cut into words: letters and digits only, so no query syntax gets through."""

import functools
import re
import unicodedata

MAX_WORDS = 20
# Folded words kept for the whole process: this many distinct words, of at most this length
# (a few MB at most, whatever the texts hold).
FOLDED_WORDS_KEPT = 16_384
FOLDED_WORD_LENGTH_KEPT = 64

# Letters and digits, the way FTS5's unicode61 and PostgreSQL's parser cut words.
WORD = re.compile(r"[^\W_]+")


def query_words(text):
    """The words of a reader's query, in order, once each; punctuation and syntax dropped."""
    words = {}
    for word in WORD.findall(unicodedata.normalize("NFKC", text or "")):
        words.setdefault(fold(word), word)
    return list(words.values())[:MAX_WORDS]


def fold(word):
    """``word`` without accents or case: "Étude" -> "etude". A pure function of the word, kept
    for the words met most recently: a results page folds a few hundred words, mostly the same
    ones from one page to the next."""
    if len(word) > FOLDED_WORD_LENGTH_KEPT:
        return _fold(word)
    return _kept_fold(word)


def _fold(word):
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_kept_fold = functools.lru_cache(maxsize=FOLDED_WORDS_KEPT)(_fold)
