import datetime

from django.template import Context, Template
from django.utils import translation

PLACED = datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC)


def render(source: str, **context) -> str:
    return Template("{% load localized %}" + source).render(Context(context))


def test_digits_filter():
    with translation.override("fa"):
        assert render("{{ count|digits }}", count=12) == "۱۲"
        assert render("{{ missing|digits }}") == ""
    with translation.override("en"):
        assert render("{{ count|digits }}", count=12) == "12"


def test_shopdate_and_shoptime_filters():
    with translation.override("fa"):
        assert render('{{ placed|shopdate:"date" }}', placed=PLACED) == "۱ فروردین ۱۴۰۳"
        # The datetime attribute is for machines: ISO 8601 in Latin digits.
        assert render('{{ placed|shoptime:"date" }}', placed=PLACED) == (
            '<time datetime="2024-03-20T09:05:00+00:00">۱ فروردین ۱۴۰۳</time>'
        )
    with translation.override("en"):
        assert render("{{ placed|shopdate }}", placed=PLACED) == "20 March 2024, 09:05"


def test_isolated_filter_escapes_like_any_text():
    with translation.override("fa"):
        assert render("{{ name|isolated }}", name="Tom & Jerry") == "\u2068Tom &amp; Jerry\u2069"
