"""Digits as people type and read them: Persian (۰–۹), Arabic-Indic (٠–٩) or Latin (0–9), also mixed.

Read in one place: search text (store.search_text), every field a number is typed into (web.forms), and
money shown in a language that writes its own digits (store.money).
"""

PERSIAN_ZERO = "\u06f0"  # EXTENDED ARABIC-INDIC DIGIT ZERO, the digits Persian writes
ARABIC_INDIC_ZERO = "\u0660"  # ARABIC-INDIC DIGIT ZERO, the digits Arabic keyboards type

# Persian and Arabic-Indic digits -> Latin digits.
LATIN_DIGIT_MAP = {
    chr(ord(zero) + digit): str(digit) for zero in (PERSIAN_ZERO, ARABIC_INDIC_ZERO) for digit in range(10)
}
# Typed numbers may also carry the Arabic decimal separator (۱۲٫۵۰) and thousands separator (۱٬۲۵۰); the
# latter is dropped, as Django's number fields would refuse "1,250".
LATIN_NUMBER = str.maketrans({**LATIN_DIGIT_MAP, "\u066b": ".", "\u066c": None})
# Latin digits -> Persian digits.
PERSIAN_DIGIT_MAP = {str(digit): chr(ord(PERSIAN_ZERO) + digit) for digit in range(10)}
# CLDR numbering systems this shop writes, by their CLDR name, as Latin digits -> theirs.
NUMBERING_SYSTEM_DIGITS = {
    "arab": str.maketrans({str(digit): chr(ord(ARABIC_INDIC_ZERO) + digit) for digit in range(10)}),
    "arabext": str.maketrans(PERSIAN_DIGIT_MAP),
}
# A number as Persian writes it: its digits, and its own thousands separator, decimal point and percent sign.
PERSIAN_NUMBER = str.maketrans({**PERSIAN_DIGIT_MAP, ",": "\u066c", ".": "\u066b", "%": "\u066a"})


def latin_number(text: str) -> str:
    """The text with Latin digits and decimal point: "۱٬۲۵۰٫5" -> "1250.5"."""
    return text.translate(LATIN_NUMBER)


def numbering_system_digits(text: str, numbering_system: str) -> str:
    """The text's Latin digits written in the CLDR numbering system ("arabext": 12 -> ۱۲); others stay Latin."""
    digits = NUMBERING_SYSTEM_DIGITS.get(numbering_system)
    return text.translate(digits) if digits else text
