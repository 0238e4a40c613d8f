"""How the app looks: the theme and palette, colour arithmetic, the ASCII
decision and the line filters."""
