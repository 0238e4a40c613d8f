"""`python -m scoreboard.sim`: the same as `sportrix-sim`."""

import sys

from scoreboard.sim.cli import main

sys.exit(main())
