"""Charts drawn as text: soccer momentum, xG race and timeline; cricket worm, Manhattan,
chase, fall of wickets and partnerships; the basketball lead tracker (see docs/charts.md)."""
