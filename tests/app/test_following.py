"""Following teams: marks, matches that add themselves (live, or at kick-off), f and F."""

from __future__ import annotations

import time
from dataclasses import replace

from helpers.app import all_live, card, screen_until, settings_for, until, watch_events
from textual.widgets import OptionList

from scoreboard.core.catalog import start_moment
from scoreboard.core.events import MatchRef
from scoreboard.core.follows import FollowRule, parse_follow
from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.app import ScoreboardApp, make_app
from scoreboard.ui.screens.follow import FollowChoiceScreen, FollowsScreen

PROVIDERS = ("sportrix", "scorelytics")


def following_app(sim: SimulatorThread, *matches: str, follow: tuple[str, ...]) -> ScoreboardApp:
    rules = tuple(parse_follow(text, PROVIDERS) for text in follow)
    app = make_app(replace(settings_for(sim, *matches), follow=rules))
    watch_events(app)
    return app


async def test_a_followed_teams_scheduled_match_appears_by_itself_at_kick_off(
    sim_factory,
) -> None:
    """At 60x, Tottenham's match (180 simulated s away) kicks off 3 s after start."""
    sim = sim_factory(speed=60)
    app = following_app(sim, "41282", follow=("tottenham hotspur",))
    spurs = MatchRef("sportrix", 41310)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_until(pilot, lambda: app.fan.catalogs.find(spurs) is not None, 10)
        entry = app.fan.catalogs.find(spurs)
        assert entry is not None and entry.status == "scheduled"
        assert spurs not in app.cards  # not before kick-off
        kickoff = start_moment(entry.start_time)
        assert kickoff is not None
        await screen_until(pilot, lambda: spurs in app.cards, 15)
        appeared = time.time()
        panel = app.cards[spurs]
        await until(app, lambda: panel.snapshot is not None)
        assert panel.snapshot is not None and panel.snapshot.status == "live"
        # At kick-off: start_time is in whole seconds and we look 1.5 s after it.
        assert kickoff - 1.0 <= appeared <= kickoff + 6.0
        assert panel.followed and "★" in str(panel.border_title)
        assert app.focused_card is card(app, 41282)  # it did not take the focus


async def test_a_followed_live_match_is_added_and_marked(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = following_app(sim, "41282", follow=("LIVERPOOL", "competition:ipl", "Nowhere Rovers"))
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_until(pilot, lambda: MatchRef("sportrix", 41283) in app.cards, 10)
        await screen_until(pilot, lambda: MatchRef("sportrix", 41300) in app.cards, 10)
        for match_id in (41283, 41300, 41301):  # Liverpool; both live IPL matches
            panel = card(app, match_id)
            await until(app, lambda p=panel: p.snapshot is not None)
            assert panel.followed
        assert not card(app, 41282).followed
        assert MatchRef("sportrix", 41321) not in app.cards  # finished: not added
        # The entry that matches nothing is said, once.
        await screen_until(pilot, lambda: bool(app.fan.following._reported), 10)
        assert app.fan.following._reported == {("team", "nowhere rovers")}


async def test_f_follows_a_team_and_F_unfollows_it(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = following_app(sim, "41282", "41283", follow=())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        card(app, 41282).focus()
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, FollowChoiceScreen)
        await pilot.press("down", "enter")  # the away team: Chelsea
        assert app.fan.following.rules == [FollowRule("team", "Chelsea")]
        assert card(app, 41282).followed and not card(app, 41283).followed
        assert "★" in str(card(app, 41282).border_title)

        await pilot.press("F")
        listing = app.screen
        assert isinstance(listing, FollowsScreen)
        assert listing.query_one(OptionList).option_count == 1
        await pilot.press("d")
        assert app.fan.following.rules == []
        await pilot.press("escape")
        assert not card(app, 41282).followed


async def test_removing_a_panel_can_be_undone_in_place(sim_factory) -> None:
    sim = sim_factory(speed=0)
    app = following_app(sim, "41282", "41300", "41285", follow=())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        card(app, 41300).focus()
        await pilot.press("d")
        assert [r.id for r in app.shown_refs()] == [41282, 41285]
        await pilot.press("u")
        assert [r.id for r in app.shown_refs()] == [41282, 41300, 41285]
        await until(app, lambda: card(app, 41300).snapshot is not None)
