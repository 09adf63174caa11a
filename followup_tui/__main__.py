from followup_tui.cli import main

main()
