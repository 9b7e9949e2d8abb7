from hygiene_audit.cli import main

main()
