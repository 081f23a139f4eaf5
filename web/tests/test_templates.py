from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(Path(settings.BASE_DIR).glob("*/templates/**/*.html")) + sorted(
    (Path(settings.BASE_DIR) / "templates").glob("**/*.html")
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_comments_close_on_their_line(template):
    """Django's {# #} comments end at the line's end: one left open is printed on the page."""
    unclosed = [line for line in template.read_text().splitlines() if "{#" in line and "#}" not in line]
    assert unclosed == []


# djLint (make lint) lays templates out within 120 columns, but a line of text or one template tag stays as long as it
# is, and some templates are laid out by hand (djlint:off): this is the limit no line may pass.
MAX_LINE_LENGTH = 200


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_lines_are_at_most_200_characters(template):
    lines = template.read_text().splitlines()
    too_long = [number for number, line in enumerate(lines, start=1) if len(line) > MAX_LINE_LENGTH]
    assert too_long == []


def test_a_page_shows_no_template_syntax(client, db):
    page = client.get("/").content.decode()

    assert "{#" not in page
    assert "{%" not in page
