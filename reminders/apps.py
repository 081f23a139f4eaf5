from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """The abandoned-cart reminder: the shopper's consent, one email per cart left as it is, the unsubscribe link."""

    name = "reminders"
    verbose_name = _("Cart reminders")
