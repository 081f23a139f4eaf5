from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Page
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from web.http import HtmxHttpRequest, vary_on_htmx, wants_fragment

from .pagination import CappedPaginator
from .search_text import search_words
from .selectors import (
    category_list,
    product_default_sort,
    product_get_active,
    product_list_in_order,
    product_list_related,
    product_search,
    product_sort_options,
    search_correction,
)

# Results counted and paged through at most; past it the list says "1,000+ products" and asks to narrow down.
RESULT_CAP = 1000


# require_safe: GET, and HEAD for uptime monitors and link checkers.
@require_safe
@vary_on_htmx  # one URL answers the page or, to htmx, its results
def product_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    category_slug = request.GET.get("category", "").strip()
    sorts = product_sort_options(query=query)
    sort = request.GET.get("sort", "")
    if sort not in sorts:
        sort = product_default_sort(query=query)
    page_number = request.GET.get("page")
    # The link "Search instead for …" asks for the words as typed, without correcting them.
    as_typed = "1" if request.GET.get("as_typed") else ""
    corrected_query = ""
    if search_words(query):
        page, corrected_query = _search_results_page(
            query=query, category_slug=category_slug, sort=sort, page_number=page_number, as_typed=bool(as_typed)
        )
    else:
        products = product_search(category_slug=category_slug, sort=sort)
        page = CappedPaginator(products, settings.STORE_PAGE_SIZE, cap=RESULT_CAP).get_page(page_number)
    categories = list(category_list())
    context = {
        "page": page,
        "query": query,
        "corrected_query": corrected_query,
        "as_typed": as_typed,
        "sort": sort,
        "sorts": sorts,
        "categories": categories,
        # The header's navigation lists the same categories (store.context_processors.catalog_nav): read once.
        "nav_categories": categories,
        "current_category": next((c for c in categories if c.slug == category_slug), None),
        "category_slug": category_slug,
        "page_params": _page_params(q=query, as_typed=as_typed, category=category_slug, sort=sort),
    }
    template = "store/product_list.html#results" if wants_fragment(request) else "store/product_list.html"
    return render(request, template, context)


def _page_params(**params: str) -> str:
    """What a page link keeps of the list it pages through (partials/page_links.html): the parameters set."""
    return urlencode({name: value for name, value in params.items() if value}, quote_via=quote)


def _search_results_page(
    *, query: str, category_slug: str, sort: str, page_number: str | None, as_typed: bool
) -> tuple[Page, str]:
    """The page of results, and the corrected query they are for when nothing matched the words as typed.

    One query orders the matches and returns the first RESULT_CAP + 1 ids, then the page's products are read.
    When nothing has every word, each word no product holds is corrected against the catalog's vocabulary
    (one more query) and the corrected words are searched the same way: "grnder" shows the grinders.
    """
    ranked_ids = _ranked_ids(query=query, category_slug=category_slug, sort=sort)
    corrected_query = "" if ranked_ids or as_typed else search_correction(query=query)
    if corrected_query:
        ranked_ids = _ranked_ids(query=corrected_query, category_slug=category_slug, sort=sort)
    page = CappedPaginator(ranked_ids, settings.STORE_PAGE_SIZE, cap=RESULT_CAP).get_page(page_number)
    page.object_list = product_list_in_order(ids=list(page.object_list))
    return page, corrected_query if ranked_ids else ""


def _ranked_ids(*, query: str, category_slug: str, sort: str) -> list[int]:
    matches = product_search(query=query, category_slug=category_slug, sort=sort, max_matches=RESULT_CAP + 1)
    return list(matches.values_list("pk", flat=True)[: RESULT_CAP + 1])


@require_safe
def product_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    product = product_get_active(slug=slug)
    if product is None:
        raise Http404("No such product")
    context = {
        "product": product,
        "related_products": product_list_related(product=product),
        # The header's category nav marks the product's category as the current place.
        "category_slug": product.category.slug,
    }
    return render(request, "store/product_detail.html", context)


# A year: a thumbnail's name changes whenever its picture or options do (THUMBNAIL_PREFIX in the settings).
THUMBNAIL_MAX_AGE = 365 * 24 * 60 * 60
# Uploaded pictures keep their name, so a day, in case the owner replaces a file by hand.
PICTURE_MAX_AGE = 24 * 60 * 60


@require_safe
def media_file(request: HtmxHttpRequest, path: str) -> FileResponse:
    """Product pictures and their thumbnails from MEDIA_ROOT, when no web server in front serves them (SERVE_MEDIA)."""
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    if path.startswith(settings.THUMBNAIL_PREFIX):
        patch_cache_control(response, public=True, max_age=THUMBNAIL_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=PICTURE_MAX_AGE)
    return response
