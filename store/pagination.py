"""Paginators that never count a whole large catalog."""

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts matching rows only up to ``cap``: past it the shopper sees "1,000+ products" and pages end there.

    The count reads at most cap + 1 rows in the listing's own order (the index it is served by), so a page
    costs the same for a hundred products as for a million; the last page is never deeper than the cap.
    A list (the ranked ids of a search, already at most cap + 1 long) is counted with len().
    """

    def __init__(self, object_list: QuerySet | list, per_page: int, *, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def counted(self) -> int:
        first = self.object_list[: self.cap + 1]
        return first.count() if isinstance(first, QuerySet) else len(first)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def is_capped(self) -> bool:
        """More rows match than were counted."""
        return self.counted > self.cap


class EstimatedCountPaginator(Paginator):
    """For the admin: on PostgreSQL, above ``EXACT_UP_TO`` rows the planner's estimate stands in for COUNT(*).

    The estimate comes from EXPLAIN of the list's own query (table statistics: pg_class.reltuples and the
    columns' histograms), so it costs the same for any filter. Small results are counted exactly.
    """

    EXACT_UP_TO = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and connections[queryset.db].vendor == "postgresql":
            estimate = planner_row_estimate(queryset)
            if estimate > self.EXACT_UP_TO:
                return estimate
        return super().count


def planner_row_estimate(queryset: QuerySet) -> int:
    """How many rows PostgreSQL's planner expects the query to return."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        [(plan,)] = cursor.fetchall()
    return int(plan[0]["Plan"]["Plan Rows"])
