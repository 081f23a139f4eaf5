import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory

from web.messages import message_action, success_with_action


@pytest.fixture
def request_with_messages(rf: RequestFactory):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    request = rf.post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_message_carries_its_action_into_the_toast(request_with_messages):
    success_with_action(request_with_messages, "Removed Mug from your cart.", url="/cart/undo/", label="Undo")

    toast = render_to_string("partials/messages.html", request=request_with_messages)

    assert "Removed Mug from your cart." in toast
    assert '<form action="/cart/undo/" method="post"' in toast
    assert ">Undo</button>" in toast


def test_a_plain_message_has_no_action(request_with_messages):
    from django.contrib import messages

    messages.success(request_with_messages, "Saved.")

    (message,) = get_messages(request_with_messages)
    assert message_action(message) is None
