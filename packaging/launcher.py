"""Entry point of the frozen (PyInstaller) build: the same command line as `goaleditor`."""

import multiprocessing
import sys

from goaleditor.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a reading worker starts as this program too
    sys.exit(main())
