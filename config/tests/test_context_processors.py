from django.test import RequestFactory

from config.context_processors import csrf_input


def test_printing_csrf_input_gives_the_hidden_field_and_sets_the_cookie():
    request = RequestFactory().get("/")

    field = str(csrf_input(request)["csrf_input"])

    assert field.startswith('<input type="hidden" name="csrfmiddlewaretoken" value="')
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]


def test_a_page_that_does_not_print_it_sets_no_csrf_cookie():
    request = RequestFactory().get("/")

    csrf_input(request)

    assert "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
