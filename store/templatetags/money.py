from django import template

from store.money import format_money

register = template.Library()
register.filter("money", format_money)
