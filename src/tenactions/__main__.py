from tenactions.cli import main

main()
