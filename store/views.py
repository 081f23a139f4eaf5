from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from config.http import HtmxHttpRequest

from .pagination import CappedPaginator
from .selectors import category_list, product_default_sort, product_get_active, product_search, product_sort_options

# Results counted and paged through at most; past it the list says "1,000+ products" and asks to narrow down.
RESULT_CAP = 1000


# require_safe: GET, and HEAD for uptime monitors and link checkers.
@require_safe
def product_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    category_slug = request.GET.get("category", "").strip()
    sorts = product_sort_options(query=query)
    sort = request.GET.get("sort", "")
    if sort not in sorts:
        sort = product_default_sort(query=query)
    products = product_search(query=query, category_slug=category_slug, sort=sort)
    paginator = CappedPaginator(products, settings.STORE_PAGE_SIZE, cap=RESULT_CAP)
    if query and paginator.count == 0:
        # Nothing has every word: look again, forgiving typos and taking parts of words.
        products = product_search(query=query, category_slug=category_slug, sort=sort, tolerate_typos=True)
        paginator = CappedPaginator(products, settings.STORE_PAGE_SIZE, cap=RESULT_CAP)
    page = paginator.get_page(request.GET.get("page"))
    categories = list(category_list())
    context = {
        "page": page,
        "query": query,
        "sort": sort,
        "sorts": sorts,
        "categories": categories,
        "current_category": next((c for c in categories if c.slug == category_slug), None),
        "category_slug": category_slug,
    }
    template = "store/product_list.html#results" if request.htmx else "store/product_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def product_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    product = product_get_active(slug=slug)
    if product is None:
        raise Http404("No such product")
    return render(request, "store/product_detail.html", {"product": product})
