import pytest

from web.digits import latin_number, numbering_system_digits


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("۱۲", "12"),  # Persian
        ("١٢", "12"),  # Arabic-Indic
        ("12", "12"),
        ("۱2٣", "123"),  # all three in one number
        ("۱۲٫۵۰", "12.50"),  # the Arabic decimal separator
        ("۱٬۲۵۰٫5", "1250.5"),  # and thousands separator
        ("۰۲۱-۸۸۷۷۶۶۵۵", "021-88776655"),  # the rest of the text stays
    ],
)
def test_typed_digits_read_as_latin(typed, read):
    assert latin_number(typed) == read


def test_persian_writes_its_own_digits_and_latin_stays_latin():
    assert numbering_system_digits("$ 1,234.50", "arabext") == "$ ۱,۲۳۴.۵۰"
    assert numbering_system_digits("1,234", "arab") == "١,٢٣٤"
    assert numbering_system_digits("1,234", "latn") == "1,234"
