from django.http import HttpRequest

from .middleware import is_personal


def personal_page(request: HttpRequest) -> dict[str, bool]:
    """Whether the page is personal, so base.html keeps it out of htmx's history cache."""
    return {"personal_page": is_personal(request)}
