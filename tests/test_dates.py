"""Partial dates: parsing, precision, bounds and range overlap."""

from __future__ import annotations

import datetime

import pytest
from pydantic_core import PydanticCustomError

import claimgraph as cg


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", "2025"),
        ("2025-10", "2025-10"),
        ("2025-10-19", "2025-10-19"),
        (" 2025-10 ", "2025-10"),
        ("2024-02-29", "2024-02-29"),
        ("2025-10-19T08:00", "2025-10-19T08:00"),
        ("2025-10-19 08:00:05", "2025-10-19 08:00:05"),
        ("2025-10-19T08:00:05.123+05:00", "2025-10-19T08:00:05.123+05:00"),
        (2025, "2025"),
        (datetime.date(2025, 11, 6), "2025-11-06"),
        (datetime.datetime(2025, 11, 6, 9, 0), "2025-11-06T09:00:00"),
    ],
)
def test_valid_partial_dates(value: object, expected: str) -> None:
    assert cg.parse_partial_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2025-13",
        "2025-00",
        "2025-02-30",
        "2025-02-29",
        "2025-04-31",
        "Oct 2025",
        "last month",
        "2025/10/19",
        "20251019",
        "2025-10-19T25:00",
        "",
        999,
        10000,
        True,
        None,
        2025.0,
        ["2025"],
    ],
)
def test_invalid_partial_dates(value: object) -> None:
    with pytest.raises(PydanticCustomError) as info:
        cg.parse_partial_date(value)
    assert info.value.type == "partial_date"


@pytest.mark.parametrize(("value", "shown"), [(2025.0, "2025.0"), (["2025"], "['2025']")])
def test_a_date_error_shows_the_value(value: object, shown: str) -> None:
    with pytest.raises(PydanticCustomError) as info:
        cg.parse_partial_date(value)
    assert info.value.message().startswith(f"{shown} is not a date")
    assert "{" not in info.value.message()


def test_invalid_date_is_cached_as_invalid() -> None:
    # the cache of checked strings must not turn a rejected value into an accepted one
    for _ in range(2):
        with pytest.raises(PydanticCustomError):
            cg.parse_partial_date("2025-13")


@pytest.mark.parametrize(
    ("value", "precision", "bounds"),
    [
        ("2025", "year", ("2025-01-01", "2025-12-31")),
        ("2025-02", "month", ("2025-02-01", "2025-02-31")),
        ("2025-10-19", "day", ("2025-10-19", "2025-10-19")),
        ("2025-10-19T08:00Z", "time", ("2025-10-19", "2025-10-19")),
    ],
)
def test_precision_and_bounds(value: str, precision: str, bounds: tuple[str, str]) -> None:
    assert cg.date_precision(value) == precision
    assert cg.date_bounds(value) == bounds


@pytest.mark.parametrize(
    ("value", "since", "until", "expected"),
    [
        ("2025-10", "2025-10-15", None, True),  # the month overlaps its second half
        ("2025-10", None, "2025-10-01", True),
        ("2025-09", "2025-10-15", None, False),
        ("2025-11", None, "2025-10", False),
        ("2025", "2025-06", "2025-06", True),
        ("2025-10-19", "2025-10-19", "2025-10-19", True),
        ("2025-10-19", "2025-10-20", None, False),
        ("2025-10-19T23:59Z", "2025-10-19", "2025-10-19", True),
        (None, "2025", None, False),  # undated statements fall outside any range
        (None, None, None, True),
        ("2025-10", None, None, True),
    ],
)
def test_overlaps(value: str | None, since: str | None, until: str | None, expected: bool) -> None:
    assert cg.overlaps(value, since, until) is expected


def test_partial_dates_sort_as_strings() -> None:
    dates = ["2025-11-05", "2025", "2025-10", "2024-12-31", "2025-10-19"]
    assert sorted(dates) == ["2024-12-31", "2025", "2025-10", "2025-10-19", "2025-11-05"]
