import pytest
from django.urls import reverse, set_script_prefix

from config.reversing import cached_reverse, reverser


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
