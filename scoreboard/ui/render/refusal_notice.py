"""What the refused-key screen says: pure text, no Textual."""

from __future__ import annotations

from rich.text import Text

from scoreboard.ui.render.styles import ERROR


def refusal_notice(*, title: str, key_env: str, config: str, detail: str, key_sent: bool) -> Text:
    """The refusal, its likely causes and how to fix them (never the key itself)."""
    text = Text()
    if key_sent:
        text.append(f"{title} refused the connection\n\n", style=ERROR)
        text.append(detail or "The server refused the API key.")
    else:  # nothing was sent, so nothing was refused
        text.append(f"No API key for {title}\n\n", style=ERROR)
        text.append(f"Nothing was sent: {detail or 'no key is configured.'}")
    text.append("\n\nHow to fix it\n", style="bold")
    text.append(
        f"  • export {key_env}=<your key>, or put api_key in {config} "
        "(readable only by you: chmod 600)\n"
        "  • check the key is enabled, not expired, and has the live_scores_statistics "
        "scope\n"
        "  • no key yet? try the built-in demo feed: sportrix-tui --demo\n\n"
    )
    text.append("Press q to quit.", style="bold")
    return text
