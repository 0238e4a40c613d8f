"""What the refused-key screen says: pure text, no Textual."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from scoreboard.ui.render.styles import ERROR


def refusal_notice(*, title: str, key_env: str, config: str, detail: str, key_sent: bool) -> Group:
    """The refusal, its likely causes and how to fix them (never the key itself)."""
    text = Text()
    if key_sent:
        text.append(f"{title} refused the connection\n\n", style=ERROR)
        text.append(detail or "The server refused the API key.")
    else:  # nothing was sent, so nothing was refused
        text.append(f"No API key for {title}\n\n", style=ERROR)
        text.append(f"Nothing was sent: {detail or 'no key is configured.'}")
    text.append("\n\nHow to fix it", style="bold")
    return Group(
        text,
        _bullets(
            f"export {key_env}=<your key>, or put api_key in {config} "
            "(readable only by you: chmod 600)",
            "check the key is enabled, not expired, and has the live_scores_statistics scope",
            "no key yet? try the built-in demo feed: sportrix-tui --demo",
        ),
        Text(""),
        Text("Press q to quit.", style="bold"),
    )


def _bullets(*items: str) -> Table:
    """`  • text`, a wrapped item's further lines under its text, not under the bullet."""
    table = Table.grid()
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for item in items:
        table.add_row("  • ", Text(item))
    return table
