"""Entry point for ``python -m goaleditor``."""

import multiprocessing
import sys

from goaleditor.cli import main

if __name__ == "__main__":
    # A frozen build starts its reading workers as itself: they must not run the program.
    multiprocessing.freeze_support()
    sys.exit(main())
