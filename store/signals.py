"""What the stock book tells other apps, so that store/ needs to know none of them."""

from django.dispatch import Signal

# Sent by the owner's adjustments and recounts (store/services.py) inside their transaction, with ``product``
# (its figures after the change) and ``available_before``. The cart moves the versions of the carts it shows in.
stock_changed = Signal()
