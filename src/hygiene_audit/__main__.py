from hygiene_audit.cli.launch import main

main()
