from scoreboard.bench.cli import main

raise SystemExit(main())
