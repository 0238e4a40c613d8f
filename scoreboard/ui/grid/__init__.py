"""The grid of panels: its layout (density, columns, arrow moves) and the
connection notice shown in its place."""
