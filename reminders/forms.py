from django import forms
from django.utils.translation import gettext_lazy as _

CONSENT_LABEL = _("Email me a reminder if I leave things in my cart")
CONSENT_HELP = _("At most one email for each cart you leave; you can stop them at any time, from the email too.")


class ReminderConsentForm(forms.Form):
    cart_reminders = forms.BooleanField(label=CONSENT_LABEL, help_text=CONSENT_HELP, required=False)
