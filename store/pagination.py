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
    """For the admin: on PostgreSQL, counts exactly only up to ``EXACT_UP_TO`` rows, then estimates.

    Two statements at any size: a count that reads at most EXACT_UP_TO + 1 rows, and EXPLAIN of the
    list's own query, whose row estimate (table statistics: pg_class.reltuples and the columns'
    histograms) stands in when the count stops at its limit. Other databases count as usual.
    """

    EXACT_UP_TO = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not (isinstance(queryset, QuerySet) and connections[queryset.db].vendor == "postgresql"):
            return super().count
        counted = queryset[: self.EXACT_UP_TO + 1].count()  # in the list's order: read along its index
        estimate = planner_row_estimate(queryset)
        return counted if counted <= self.EXACT_UP_TO else max(estimate, counted)


def planner_row_estimate(queryset: QuerySet) -> int:
    """How many rows PostgreSQL's planner expects the query to return."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        [(plan,)] = cursor.fetchall()
    return int(plan[0]["Plan"]["Plan Rows"])
