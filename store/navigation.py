"""The category bar every page shows, kept in the cache (base.html's ``{% cache %}``) per language and current category.

Its key holds a version that any change to a category moves, so an edit shows on the next page in every process that
shares the cache. The version is a timestamp, never a counter: a version evicted from the cache comes back as a new
one, not as an old one whose fragments may still be there.
"""

import time

from django.core.cache import cache

VERSION_KEY = "store:category-bar-version"


def category_bar_version() -> int | None:
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def category_bar_changed(**kwargs: object) -> None:
    """Receiver of Category's post_save and post_delete (StoreConfig.ready)."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
