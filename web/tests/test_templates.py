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


def test_a_page_shows_no_template_syntax(client, db):
    page = client.get("/").content.decode()

    assert "{#" not in page
    assert "{%" not in page
