"""The benches' growth exponent: the slope of log(time) over log(size)."""

from __future__ import annotations

import pytest

from bench.common import Timing, exponent, growth


def test_linear_quadratic_and_constant_growth() -> None:
    sizes = [100, 1000, 5000]
    assert exponent(sizes, [0.1 * n for n in sizes]) == pytest.approx(1.0)
    assert exponent(sizes, [1e-6 * n * n for n in sizes]) == pytest.approx(2.0)
    assert exponent(sizes, [3.0, 3.0, 3.0]) == pytest.approx(0.0)


def test_an_exponent_needs_two_sizes_and_positive_times() -> None:
    with pytest.raises(ValueError):
        exponent([100], [1.0])
    with pytest.raises(ValueError):
        exponent([100, 200], [1.0, 0.0])


def test_growth_reads_the_median_of_each_size() -> None:
    runs = [[Timing(1.0, 0.5), Timing(9.0, 0.5), Timing(1.0, 0.5)], [Timing(2.0, 1.0)] * 3]
    line = growth("export", [100, 200], runs)
    assert line.startswith("export: exponent 1.00 wall, 1.00 CPU (100–200 tables")
