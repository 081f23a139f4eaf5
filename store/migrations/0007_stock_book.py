import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, Sum

# Orders placed and not yet shipped hold their units (consumed at shipping, store/services.py).
HOLDING_STATUSES = ["awaiting_payment", "paid"]


def open_the_stock_book(apps, schema_editor) -> None:
    """Keep every product's available quantity: the old stock was already net of the units unshipped orders hold.

    Those units are still on the shelf, so they go back into on hand and are counted as allocated; then each
    product's book opens with one movement giving both figures, so the book adds up from its first line.
    """
    Product = apps.get_model("store", "Product")
    OrderLine = apps.get_model("orders", "OrderLine")
    StockMovement = apps.get_model("store", "StockMovement")
    held = (
        OrderLine.objects.filter(order__status__in=HOLDING_STATUSES, product__isnull=False)
        .values("product_id")
        .annotate(units=Sum("quantity"))
        .order_by("product_id")
    )
    for row in held:
        Product.objects.filter(pk=row["product_id"]).update(allocated=row["units"], on_hand=F("on_hand") + row["units"])
    # One statement, not a million inserts from Python.
    movement, product = StockMovement._meta.db_table, Product._meta.db_table
    schema_editor.execute(
        f"INSERT INTO {movement} (product_id, on_hand_change, allocated_change, on_hand_after, allocated_after, "
        f"reason, note, created_at) "
        f"SELECT id, on_hand, allocated, on_hand, allocated, 'opening', '', CURRENT_TIMESTAMP FROM {product} "
        f"WHERE on_hand > 0"
    )


def close_the_stock_book(apps, schema_editor) -> None:
    Product = apps.get_model("store", "Product")
    Product.objects.filter(allocated__gt=0).update(on_hand=F("on_hand") - F("allocated"))


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0004_shipping_methods_in_english_and_persian"),
        ("store", "0006_search_vocabulary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="product", name="product_stock_not_negative"),
        migrations.RenameField(model_name="product", old_name="stock", new_name="on_hand"),
        migrations.AlterField(
            model_name="product",
            name="on_hand",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="on hand"),
        ),
        migrations.AddField(
            model_name="product",
            name="allocated",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="allocated to orders"),
        ),
        migrations.CreateModel(
            name="StockMovement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("on_hand_change", models.IntegerField(verbose_name="on hand change")),
                ("allocated_change", models.IntegerField(default=0, verbose_name="allocated change")),
                ("on_hand_after", models.PositiveIntegerField(verbose_name="on hand after")),
                ("allocated_after", models.PositiveIntegerField(verbose_name="allocated after")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("opening", "Opening balance"),
                            ("allocation", "Order placed"),
                            ("sale", "Sale (shipped)"),
                            ("cancellation", "Order cancelled"),
                            ("expiry", "Order not paid in time"),
                            ("receipt", "Goods received"),
                            ("recount", "Recount"),
                            ("correction", "Correction"),
                        ],
                        max_length=20,
                        verbose_name="reason",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="when")),
                (
                    "order",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="orders.order",
                        verbose_name="order",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="movements",
                        to="store.product",
                        verbose_name="product",
                    ),
                ),
                (
                    "staff",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff member",
                    ),
                ),
            ],
            options={
                "verbose_name": "stock movement",
                "verbose_name_plural": "stock movements",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["product", "-created_at", "-id"], name="stock_movement_product_time")],
            },
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(condition=models.Q(on_hand__gte=0), name="product_on_hand_not_negative"),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(
                condition=models.Q(allocated__gte=0), name="product_allocated_not_negative"
            ),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(
                condition=models.Q(allocated__lte=models.F("on_hand")), name="product_allocated_within_on_hand"
            ),
        ),
        # Last: on PostgreSQL an ALTER TABLE after these writes would meet their pending foreign key checks.
        migrations.RunPython(open_the_stock_book, close_the_stock_book),
    ]
