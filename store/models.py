from decimal import Decimal

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('store:product_list')}?category={self.slug}"


class ProductQuerySet(models.QuerySet):
    def active(self) -> "ProductQuerySet":
        return self.filter(is_active=True)


class Product(models.Model):
    # db_index=False here and below: the composite indexes in Meta lead with these columns and serve their lookups.
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", db_index=False, verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    # The validator puts a readable message next to the admin field; the constraint guards the database.
    price = models.DecimalField(
        _("price"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    stock = models.PositiveIntegerField(_("stock"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    image = models.ImageField(_("image"), upload_to="products/", blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Written by PostgreSQL only (a trigger, migrations 0003 and 0004): the names in both languages (weight A),
    # the category's names (B), the descriptions (C).
    # Always NULL on SQLite, which searches with icontains instead.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        # One index per sort of the shop (PRODUCT_SORTS), each ending in id like the sort's tiebreaker, so a page
        # is read in index order and stops after a page; per category the same sorts behind category_id.
        # "Price: high to low" and "Newest" read the same indexes backwards. Inactive products are few and
        # are skipped while reading. The search indexes (GIN) are PostgreSQL-only: see migration 0003.
        # The name is sorted in the shopper's language (name_en, name_fa: store/translation.py); the Persian
        # indexes sort in Persian alphabetical order and are PostgreSQL-only too (migration 0004).
        indexes = [
            models.Index(fields=["name_en", "id"], name="product_name_en_id"),
            models.Index(fields=["price", "id"], name="product_price_id"),
            models.Index(fields=["created_at", "id"], name="product_created_id"),
            models.Index(fields=["category", "name_en", "id"], name="product_category_name_en_id"),
            models.Index(fields=["category", "price", "id"], name="product_category_price_id"),
            models.Index(fields=["category", "created_at", "id"], name="product_category_created_id"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=Decimal("0")), name="product_price_not_negative"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="product_stock_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("store:product_detail", kwargs={"slug": self.slug})

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


class SearchWord(models.Model):
    """A word of the products' search vectors and how many products on sale hold it: the catalog's vocabulary.

    The typo search corrects a word no product holds to the closest word here (store.selectors.search_correction),
    then searches as usual. Written by PostgreSQL only: statement triggers on the products keep it (migration
    0006), with a trigram index. Empty on SQLite, whose search needs none. One row per distinct word, whatever
    the catalog's size; the words of both languages together, as in the search vector.
    """

    word = models.TextField(primary_key=True)
    # Not a PositiveIntegerField: a product's save must never fail on the vocabulary; the trigger deletes words at 0.
    product_count = models.IntegerField()

    def __str__(self) -> str:
        return self.word
