"""The pairing helpers: order kept, gaps, a 项目名称 without its years."""

from __future__ import annotations

import pytest

from goaleditor.compare.matching import out_of_order, pair_by_key, pair_in_gaps
from goaleditor.compare.tables import name_without_years


@pytest.mark.parametrize("count", [10, 500])  # the weighed run, and the n log n one
def test_an_item_moved_far_is_the_only_one_out_of_order(count: int) -> None:
    order = list(range(count))
    order.insert(count - 2, order.pop(1))  # item 1 moved near the end
    pairs = [(old, new) for new, old in enumerate(order)]
    assert out_of_order(pairs) == {(1, count - 2)}
    assert out_of_order([(n, n + 3) for n in range(count)]) == set()  # shifted, not moved


def test_keys_pair_in_order_and_none_never_pairs() -> None:
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = pair_by_key(["a", "b", "a", None], ["a", None, "a", "c"], taken_old, taken_new)
    assert pairs == [(0, 0), (2, 2)]
    assert taken_old == {0, 2} and taken_new == {0, 2}


def test_leftovers_pair_only_between_the_same_neighbours() -> None:
    # old: A x B y ; new: A B z w  → x has no partner (nothing new between A and B), y ↔ z
    assert pair_in_gaps(4, 4, [(0, 0), (2, 1)]) == [(3, 2)]
    assert pair_in_gaps(4, 4, [(0, 0), (2, 1)], accept=lambda old, new: new == 3) == [(3, 3)]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("2026年政务服务办运行经费", "政务服务办运行经费"),
        ("2025年度政务服务办运行经费", "政务服务办运行经费"),
        ("政务服务办运行经费（2025-2027年）", "政务服务办运行经费（）"),
        ("政务 服务办运行经费", "政务服务办运行经费"),
        ("12026号工程", "12026号工程"),  # not a year
        ("２０２６年政务服务办运行经费", "政务服务办运行经费"),  # typed with a Chinese IME
        ("２０２５年度政务服务办运行经费", "政务服务办运行经费"),
    ],
)
def test_a_project_name_without_its_years(name: str, key: str) -> None:
    assert name_without_years(name) == key
