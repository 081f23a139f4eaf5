"""Live news of cart versions for a shopper's other devices: Redis pub/sub in, Server-Sent Events out.

After a change to a cart commits, its shopper and new version are published on one Redis channel
(``publish_cart_version``). Each server process holds one subscription to that channel (``CartEventHub``)
and hands each message to the event streams it holds open for that shopper, and no one else's
(cart.views.events). When the subscription is lost, every stream is told to read its version again once
it is back, so nothing published meanwhile is missed for good.

Without ``REDIS_URL`` nothing is published and no stream is offered: pages still catch up when they come
back (cart:version, static/js/cart-sync.js).
"""

import asyncio
import logging
from collections import defaultdict
from functools import cache

import redis
import redis.asyncio
from django.conf import settings

logger = logging.getLogger(__name__)

# A message read again from the database instead of trusted from the channel (after the channel was lost).
READ_AGAIN = -1
RECONNECT_DELAYS = (0.5, 1, 2, 5, 10)


def events_enabled() -> bool:
    return bool(settings.CART_EVENTS_REDIS_URL)


@cache
def _publisher(url: str) -> redis.Redis:
    """One client (and connection pool) per process. Short timeouts: a change waits a moment at most for Redis."""
    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)


def publish_cart_version(*, shopper_id: int, version: int) -> None:
    """Tell every server process that this shopper's cart is at ``version`` now. Call it after commit.

    A failure is logged and swallowed: the change is made, and the shopper's other pages catch up when
    they come back.
    """
    if not events_enabled():
        return
    try:
        _publisher(settings.CART_EVENTS_REDIS_URL).publish(settings.CART_EVENTS_CHANNEL, f"{shopper_id}:{version}")
    except redis.RedisError:
        logger.warning("Could not publish cart version %s of shopper %s", version, shopper_id, exc_info=True)


class CartEventHub:
    """This process's one subscription to the channel, fanned out to its open event streams by shopper."""

    def __init__(self) -> None:
        self._streams: dict[int, set[asyncio.Queue[int]]] = defaultdict(set)
        self._task: asyncio.Task | None = None
        self._subscribed = asyncio.Event()

    @property
    def open_streams(self) -> int:
        return sum(len(queues) for queues in self._streams.values())

    def subscribe(self, shopper_id: int) -> "asyncio.Queue[int]":
        """A queue of this shopper's new versions (``READ_AGAIN``: read it from the database)."""
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._subscribed = asyncio.Event()
            self._task = loop.create_task(self._listen())
        queue: asyncio.Queue[int] = asyncio.Queue()
        self._streams[shopper_id].add(queue)
        return queue

    async def subscribed(self, *, timeout: float) -> bool:
        """Wait until the channel is listened to (or ``timeout`` s): news published from then on arrives."""
        try:
            await asyncio.wait_for(self._subscribed.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def unsubscribe(self, shopper_id: int, queue: "asyncio.Queue[int]") -> None:
        queues = self._streams.get(shopper_id)
        if queues is None:
            return
        queues.discard(queue)
        if not queues:
            del self._streams[shopper_id]

    def _deliver(self, data: bytes) -> None:
        shopper, _, version = data.decode().partition(":")
        if not (shopper.isdigit() and version.isdigit()):
            return
        for queue in self._streams.get(int(shopper), ()):
            queue.put_nowait(int(version))

    def _read_again(self) -> None:
        for queues in self._streams.values():
            for queue in queues:
                queue.put_nowait(READ_AGAIN)

    async def _listen(self) -> None:
        attempt = 0
        while True:
            client = redis.asyncio.Redis.from_url(settings.CART_EVENTS_REDIS_URL)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(settings.CART_EVENTS_CHANNEL)
                    if attempt:
                        self._read_again()  # whatever was published while the channel was lost
                    attempt = 0
                    self._subscribed.set()
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            self._deliver(message["data"])
            except (redis.RedisError, OSError):
                self._subscribed.clear()
                delay = RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)]
                logger.warning("Cart events: Redis subscription lost, again in %s s", delay, exc_info=True)
                attempt += 1
                await asyncio.sleep(delay)
            finally:
                await client.aclose()


hub = CartEventHub()
