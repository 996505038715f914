"""Alembic migrations, shipped inside the package so an installed ``parat`` can upgrade."""
