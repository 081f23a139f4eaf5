from decimal import Decimal

from django.db import migrations

METHODS = [
    {
        "name": "Standard",
        "description": "3–5 working days",
        "price": Decimal("4.95"),
        "price_abroad": Decimal("14.95"),
        "free_above": Decimal("50.00"),
        "position": 1,
    },
    {
        "name": "Express",
        "description": "next working day",
        "price": Decimal("12.95"),
        "price_abroad": Decimal("29.95"),
        "free_above": None,
        "position": 2,
    },
]


def add_methods(apps, schema_editor):
    ShippingMethod = apps.get_model("orders", "ShippingMethod")
    for method in METHODS:
        ShippingMethod.objects.get_or_create(name=method["name"], defaults=method)


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(add_methods, migrations.RunPython.noop)]
