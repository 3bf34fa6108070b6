"""``python -m rumah`` runs the same command line as the ``rumah`` script."""

from cli import main

if __name__ == "__main__":
    main()
