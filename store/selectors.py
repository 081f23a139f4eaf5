from django.db.models import Q, QuerySet

from .models import Category, Product

# Sort keys shown to shoppers, each with a tiebreaker so pages never overlap.
PRODUCT_SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("Name", ("name", "id")),
    "price": ("Price: low to high", ("price", "id")),
    "-price": ("Price: high to low", ("-price", "id")),
    "newest": ("Newest", ("-created_at", "-id")),
}
DEFAULT_SORT = "name"


def category_list() -> QuerySet[Category]:
    return Category.objects.all()


def product_search(*, query: str = "", category_slug: str = "", sort: str = DEFAULT_SORT) -> QuerySet[Product]:
    products = Product.objects.active().select_related("category")
    if category_slug:
        products = products.filter(category__slug=category_slug)
    for word in query.split():
        products = products.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(category__name__icontains=word)
        )
    _, ordering = PRODUCT_SORTS.get(sort, PRODUCT_SORTS[DEFAULT_SORT])
    return products.order_by(*ordering)


def product_get_active(*, slug: str) -> Product | None:
    return Product.objects.active().select_related("category").filter(slug=slug).first()


def product_list_related(*, product: Product, limit: int = 4) -> QuerySet[Product]:
    """Other products on sale in the product's category, for its page."""
    return (
        Product.objects.active()
        .select_related("category")
        .filter(category_id=product.category_id)
        .exclude(pk=product.pk)
        .order_by("name", "id")[:limit]
    )
