"""Group totals shared by the framing measures (frame profiles and reporting verbs)."""

from __future__ import annotations

import pandas as pd


def group_total(df: pd.DataFrame, keys: list[str], column: str):
    """The sum of ``column`` over each row's group of ``keys`` (the whole table for no keys)."""
    return df.groupby(keys)[column].transform("sum") if keys else df[column].sum()
