"""Removing a file of ours, tried again: a network drive may refuse once."""

from __future__ import annotations

import os
from pathlib import Path


def remove_ours(path: Path) -> None:
    """Remove a file we made if it is there; a file that will not go is left."""
    for _ in range(3):
        try:
            os.unlink(path)
            return
        except FileNotFoundError:
            if not os.path.lexists(path):
                return
        except OSError:
            continue
