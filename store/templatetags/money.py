from django import template

from store.money import dollars

register = template.Library()
register.filter("dollars", dollars)
