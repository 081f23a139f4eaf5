from django.apps import AppConfig
from django.db.backends.signals import connection_created

# How close a word of the query must be to a word of a product's name for the typo-tolerant search
# (pg_trgm's word similarity, 0 to 1; its default 0.6 misses "grnder" for "grinder", which scores 0.5).
TRIGRAM_WORD_SIMILARITY_THRESHOLD = 0.5


def set_trigram_threshold(sender, connection, **kwargs) -> None:
    """Once per PostgreSQL connection: the threshold of the `<%` operator that the trigram index serves."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [str(TRIGRAM_WORD_SIMILARITY_THRESHOLD)],
            )


class StoreConfig(AppConfig):
    name = "store"

    def ready(self) -> None:
        connection_created.connect(set_trigram_threshold, dispatch_uid="store_trigram_threshold")
