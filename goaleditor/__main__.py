"""Entry point for ``python -m goaleditor``."""

import sys

from goaleditor.cli import main

sys.exit(main())
