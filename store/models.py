from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
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


def available_units(prefix: str = "") -> CombinedExpression:
    """Units that can still be sold, in SQL: on hand minus what unshipped orders hold (``prefix`` for a relation)."""
    return F(f"{prefix}on_hand") - F(f"{prefix}allocated")


class ProductQuerySet(models.QuerySet):
    def active(self) -> "ProductQuerySet":
        return self.filter(is_active=True)

    def low_stock(self) -> "ProductQuerySet":
        """Products with what is available at their low-stock threshold or below."""
        return self.alias(
            units_left=available_units(),
            threshold=Coalesce("low_stock_threshold", Value(settings.SHOP_LOW_STOCK_THRESHOLD)),
        ).filter(units_left__lte=F("threshold"))


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
    # The stock book (store/services.py is its only writer, each change a StockMovement): units on the shelf, and
    # how many of them orders placed but not yet shipped hold. The admin's forms never save these two.
    on_hand = models.PositiveIntegerField(_("on hand"), default=0, editable=False)
    allocated = models.PositiveIntegerField(_("allocated to orders"), default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Empty: SHOP_LOW_STOCK_THRESHOLD. Falling to it or below sends the staff one email (store/low_stock.py).
    low_stock_threshold = models.PositiveIntegerField(
        _("low stock at"),
        null=True,
        blank=True,
        help_text=_("Staff get one email when what is available falls to this. Empty: the shop's default."),
    )
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
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="product_on_hand_not_negative"),
            models.CheckConstraint(condition=Q(allocated__gte=0), name="product_allocated_not_negative"),
            models.CheckConstraint(condition=Q(allocated__lte=F("on_hand")), name="product_allocated_within_on_hand"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("store:product_detail", kwargs={"slug": self.slug})

    @property
    def available(self) -> int:
        """What the catalog, the cart and checkout offer: on hand, less what orders hold."""
        return self.on_hand - self.allocated

    @property
    def in_stock(self) -> bool:
        return self.available > 0

    @property
    def low_stock_at(self) -> int:
        if self.low_stock_threshold is None:
            return settings.SHOP_LOW_STOCK_THRESHOLD
        return self.low_stock_threshold


class StockReason(models.TextChoices):
    OPENING = "opening", _("Opening balance")
    ALLOCATION = "allocation", _("Order placed")
    SALE = "sale", _("Sale (shipped)")
    CANCELLATION = "cancellation", _("Order cancelled")
    EXPIRY = "expiry", _("Order not paid in time")
    RECEIPT = "receipt", _("Goods received")
    RECOUNT = "recount", _("Recount")
    CORRECTION = "correction", _("Correction")


class StockMovement(models.Model):
    """One line of a product's stock book: the change to on hand and to allocated, why, and who or what did it.

    For every product, on hand is the sum of its ``on_hand_change`` and allocated the sum of its
    ``allocated_change`` (store/tests/test_stock_services.py).
    """

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="movements", db_index=False, verbose_name=_("product")
    )
    on_hand_change = models.IntegerField(_("on hand change"))
    allocated_change = models.IntegerField(_("allocated change"), default=0)
    on_hand_after = models.PositiveIntegerField(_("on hand after"))
    allocated_after = models.PositiveIntegerField(_("allocated after"))
    reason = models.CharField(_("reason"), max_length=20, choices=StockReason.choices)
    order = models.ForeignKey(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("order")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        indexes = [models.Index(fields=["product", "-created_at", "-id"], name="stock_movement_product_time")]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.on_hand_change:+d} / {self.allocated_change:+d} ({self.reason})"


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


class LowStockAlert(models.Model):
    """One email to the staff for one crossing of a product's low-stock threshold: recorded with the change that
    crossed it (the outbox), sent by the task queue after commit, at most once (store/low_stock.py)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+", verbose_name=_("product"))
    available = models.PositiveIntegerField(_("available"))
    threshold = models.PositiveIntegerField(_("low stock at"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("low stock alert")
        verbose_name_plural = _("low stock alerts")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.available} <= {self.threshold}"
