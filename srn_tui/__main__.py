from srn_tui.cli import main

raise SystemExit(main())
