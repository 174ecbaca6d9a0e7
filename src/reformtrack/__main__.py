"""``python -m reformtrack`` is the ``reformtrack`` command."""

from reformtrack.cli import main

if __name__ == "__main__":
    main()
