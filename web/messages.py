"""Messages that offer an action (a button in the toast), such as "Undo"."""

import json
from typing import TypedDict

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.http import HttpRequest

# Django keeps a message's text, level and extra tags; the action rides in the tags, marked by this prefix.
ACTION_TAG = "action:"


class MessageAction(TypedDict):
    url: str  # POSTed to when the shopper takes the action
    label: str


def success_with_action(request: HttpRequest, message: str, *, url: str, label: str) -> None:
    messages.success(request, message, extra_tags=ACTION_TAG + json.dumps({"url": url, "label": label}))


def message_action(message: Message) -> MessageAction | None:
    tags = message.extra_tags or ""
    if not tags.startswith(ACTION_TAG):
        return None
    return json.loads(tags.removeprefix(ACTION_TAG))
