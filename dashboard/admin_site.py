"""The admin speaks as the shop: its name (SHOP_NAME, SHOP_NAME_FA) in the header and titles, in the owner's tongue."""

from django.contrib.admin import AdminSite
from django.utils.functional import lazy
from django.utils.translation import gettext

from web.localization import isolate, shop_name


def _site_header() -> str:
    return gettext("%(shop)s administration") % {"shop": isolate(shop_name())}


def _site_title() -> str:
    return gettext("%(shop)s admin") % {"shop": isolate(shop_name())}


def _index_title() -> str:
    return gettext("Run the shop")


def name_admin_site(site: AdminSite) -> None:
    """Header, browser title and index title, translated when a page is drawn (the owner's language)."""
    site.site_header = lazy(_site_header, str)()
    site.site_title = lazy(_site_title, str)()
    site.index_title = lazy(_index_title, str)()
