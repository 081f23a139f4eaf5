"""Live news of a shopper's cart for their other devices: published after commit, streamed to them and no one else.

Uses the Redis server the suite's other Redis tests use (127.0.0.1:6379), on a channel of the test's own:
pub/sub channels are shared by every database of a server.
"""

import asyncio
import threading
import uuid

import pytest
import redis
from asgiref.sync import sync_to_async
from django.test import RequestFactory
from django.urls import reverse

from cart import services
from cart.events import READ_AGAIN, CartEventHub, publish_cart_version
from cart.models import Cart
from cart.views import cart_version_events, cart_version_then_close
from tests.concurrency import in_a_thread_of_its_own
from tests.factories import CartItemFactory, UserFactory

TEST_REDIS = "redis://127.0.0.1:6379/7"


@pytest.fixture
def channel(settings) -> str:
    settings.CART_EVENTS_REDIS_URL = TEST_REDIS
    settings.CART_EVENTS_CHANNEL = f"test-cart-versions-{uuid.uuid4()}"
    return settings.CART_EVENTS_CHANNEL


@pytest.fixture
def listener(channel):
    """What is published on the test's channel, as another server process would hear it."""
    pubsub = redis.Redis.from_url(TEST_REDIS).pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(channel)
    pubsub.get_message(timeout=1)

    def heard(timeout: float = 2) -> list[str]:
        messages = []
        while (message := pubsub.get_message(timeout=timeout)) is not None:
            messages.append(message["data"].decode())
            timeout = 0.2
        return messages

    yield heard
    pubsub.close()


@pytest.mark.django_db
def test_a_change_is_published_once_it_commits(listener, user, django_capture_on_commit_callbacks):
    item = CartItemFactory(cart__user=user, quantity=1)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.cart_increase(user=user, item_id=item.pk)
        assert listener(timeout=0.3) == []  # not before the change commits
    for callback in callbacks:
        callback()

    assert listener() == [f"{user.pk}:{Cart.objects.get(user=user).version}"]


@pytest.mark.django_db
def test_a_refused_change_publishes_nothing(listener, user, django_capture_on_commit_callbacks):
    item = CartItemFactory(cart__user=user, quantity=50, product__stock=50)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.CartError):
        services.cart_increase(user=user, item_id=item.pk)

    assert listener(timeout=0.5) == []


@pytest.mark.django_db
def test_a_product_change_is_published_to_each_cart_holding_it(listener, django_capture_on_commit_callbacks):
    first = CartItemFactory(quantity=1)
    second = CartItemFactory(quantity=1, product=first.product)
    CartItemFactory(quantity=1)  # another product's cart hears nothing

    with django_capture_on_commit_callbacks(execute=True):
        first.product.price += 1
        first.product.save()

    assert sorted(listener()) == sorted(
        f"{item.cart.user_id}:{Cart.objects.get(pk=item.cart_id).version}" for item in (first, second)
    )


def test_with_redis_down_a_change_still_happens_and_the_failure_is_logged(settings, caplog):
    settings.CART_EVENTS_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    publish_cart_version(shopper_id=1, version=2)

    assert "Could not publish cart version 2 of shopper 1" in caplog.text


def test_without_redis_nothing_is_published(settings, listener):
    settings.CART_EVENTS_REDIS_URL = ""

    publish_cart_version(shopper_id=1, version=2)

    assert listener(timeout=0.5) == []


# The stream one server process holds open for a page of another device.


async def next_chunk(stream, timeout: float = 3) -> str:
    return await asyncio.wait_for(anext(stream), timeout)


def events_of(chunks: list[str]) -> list[int]:
    return [int(chunk.split("data: ")[1]) for chunk in chunks if "event: version" in chunk]


@pytest.mark.django_db(transaction=True)
def test_a_stream_brings_this_shoppers_new_versions_and_no_one_elses(channel, monkeypatch):
    shopper, other = UserFactory(), UserFactory()
    Cart.objects.create(user=shopper, version=4)
    process_hub = CartEventHub()
    monkeypatch.setattr("cart.views.hub", process_hub)

    async def scenario() -> list[str]:
        stream = cart_version_events(shopper_id=shopper.pk, shown=4)
        chunks = [await next_chunk(stream)]  # the reconnection delay
        assert chunks[0].startswith("retry: ")
        pending = asyncio.ensure_future(next_chunk(stream))
        assert await process_hub.subscribed(timeout=3)
        await asyncio.sleep(0.1)
        await sync_to_async(publish_cart_version)(shopper_id=other.pk, version=9)
        await sync_to_async(publish_cart_version)(shopper_id=shopper.pk, version=5)
        chunks.append(await pending)
        assert process_hub.open_streams == 1
        await stream.aclose()
        assert process_hub.open_streams == 0
        return chunks

    chunks = in_a_thread_of_its_own(lambda: asyncio.run(scenario()))

    assert events_of(chunks) == [5]
    assert chunks[1] == "id: 5\nevent: version\ndata: 5\n\n"


@pytest.mark.django_db(transaction=True)
def test_a_stream_opened_behind_the_cart_catches_up_first(channel, monkeypatch):
    shopper = UserFactory()
    Cart.objects.create(user=shopper, version=7)
    monkeypatch.setattr("cart.views.hub", CartEventHub())

    async def scenario() -> list[str]:
        stream = cart_version_events(shopper_id=shopper.pk, shown=5)
        chunks = [await next_chunk(stream), await next_chunk(stream)]
        await stream.aclose()
        return chunks

    assert events_of(in_a_thread_of_its_own(lambda: asyncio.run(scenario()))) == [7]


@pytest.mark.django_db(transaction=True)
def test_after_the_channel_was_lost_a_stream_reads_its_version_again(channel, monkeypatch):
    shopper = UserFactory()
    cart = Cart.objects.create(user=shopper, version=3)
    process_hub = CartEventHub()
    monkeypatch.setattr("cart.views.hub", process_hub)
    caught_up = threading.Event()

    def read_version_then_tell(shopper_id: int) -> int:
        version = cart_version_then_close(shopper_id)
        caught_up.set()
        return version

    monkeypatch.setattr("cart.views.cart_version_then_close", read_version_then_tell)

    async def scenario() -> list[str]:
        stream = cart_version_events(shopper_id=shopper.pk, shown=3)
        await next_chunk(stream)
        pending = asyncio.ensure_future(next_chunk(stream))
        assert await process_hub.subscribed(timeout=3)
        # After the stream's first read: SQLite's shared in-memory test database refuses a write beside a read.
        assert await asyncio.to_thread(caught_up.wait, 3)
        await sync_to_async(Cart.objects.filter(pk=cart.pk).update)(version=6)  # published while the channel was lost
        process_hub._read_again()
        chunk = await pending
        await stream.aclose()
        return [chunk]

    assert events_of(in_a_thread_of_its_own(lambda: asyncio.run(scenario()))) == [6]
    assert READ_AGAIN < 0


@pytest.mark.django_db(transaction=True)
def test_the_development_server_offers_no_stream(client, user, channel):
    """Not ASGI (runserver, the test client): 204, and pages catch up when they come back (cart:version)."""
    client.force_login(user)

    response = in_a_thread_of_its_own(lambda: client.get(reverse("cart:events")))

    assert response.status_code == 204


@pytest.mark.django_db
def test_logged_out_gets_no_stream(channel):
    from django.contrib.sessions.backends.db import SessionStore

    from cart.views import session_cart_then_close

    request = RequestFactory().get(reverse("cart:events"))
    request.session = SessionStore()

    assert session_cart_then_close(request) is None
