"""Entry point for ``python -m goaleditor``."""

import sys

from goaleditor.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A frozen build starts its reading workers as itself: they must not run the program.
        # Elsewhere freeze_support does nothing, and multiprocessing costs the start ~30 ms.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
