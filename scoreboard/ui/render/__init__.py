"""Pure text layout per sport: snapshot in, Rich `Text` lines out."""
