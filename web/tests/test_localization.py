import datetime
from decimal import Decimal

from django.utils import translation

from web.localization import format_percentage, format_shop_date, isolate, localize_digits, shop_name

# Nowruz 1403: the first day of the Solar Hijri year, 20 March 2024.
NOWRUZ_1403 = datetime.datetime(2024, 3, 20, 9, 5, tzinfo=datetime.UTC)


def test_digits_are_persian_in_persian_and_latin_in_english():
    with translation.override("fa"):
        assert localize_digits(1234567890) == "۱۲۳۴۵۶۷۸۹۰"
        assert localize_digits("1,000") == "۱٬۰۰۰"
        assert localize_digits("20.5 %") == "۲۰٫۵ ٪"
    with translation.override("en"):
        assert localize_digits("1,000") == "1,000"


def test_names_are_isolated_only_in_right_to_left_text():
    with translation.override("fa"):
        assert isolate("Blue Mug") == "\u2068Blue Mug\u2069"
    with translation.override("en"):
        assert isolate("Blue Mug") == "Blue Mug"


def test_dates_are_jalali_in_persian_and_gregorian_in_english():
    with translation.override("fa"):
        assert format_shop_date(NOWRUZ_1403) == "۱ فروردین ۱۴۰۳، ۰۹:۰۵"
        assert format_shop_date(NOWRUZ_1403, "date") == "۱ فروردین ۱۴۰۳"
        assert format_shop_date(NOWRUZ_1403.date(), "date") == "۱ فروردین ۱۴۰۳"
    with translation.override("en"):
        assert format_shop_date(NOWRUZ_1403) == "20 March 2024, 09:05"
        assert format_shop_date(NOWRUZ_1403, "date") == "20 Mar 2024"
        assert format_shop_date(NOWRUZ_1403, "short") == "20 Mar, 09:05"


def test_a_date_is_the_shops_local_day(settings):
    settings.TIME_ZONE = "Asia/Tehran"
    late_evening_utc = datetime.datetime(2024, 3, 19, 21, 0, tzinfo=datetime.UTC)  # 00:30 on 20 March in Tehran

    with translation.override("fa"):
        assert format_shop_date(late_evening_utc) == "۱ فروردین ۱۴۰۳، ۰۰:۳۰"


def test_rates_are_percentages_in_the_active_language():
    with translation.override("en"):
        assert [format_percentage(Decimal(rate)) for rate in ("0.2000", "0.0750", "0")] == ["20%", "7.5%", "0%"]
    with translation.override("fa"):
        assert [format_percentage(Decimal(rate)) for rate in ("0.2000", "0.0750")] == ["۲۰٪", "۷٫۵٪"]


def test_the_shop_is_named_in_persian_where_the_owner_set_a_persian_name(settings):
    with translation.override("fa"):
        assert shop_name() == "Corner Store"  # none set: the one name in both languages
    settings.SHOP_NAME_FA = "فروشگاه سر کوچه"

    with translation.override("fa"):
        assert shop_name() == "فروشگاه سر کوچه"
    with translation.override("en"):
        assert shop_name() == "Corner Store"
