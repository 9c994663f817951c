from frontlijn.cli import main

main()
