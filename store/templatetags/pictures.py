"""Product pictures as sized WebP variants for `<img srcset>`, made by sorl-thumbnail once and then reused."""

from dataclasses import dataclass
from functools import lru_cache

from django import template
from django.db.models.fields.files import ImageFieldFile
from django.utils.html import format_html
from sorl.thumbnail import get_thumbnail

register = template.Library()


@dataclass(frozen=True)
class PictureSize:
    widths: tuple[int, ...]  # the square variants offered in srcset
    sizes: str  # how wide the page lays the picture out, for the browser to pick a variant
    width: int  # the width and height attributes: they reserve the space before the picture loads


PICTURE_SIZES = {
    # Four columns of at most 268 px from 1024 px up, three from 768 px, two below.
    "card": PictureSize((200, 400, 600), "(min-width: 1024px) 268px, (min-width: 768px) 33vw, 50vw", 400),
    # Half of the 6xl container beside the details from 768 px up, the whole width below.
    "page": PictureSize((400, 600, 800), "(min-width: 1152px) 544px, (min-width: 768px) 50vw, 100vw", 600),
    # Small pictures: one variant at twice the laid-out width, sharp on any screen and a few KB; a cart
    # line repeats on every change and a cart page a hundred times, so one lookup and no srcset.
    "cart line": PictureSize((192,), "96px", 96),
    "mini-cart line": PictureSize((112,), "56px", 56),
}


@dataclass(frozen=True)
class Variant:
    url: str
    width: int


class MissingPicture(Exception):
    """sorl-thumbnail logged the picture's file as missing and made no variant."""


def picture_markup(name: str, size: str, alt: str, loading: str, css_class: str) -> str:
    """The <img> for the picture stored as `name` at `size`, its variants made if need be."""
    picture_size = PICTURE_SIZES[size]
    made = [get_thumbnail(name, f"{width}x{width}", crop="center") for width in picture_size.widths]
    # sorl-thumbnail logs a missing picture file and hands back a variant with no size.
    variants = [Variant(variant.url, variant.width) for variant in made if variant.size]
    if not variants:
        raise MissingPicture(name)
    # For browsers without srcset (and crawlers): the variant nearest the laid-out width.
    fallback = min(variants, key=lambda variant: abs(variant.width - picture_size.width))
    srcset = (
        format_html(
            ' srcset="{}" sizes="{}"',
            ", ".join(f"{variant.url} {variant.width}w" for variant in variants),
            picture_size.sizes,
        )
        if len(variants) > 1
        else ""
    )
    return format_html(
        '<img src="{}"{} width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>',
        fallback.url,
        srcset,
        picture_size.width,
        picture_size.width,
        alt,
        loading,
        format_html(' class="{}"', css_class) if css_class else "",
    )


class PictureMarkupMemo:
    """The <img> of each picture already drawn, kept for the life of the process (the most recent `maxsize`).

    Why: sorl-thumbnail finds each variant again in its key-value store (the cache, Redis in production) on every
    call, and a cart page writes the same pictures on every visit; together a third of a 200-line cart page's time
    (docs/PERFORMANCE.md). A picture replaced in the admin gets a new name, so a new entry. A missing file raises
    MissingPicture, which is not kept: the file is looked for again next time. The cost: variants deleted behind
    the shop's back (`manage.py thumbnail clear`) stay linked until `clear()` or a restart.
    """

    def __init__(self, *, maxsize: int) -> None:
        self._markup = lru_cache(maxsize=maxsize)(picture_markup)

    def markup(self, name: str, size: str, alt: str, loading: str, css_class: str) -> str:
        return self._markup(name, size, alt, loading, css_class)

    def clear(self) -> None:
        self._markup.cache_clear()


drawn_pictures = PictureMarkupMemo(maxsize=4096)


@register.simple_tag
def product_picture(
    image: ImageFieldFile, size: str, *, alt: str = "", loading: str = "lazy", css_class: str = ""
) -> str:
    """An <img> offering square WebP crops of `image` in the widths PICTURE_SIZES gives `size`.

    Built with format_html rather than an included template, whose own context and render a cart page repeats on
    every line (docs/PERFORMANCE.md).
    """
    if not image.name:
        return ""
    try:
        # str(): a lazily translated alt is remembered by its text in the active language.
        return drawn_pictures.markup(image.name, size, str(alt), loading, css_class)
    except MissingPicture:
        return ""
