"""Entry point of the frozen (PyInstaller) build: the same command line as `goaleditor`."""

import sys

from goaleditor.cli import main

if __name__ == "__main__":
    sys.exit(main())
