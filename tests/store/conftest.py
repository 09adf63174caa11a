"""The store contract: these modules' tests run on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

CONTRACT_MODULES = {
    "test_touches",
    "test_prospects",
    "test_call_blocks",
    "test_cadence_walk",
    "test_touch_count",
    "test_contract",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in CONTRACT_MODULES and "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ["sqlite", "postgresql"])
