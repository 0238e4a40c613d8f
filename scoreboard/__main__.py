from scoreboard.launch import main

raise SystemExit(main())
