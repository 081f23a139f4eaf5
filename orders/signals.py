from django.dispatch import receiver
from payments.signals import status_changed

from .models import Payment
from .services import payment_settle


@receiver(status_changed, sender=Payment)
def settle_order(sender, instance: Payment, **kwargs) -> None:
    payment_settle(payment=instance)
