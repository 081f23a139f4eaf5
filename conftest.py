import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded and seeded pictures go to a scratch folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
