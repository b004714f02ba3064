"""A local Spark session for the job's tests: `local[2]`, UI off, two shuffle partitions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="pip install 'newsprism[spark]'")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 on PATH")
    from newsprism.jobs.spark.session import spark_session  # needs pyspark, checked above

    session = spark_session("local[2]", shuffle_partitions=2, app="newsprism-tests")
    yield session
    session.stop()
