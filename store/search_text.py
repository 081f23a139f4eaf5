"""Search text normalisation, shared by the database (see migration 0003) and the queries built in Python.

The product's search vector is built by PostgreSQL with the ``simple`` text search
configuration (no stemming, no stop words: it fits Persian as well as English
names) from text passed through ``store_search_normalize()``, the SQL twin of
:func:`normalize` below. Both must map the same characters: a test compares them.
On SQLite (development) :func:`normalize` itself is ``store_search_normalize()``:
:func:`install_sqlite_functions` registers it on every connection.
"""

import re

from django.db.backends.base.base import BaseDatabaseWrapper

from web.digits import LATIN_DIGIT_MAP

# Arabic forms typed on Arabic keyboards -> the Persian letters, ZWNJ (the Persian half-space) -> space,
# Arabic-Indic and Persian digits -> Latin digits. Extend both this table and the SQL function together.
CHARACTER_MAP = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC LETTER YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ARABIC LETTER ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC LETTER KAF -> KEHEH
        "\u200c": " ",  # ZERO WIDTH NON-JOINER
        **LATIN_DIGIT_MAP,  # Persian and Arabic-Indic digits, read as typed numbers are (web.digits)
    }
)
# Letters and digits only: everything else (punctuation, tsquery operators, underscores) separates words.
WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8


def normalize(text: str) -> str:
    """Lower-cased, with the character map applied: what the database indexes."""
    return text.translate(CHARACTER_MAP).lower()


def search_words(query: str) -> list[str]:
    """The query's words, normalised, at most MAX_WORDS of them."""
    return WORD.findall(normalize(query))[:MAX_WORDS]


def prefix_tsquery(words: list[str]) -> str:
    """A raw tsquery that needs every word, each as a prefix ("grind" finds "grinder")."""
    return " & ".join(f"{word}:*" for word in words)


def last_word_prefix_tsquery(words: list[str]) -> str:
    """A raw tsquery that needs every word, only the last one also as the start of a word: the shop's search.

    As Meilisearch does: the last is the word most often left short. A prefix costs: the index expands it into
    every word it begins and reads all their rows ("tea:*" at a million products, 144,000 rows in 29 ms, even
    when the other word, "pot", matches none), while whole words are skipped through. An earlier word left
    short is found by the typo-tolerant search.
    """
    *whole, last = words
    return " & ".join([*whole, f"{last}:*"])


def _normalize_sql_value(text: str | None) -> str | None:
    return None if text is None else normalize(text)  # NULL in, NULL out, as PostgreSQL's STRICT function


def install_sqlite_functions(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """connection_created receiver: ``store_search_normalize()`` on SQLite, so its search normalises too."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("store_search_normalize", 1, _normalize_sql_value, deterministic=True)
