from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

# Pages, htmx fragments and JSON shrink several times over; WebP and JPEG pictures are compressed already.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")
# Server-Sent Events go out one by one as they happen (cart.views.events): a compressor would hold them back.
NEVER_COMPRESSED = ("text/event-stream",)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation) for text answers only."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(COMPRESSIBLE_TYPES) or content_type.startswith(NEVER_COMPRESSED):
            return response
        return super().process_response(request, response)
