from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, CharField, F, Func, IntegerField, Q, QuerySet, Subquery, Value, When
from django.db.models.expressions import Combinable, OrderBy
from django.db.models.functions import Collate
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language

from .models import Category, Product
from .search_text import last_word_prefix_tsquery, prefix_tsquery, search_words

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Sort keys shown to shoppers, each with a tiebreaker so pages never overlap. Each one is read in the order
# of an index (see Product.Meta.indexes); the descending sorts read theirs backwards, hence "-id".
PRODUCT_SORTS: dict[str, tuple["StrOrPromise", tuple[str, ...]]] = {
    "name": (_("Name"), ("name", "id")),
    "price": (_("Price: low to high"), ("price", "id")),
    "-price": (_("Price: high to low"), ("-price", "-id")),
    "newest": (_("Newest"), ("-created_at", "-id")),
}
DEFAULT_SORT = "name"
# ICU's Persian collation: Persian names sort as the Persian alphabet does (پ after ب, not after ی). The Persian
# name indexes are built with it (migration 0004), PostgreSQL only; SQLite sorts them by code point.
PERSIAN_COLLATION = "fa-x-icu"
# What the SQLite search looks in, each through store_search_normalize() (store.search_text.install_sqlite_functions).
SQLITE_SEARCHED_FIELDS = (
    "name_en",
    "name_fa",
    "category__name_en",
    "category__name_fa",
    "description_en",
    "description_fa",
)
# Offered, and the default, only when there is a search query.
RELEVANCE_SORT = "relevance"
RELEVANCE_LABEL = _("Relevance")


def category_list() -> QuerySet[Category]:
    return Category.objects.all()


def product_name_order() -> tuple[str | OrderBy, ...]:
    """Products by name in the shopper's language, id the tiebreaker: the order of that language's name index.

    modeltranslation reads "name" as the active language's column (name_en, name_fa). Persian on PostgreSQL is
    ordered by its own alphabet, the expression its indexes hold; products not named in Persian yet come last.
    """
    if get_language() != "fa":
        return ("name", "id")
    name_fa = Collate(F("name_fa"), PERSIAN_COLLATION) if connection.vendor == "postgresql" else F("name_fa")
    return (name_fa.asc(nulls_last=True), "id")


def _sort_ordering(sort: str) -> tuple[str | OrderBy, ...]:
    _, ordering = PRODUCT_SORTS[sort]
    return product_name_order() if sort == "name" else ordering


def product_sort_options(*, query: str) -> dict[str, "StrOrPromise"]:
    """The sorts a shopper may pick, key -> label; relevance first when searching."""
    options = {key: label for key, (label, _) in PRODUCT_SORTS.items()}
    return {RELEVANCE_SORT: RELEVANCE_LABEL, **options} if search_words(query) else options


def product_default_sort(*, query: str) -> str:
    return RELEVANCE_SORT if search_words(query) else DEFAULT_SORT


def product_search(
    *,
    query: str = "",
    category_slug: str = "",
    sort: str = "",
    max_matches: int | None = None,
) -> QuerySet[Product]:
    """Active products, filtered by category and by every word of the query, in the chosen order.

    Without a valid sort the order is relevance when there is a query, else by name. PostgreSQL ranks with
    its full-text search; SQLite (development) matches substrings. A query with typos finds nothing here:
    see search_correction.

    ``max_matches`` bounds the work of a search by relevance: only that many matches (the first the index
    yields) are ranked, so "tea" in a million products costs what a rarer word does. The shop asks for one
    more than it counts, and says "1,000+" past that. A chosen sort orders all the matches.
    """
    products = Product.objects.active().select_related("category")
    if category_slug:
        # A scalar subquery: the planner treats it as one category id and reads the per-category indexes.
        products = products.filter(category_id=Subquery(Category.objects.filter(slug=category_slug).values("id")[:1]))
    words = search_words(query)
    if not words:
        return products.order_by(*_sort_ordering(sort if sort in PRODUCT_SORTS else DEFAULT_SORT))
    if connection.vendor == "postgresql":
        condition, relevance = _product_match_postgresql(words=words)
    else:
        condition, relevance = _product_match_sqlite(words=words)
    matches = products.filter(condition)
    if sort in PRODUCT_SORTS:
        # Read along the sort's index, or the matches sorted: either way the true first ones.
        return matches.order_by(*_sort_ordering(sort))
    if max_matches is not None:
        first_matches = Subquery(matches.order_by().values("pk")[:max_matches])
        matches = Product.objects.select_related("category").filter(pk__in=first_matches)
    return matches.annotate(relevance=relevance).order_by("-relevance", *product_name_order())


