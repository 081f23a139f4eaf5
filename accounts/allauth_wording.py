"""django-allauth's strings that the shop words its own way, in every language.

locale/en rewords them in English ("Sign In" -> "Log in"); locale/fa gives the Persian that matches the shop's
header ("ورود", "ثبت‌نام"). Marked here so that makemessages keeps them in the catalogues: no template of the
shop's own uses them, allauth's templates do.
"""

from django.utils.translation import gettext_noop

ALLAUTH_WORDING = (
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Sign Out"),
    gettext_noop("Remember Me"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Sign In Via %(provider)s"),
    gettext_noop("You are about to sign in using a third-party account from %(provider)s."),
    gettext_noop("Sign Up Closed"),
    gettext_noop("Password Reset"),
    gettext_noop("Reset My Password"),
    gettext_noop("Forgot Password?"),
    gettext_noop("Change Password"),
    gettext_noop("Set Password"),
    gettext_noop("Email Addresses"),
    gettext_noop("Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Change Email"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Confirm Email Address"),
    gettext_noop("Account Connections"),
    gettext_noop("Password Reset Email"),
    gettext_noop("Please Confirm Your Email Address"),
    # Untranslated in allauth's own Persian catalogue; shown on the account's email page.
    gettext_noop("The following email address is associated with your account:"),
    gettext_noop("Change Email Address"),
)
