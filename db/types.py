"""Column types shared by the tables."""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

_parse_iso = datetime.fromisoformat


class UTCDateTime(TypeDecorator[datetime]):
    """A moment stored as naive UTC and read back as an aware UTC ``datetime``.

    SQLite drops ``tzinfo``; storing naive UTC on every engine keeps comparisons in
    SQL (``recorded_at <= :as_of``) identical on SQLite and PostgreSQL.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)

    def result_processor(self, dialect: sa.Dialect, coltype: object) -> Any:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        # SQLite hands back the stored text: one C call parses it, zone included,
        # where the generic path (SQLAlchemy's parser, then ``datetime.replace``) is
        # many times slower on the moment of every row read.
        def process(value: str | None) -> datetime | None:
            if value is None:
                return None
            return _parse_iso(value + "+00:00")

        return process