def _product_match_postgresql(*, words: list[str]) -> tuple[Q, Combinable]:
    """Full-text search, the last word also as a prefix, ranked name > category > description.

    The search vector (weights A, B, C) is kept by a trigger; ts_rank's default weights rank A 1.0, B 0.4, C 0.2.
    A whole word counts twice as much as the start of a longer one ("tea": "Tea Towel" before "Teapot").
    The vector holds both languages, so a shopper may type the English or the Persian name.
    """
    last_word_prefix = SearchQuery(last_word_prefix_tsquery(words), search_type="raw", config="simple")
    whole_words = SearchQuery(" & ".join(words), search_type="raw", config="simple")
    relevance = 2 * SearchRank(F("search_vector"), whole_words) + SearchRank(F("search_vector"), last_word_prefix)
    return Q(search_vector=last_word_prefix), relevance


# For each word typed, in order: the word itself when a product on sale holds it, else the closest known word
# (pg_trgm word similarity at least the connection's threshold, 0.5: config/settings/base.py): first a word that
# contains it ("pot": "teapot"; "teap": "teapot" rather than "tea"), then the most similar, then the commoner
# word; NULL when none is close. "<%" is served by the vocabulary's
# trigram index. The vocabulary holds distinct words, so this costs the same at a thousand products as at a million.
CORRECTION_SQL = """
SELECT closest.word
FROM unnest(%s::text[]) WITH ORDINALITY AS typed (word, position)
LEFT JOIN LATERAL (
    SELECT known.word FROM store_searchword AS known
    WHERE typed.word <%% known.word
    ORDER BY
        known.word = typed.word DESC,
        strpos(known.word, typed.word) > 0 DESC,
        word_similarity(typed.word, known.word) DESC,
        similarity(typed.word, known.word) DESC,
        known.product_count DESC,
        known.word
    LIMIT 1
) AS closest ON true
ORDER BY typed.position
"""


def search_correction(*, query: str) -> str:
    """The query with each word no product holds replaced by the closest word of the catalog (PostgreSQL).

    "" when there is nothing to correct, or a word is close to no known word (a search needs every word):
    the search as typed is then the only one. One statement against the vocabulary (store.models.SearchWord),
    never the products: "grnder" costs the same whether the shop has ten grinders or fifty thousand. SQLite
    keeps no vocabulary and its search corrects nothing.
    """
    words = search_words(query)
    if not words or connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute(CORRECTION_SQL, [words])
        corrected = [word for (word,) in cursor.fetchall()]
    if None in corrected or corrected == words:
        return ""
    return " ".join(corrected)


def product_admin_search(*, products: QuerySet[Product], search_term: str, max_matches: int) -> QuerySet[Product]:
    """PostgreSQL: the admin's search, by exact slug or every word as a prefix in the search vector.

    Like the shop's, the best matches come first (annotated ``search_rank``), among the first ``max_matches``
    the indexes yield (the slug's unique index, the search vector's GIN index): a product list sorted by
    name would otherwise be read along the name index, row by row, looking for matches.
    """
    words = search_words(search_term)
    query = SearchQuery(prefix_tsquery(words) if words else "", search_type="raw", config="simple")
    condition = Q(slug=search_term.strip())
    if words:
        condition |= Q(search_vector=query)
    first_matches = products.filter(condition).order_by().values("pk")[:max_matches]
    return products.filter(pk__in=Subquery(first_matches)).annotate(search_rank=SearchRank(F("search_vector"), query))


def _product_match_sqlite(*, words: list[str]) -> tuple[Q, Combinable]:
    """Development only: every word somewhere in a name, category or description, in either language, after
    the same normalisation as PostgreSQL's (the words are normalised already); name matches first."""
    texts = {field: _normalized(field) for field in SQLITE_SEARCHED_FIELDS}
    condition = Q()
    name_matches = Q()
    for word in words:
        condition &= Q.create([Contains(text, word) for text in texts.values()], connector=Q.OR)  # type: ignore[misc, operator]  # django-stubs: Q.create takes expressions too
        name_matches &= Q(Contains(texts["name_en"], word)) | Q(Contains(texts["name_fa"], word))
    return condition, Case(When(name_matches, then=Value(1)), default=Value(0), output_field=IntegerField())


def _normalized(field: str) -> Func:
    return Func(F(field), function="store_search_normalize", output_field=CharField())


def product_list_in_order(*, ids: list[int]) -> list[Product]:
    """The products with these ids (a page of ranked search results), in the order given."""
    products = Product.objects.select_related("category").in_bulk(ids)
    return [products[pk] for pk in ids if pk in products]


def product_get_active(*, slug: str) -> Product | None:
    return Product.objects.active().select_related("category").filter(slug=slug).first()


def product_list_related(*, product: Product, limit: int = 4) -> QuerySet[Product]:
    """Other products on sale in the product's category, for its page."""
    return (
        Product.objects.active()
        .select_related("category")
        .filter(category_id=product.category_id)
        .exclude(pk=product.pk)
        .order_by(*product_name_order())[:limit]
    )
