"""After a crash: offering a dead editor's unsaved work (working copies) to this window."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from goaleditor.ui.prompts import FORGET, RESTORE

if TYPE_CHECKING:
    from goaleditor.model.working_copy import Orphan
    from goaleditor.ui.session import DocumentSession


class RecoveryOffer:
    """Offers each dead editor's unsaved work once (its file or 未命名的新文档, when, how many
    tables), into one session. Modified work open there is never dropped without asking."""

    def __init__(self, session: DocumentSession) -> None:
        self.session = session
        # Working copies of dead editors offered already (shared by the windows of one editor).
        self.offered: set[Path] = set()

    def offer(self) -> bool:
        """Ask about each piece of work not offered yet; True when one was restored here: the
        rest (more_waiting) waits for another window."""
        from goaleditor.model.working_copy import claim, discard, find_orphans

        session = self.session
        for orphan in find_orphans(_working_folder()):
            if orphan.path in self.offered:
                continue
            held = claim(orphan)
            if held is None:
                continue  # another editor is offering it right now
            self.offered.add(orphan.path)
            try:
                name = orphan.source or "未命名的新文档"
                when = time.strftime("%Y-%m-%d %H:%M", time.localtime(orphan.modified))
                here = session.question_name() if session.is_modified() else ""
                answer = session.prompts.recovery(name, when, orphan.tables, here)
                if answer == RESTORE:
                    if session.maybe_save("恢复的工作将替换它。"):
                        held.release()
                        self._restore(orphan, name)
                        return True
                    return False  # 取消: the work stays, offered again at the next start
                if answer == FORGET:
                    held.release()
                    discard(orphan)
            finally:
                held.release()
        return False

    def more_waiting(self) -> bool:
        """Whether a dead editor left work not offered yet (a crash with several windows)."""
        from goaleditor.model.working_copy import find_orphans

        return any(o.path not in self.offered for o in find_orphans(_working_folder()))

    def _restore(self, orphan: Orphan, name: str) -> None:
        from goaleditor.model.working_copy import discard
        from goaleditor.model.working_copy import restore as restore_working_copy

        document = restore_working_copy(orphan)
        source = Path(orphan.source) if orphan.source else None
        # No lock: the file is locked again when the restored work is saved.
        self.session.replace(document, source, unsaved=True)
        discard(orphan)
        self.session.message.emit(f"已恢复：{name}（尚未保存）", 8000)


def _working_folder() -> Path:
    from goaleditor.ui.session import working_folder

    return working_folder()
