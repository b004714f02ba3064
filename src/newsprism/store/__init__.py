"""Persistence: the `Store` interface and its SQLite implementation."""

from newsprism.store.base import (
    NearDuplicate,
    RejectRecord,
    RunRecord,
    SearchHit,
    Store,
)
from newsprism.store.memory import MemoryStore
from newsprism.store.sqlite import SQLiteStore, default_db_path

__all__ = [
    "MemoryStore",
    "NearDuplicate",
    "RejectRecord",
    "RunRecord",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "default_db_path",
]
