from hygiene_audit.launch import main

main()
