"""`Placement`: where each card of the grid sits, from the cards' heights alone
(the virtual grid's layout, issue 26). Checked against Textual's own grid layout
of the real panels in tests/app/test_placement_as_textual.py."""

from __future__ import annotations

from scoreboard.ui.grid.placement import Placement, column_spans


def test_columns_share_the_width_with_a_gutter_between_them() -> None:
    assert column_spans(200, 3, 1) == [(0, 66), (67, 66), (134, 66)]
    assert column_spans(100, 3, 1) == [(0, 32), (33, 33), (67, 33)]  # each edge floored
    assert column_spans(80, 1, 1) == [(0, 80)]
    spans = column_spans(101, 4, 2)
    assert spans[0][0] == 0 and sum(width for _, width in spans) + 2 * 3 == 101


def test_a_row_is_as_high_as_its_highest_card() -> None:
    grid = Placement([5, 9, 4, 3, 3], width=100, columns=3)
    assert grid.rows == 2 and grid.height == 9 + 3
    assert grid.region(1) == (33, 0, 33, 9)
    assert grid.region(3) == (0, 9, 32, 3)


def test_the_card_under_a_point_is_none_in_a_gutter_or_under_a_short_card() -> None:
    grid = Placement([5, 9, 4, 3], width=100, columns=3)
    assert grid.at(0, 0) == 0 and grid.at(40, 8) == 1 and grid.at(5, 10) == 3
    assert grid.at(32, 0) is None  # the gutter between the first two columns
    assert grid.at(0, 6) is None  # under the first card, beside the second's tail
    assert grid.at(40, 12) is None  # below the grid
    assert grid.at(70, 10) is None  # no third card in the last row


def test_only_the_rows_in_the_window_are_visited() -> None:
    grid = Placement([3] * 30_000, width=200, columns=3)
    assert grid.height == 30_000
    assert grid.rows_between(15_000, 15_050) == range(5_000, 5_017)
    assert grid.rows_between(-5, 2) == range(0, 1)
    assert grid.rows_between(29_999, 40_000) == range(9_999, 10_000)
    assert grid.rows_between(10, 10) == range(0)


def test_a_height_change_moves_only_the_rows_below() -> None:
    grid = Placement([5, 3, 4, 4], width=60, columns=2)
    assert not grid.with_height(1, 4)  # still lower than its neighbour: nothing moves
    assert grid.region(2)[1] == 5
    assert grid.with_height(1, 8)
    assert grid.region(2)[1] == 8 and grid.height == 12
    assert grid.with_height(1, 2) and grid.height == 9
