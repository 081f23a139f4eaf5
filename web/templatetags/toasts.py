from django import template

from web.messages import message_action

register = template.Library()
register.filter("message_action", message_action)
