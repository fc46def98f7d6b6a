"""The Python checks that rule files name; importing this package registers them."""

from . import cross_source, fact_sheet, internal, quotes  # noqa: F401
