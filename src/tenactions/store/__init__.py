"""The ledger's storage: the only package that speaks SQL."""

from tenactions.store.sqlite import (
    SCHEMA_VERSION,
    ImportResult,
    NewEntry,
    Store,
    StoredEntry,
    Totals,
    open_store,
)

__all__ = [
    "SCHEMA_VERSION",
    "ImportResult",
    "NewEntry",
    "Store",
    "StoredEntry",
    "Totals",
    "open_store",
]
