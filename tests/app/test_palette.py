"""The command palette (ctrl+p) through the real app and simulator: each entry does
what its key does, is there only when its key acts, and reads right in ASCII."""

from __future__ import annotations

from collections.abc import Callable

from helpers.app import all_live, card, screen_text, screen_until, time_app, until
from textual.app import App
from textual.command import CommandList, CommandPalette

from scoreboard.sim.runner import SimulatorThread
from scoreboard.ui.screens.missed import MissedScreen


async def _open(pilot, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Open the palette, type `text`; the entries it lists (name and help), best first."""
    await pilot.press("ctrl+p")
    await pilot.press(*text)
    await screen_until(pilot, lambda: any(text in hit for hit in _listed(pilot.app)), 10)
    return _listed(pilot.app)


def _listed(app: App[object]) -> list[str]:
    """The palette's entries as shown (name and help), best first."""
    if not CommandPalette.is_open(app):
        return []
    hits = app.screen.query_one(CommandList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def _run(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Run the palette entry named `text` (the best hit for it, as a user would)."""
    hits = await _open(pilot, text)
    assert hits[0].startswith(text), hits
    await pilot.press("enter")
    if CommandPalette.is_open(pilot.app):  # several hits: the first enter highlights
        await pilot.press("enter")
    await screen_until(pilot, lambda: not CommandPalette.is_open(pilot.app), 5)


async def test_palette_hides_delays_sizes_and_shows_what_you_missed(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = time_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        panel = card(app, 41282)
        panel.focus()
        await _run(pilot, "Hide score")
        assert panel.hidden
        await _run(pilot, "Hide all scores")
        await screen_until(pilot, lambda: not panel.hidden, 5)
        await _run(pilot, "Delay +15 s")
        assert panel.delay == 15 and "delayed 15 s" in str(panel.border_subtitle)
        await _run(pilot, "Delay -15 s")
        assert panel.delay == 0
        density = app.grid.density
        await _run(pilot, "Size")
        assert app.grid.density != density
        await _run(pilot, "What you missed")
        assert isinstance(app.screen, MissedScreen)


async def test_palette_entries_come_only_with_their_keys_and_say_remove_not_follow(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = time_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        card(app, 41282).focus()
        hits = await _open(pilot, "Remove match")
        remove = next(hit for hit in hits if hit.startswith("Remove match"))
        assert "off the screen" in remove and "Stop following" not in remove
        await pilot.press("escape")
        await screen_until(pilot, lambda: not CommandPalette.is_open(app), 5)
        # No panel focused: the panel entries go, as their keys do nothing.
        app.set_focus(None)
        hits = await _open(pilot, "Hide")
        assert any(hit.startswith("Hide all scores") for hit in hits), hits
        assert not any(hit.startswith("Hide score") for hit in hits), hits
        await pilot.press(*["backspace"] * 4, *"Remove")
        await screen_until(pilot, lambda: "Undo remove" in " ".join(_listed(app)), 10)
        assert not any(hit.startswith("Remove match") for hit in _listed(app))


async def test_ascii_palette_draws_no_emoji_search_icon(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = time_app(sim, "41282", ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(app, lambda: all_live(app))
        await _open(pilot, "Help")
        shown = screen_text(app)
        assert "Help" in shown
        assert "\N{RIGHT-POINTING MAGNIFYING GLASS}" not in shown
        assert "\N{LEFT-POINTING MAGNIFYING GLASS}" not in shown


async def test_palette_lists_none_of_the_apps_keys_over_a_modal_screen(
    sim_factory: Callable[..., SimulatorThread],
) -> None:
    sim = sim_factory(speed=0)
    app = time_app(sim, "41282")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(app, lambda: all_live(app))
        card(app, 41282).focus()
        for over_help in (False, True):
            if over_help:
                await pilot.press("question_mark")
            await pilot.press("ctrl+p")  # nothing typed: every entry
            await screen_until(pilot, lambda: any("Quit" in hit for hit in _listed(app)), 10)
            names = {hit.split("\n")[0].strip() for hit in _listed(app)}
            board_keys = {"Size", "Hide all scores", "Hide score", "Add match", "Live now"}
            assert (board_keys & names == set()) is over_help, names
            await pilot.press("escape")
            await screen_until(pilot, lambda: not CommandPalette.is_open(app), 5)


async def test_palette_changes_a_replays_speed_as_its_keys_do(
    sim_factory: Callable[..., SimulatorThread], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """ "Replay faster" and "Replay slower" do what `>` and `<` do, only in a replay."""
    from helpers.recordings import record_session, replay_app

    sim = sim_factory(speed=0)
    path = tmp_path / "match.jsonl"
    await record_session(sim, path, steps=2)
    app = replay_app(path, replay_speed=0.5)
    async with app.run_test(size=(120, 40)) as pilot:
        player = app.time.player
        assert player is not None
        await _run(pilot, "Replay faster")
        assert player.speed == 1.0
        await _run(pilot, "Replay slower")
        assert player.speed == 0.5
    live = time_app(sim, "41282")
    async with live.run_test(size=(120, 40)) as pilot:
        await until(live, lambda: all_live(live))
        await pilot.press("ctrl+p")
        await pilot.press(*"Replay")
        await pilot.pause()
        assert not any(hit.startswith("Replay") for hit in _listed(live))
