from conceptgen.cli import main

main()
