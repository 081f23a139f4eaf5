from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from django.views.static import serve

from web.http import HtmxHttpRequest

from .selectors import (
    DEFAULT_SORT,
    PRODUCT_SORTS,
    category_list,
    product_get_active,
    product_list_related,
    product_search,
)


# require_safe: GET, and HEAD for uptime monitors and link checkers.
@require_safe
def product_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    category_slug = request.GET.get("category", "").strip()
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort not in PRODUCT_SORTS:
        sort = DEFAULT_SORT
    products = product_search(query=query, category_slug=category_slug, sort=sort)
    page = Paginator(products, settings.STORE_PAGE_SIZE).get_page(request.GET.get("page"))
    categories = list(category_list())
    context = {
        "page": page,
        "query": query,
        "sort": sort,
        "sorts": {key: label for key, (label, _) in PRODUCT_SORTS.items()},
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
def media_file(request: HtmxHttpRequest, path: str) -> HttpResponse:
    """Product pictures and their thumbnails from MEDIA_ROOT, when no web server in front serves them (SERVE_MEDIA)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith(settings.THUMBNAIL_PREFIX):
        patch_cache_control(response, public=True, max_age=THUMBNAIL_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=PICTURE_MAX_AGE)
    return response
