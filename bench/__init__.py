"""Cart performance benchmark (``make bench``): in-process timings, an HTTP load run, the report.

Not part of the shop: nothing here is imported by ``config`` or the apps.
"""
