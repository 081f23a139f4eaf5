import pytest
from django.urls import reverse, set_script_prefix
from django.utils.safestring import SafeString

from config.reversing import cached_reverse, html_reverser, reverser


@pytest.fixture
def script_prefix():
    """The shop mounted under /shop/, as behind a proxy that sets SCRIPT_NAME."""
    set_script_prefix("/shop/")
    yield
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("name", "kwarg", "value"),
    [
        ("cart:increase", "item_id", 7),
        ("cart:remove", "item_id", 1234567),
        ("store:product_detail", "slug", "blue-mug"),
    ],
)
def test_gives_what_reverse_gives(name, kwarg, value):
    assert reverser(name, kwarg)(value) == reverse(name, kwargs={kwarg: value})
    assert cached_reverse(name, **{kwarg: value}) == reverse(name, kwargs={kwarg: value})


def test_follows_the_script_prefix_of_the_request(script_prefix):
    assert cached_reverse("cart:increase", item_id=7) == "/shop/cart/items/7/increase/"


def test_a_value_cannot_leave_its_path_segment():
    assert cached_reverse("store:product_detail", slug="../admin/?x=1") == "/products/..%2Fadmin%2F%3Fx%3D1/"


def test_html_urls_are_marked_safe_with_the_value_quoted():
    url = html_reverser("store:product_detail", "slug")('mug"><script>')

    assert isinstance(url, SafeString)
    assert url == "/products/mug%22%3E%3Cscript%3E/"
