"""Team codes unique on one screen (`core.names.TeamCodes`, issue 22 item 15)."""

from __future__ import annotations

from scoreboard.core.names import TeamCodes


def test_a_team_alone_keeps_its_usual_code() -> None:
    codes = TeamCodes()
    assert codes.add(["Arsenal", "Chelsea", "Manchester United"]) == set()
    assert [codes.code(n) for n in ("Arsenal", "Chelsea", "Manchester United")] == [
        "ARS",
        "CHE",
        "MAN",
    ]


def test_two_clubs_of_one_city_are_told_apart_and_the_first_says_so_once() -> None:
    codes = TeamCodes()
    codes.add(["Manchester United"])
    assert codes.add(["Manchester City"]) == {"Manchester United"}
    assert (codes.code("Manchester United"), codes.code("Manchester City")) == ("MUN", "MCI")
    # Both stay put however matches come and go.
    assert codes.add(["Manchester United", "Manchester City", "Arsenal"]) == set()
    assert (codes.code("Manchester United"), codes.code("Manchester City")) == ("MUN", "MCI")


def test_a_newcomer_takes_another_code_and_the_holder_keeps_its_own() -> None:
    codes = TeamCodes()
    codes.add(["Newcastle United", "Arsenal", "Barcelona"])
    assert codes.add(["New Zealand", "Arsenal Tula", "Barnsley"]) == set()
    shown = [codes.code(n) for n in ("Newcastle United", "New Zealand", "Arsenal")]
    assert shown == ["NEW", "NZE", "ARS"]
    assert (codes.code("Arsenal Tula"), codes.code("Barcelona"), codes.code("Barnsley")) == (
        "ATU",
        "BAR",
        "BRN",
    )


def test_every_code_is_unique_even_for_names_that_read_alike() -> None:
    codes = TeamCodes()
    names = ["Arsenal", "ARSENAL", "Arsenal!", "Ars Enal", "Arsenal FC", "Real Madrid", "Madrid"]
    codes.add(names)
    shown = [codes.code(n) for n in names]
    assert len(set(shown)) == len(shown), shown


def test_a_team_not_on_the_screen_gets_the_pairwise_code_and_the_oldest_go_past_the_limit() -> None:
    codes = TeamCodes(limit=2)
    assert codes.code("Manchester City", "Manchester United") == "MCI"
    codes.add(["Arsenal", "Chelsea", "Everton"])
    assert list(codes.known) == ["Chelsea", "Everton"]
