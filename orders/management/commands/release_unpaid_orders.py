from django.conf import settings
from django.core.management.base import BaseCommand

from orders.services import orders_release_unpaid


class Command(BaseCommand):
    help = "Expire orders not paid within ORDER_PAYMENT_TIMEOUT_MINUTES and return their stock. Schedule it."

    def handle(self, *args, **options) -> None:
        released = orders_release_unpaid()
        self.stdout.write(
            f"Released {released} unpaid order(s) older than {settings.ORDER_PAYMENT_TIMEOUT_MINUTES} minutes."
        )
