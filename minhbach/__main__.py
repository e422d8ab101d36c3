from minhbach.cli import main

main()
