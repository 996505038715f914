"""Storage of Parat: SQLModel tables, engine and session set-up, Alembic migrations.

This package knows nothing of the domain's arithmetic; ``tracker`` builds on it.
"""
