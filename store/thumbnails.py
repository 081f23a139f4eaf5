"""sorl-thumbnail's record of which picture variants exist, kept honest when media is on a server's own disk.

The records live in the database and the cache, which every server shares; a variant's file on local disk lives on
one server only. Another server (its own MEDIA_ROOT), or this one after its disk was replaced, would otherwise link
a variant whose file it does not have. So a record of a file on local disk is trusted only while the file is there
(a stat, once per picture and process: the page memo in store/templatetags/pictures.py keeps the result); when it
is not, sorl-thumbnail makes the variant again from the picture and records it anew. A bucket is shared by every
server and outlives them, so its records are trusted as they are, without asking the bucket.
"""

from django.core.files.storage import FileSystemStorage
from sorl.thumbnail.images import ImageFile
from sorl.thumbnail.kvstores.cached_db_kvstore import KVStore as CachedDbKVStore


class KVStore(CachedDbKVStore):
    def get(self, image_file: ImageFile) -> ImageFile | None:
        recorded = super().get(image_file)
        if recorded is not None and isinstance(recorded.storage, FileSystemStorage) and not recorded.exists():
            return None
        return recorded
