from django.http import HttpRequest
from django.template.backends.utils import csrf_input as csrf_hidden_input
from django.utils.functional import SimpleLazyObject


def csrf_input(request: HttpRequest) -> dict:
    """``{{ csrf_input }}``: the hidden CSRF field, built once per response (the name Django's Jinja2 backend uses).

    ``{% csrf_token %}`` builds the field anew in every form; a cart page has a form per line.
    Lazy, so a page without a form does not set the CSRF cookie.
    """
    return {"csrf_input": SimpleLazyObject(lambda: csrf_hidden_input(request))}
