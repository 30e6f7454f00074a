"""After a crash: offering a dead editor's unsaved work (working copies) to this window."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from goaleditor.ui.prompts import ALL_LATER, FORGET, RESTORE

if TYPE_CHECKING:
    from goaleditor.model.working_copy import Claim, Orphan
    from goaleditor.ui.session import DocumentSession


@dataclass
class RecoveryRound:
    """What one editor has offered since it started (shared by the windows it opens for the
    work restored): the working copies offered, and the series the clerk agreed to look at."""

    offered: set[Path] = field(default_factory=set)
    series: int = 0  # how many pieces of work the clerk chose to look at one by one
    asked: int = 0  # how many of them were asked about so far


class RecoveryOffer:
    """Offers each dead editor's unsaved work once (its file or 未命名的新文档, when, how many
    tables), into one session. Modified work open there is never dropped without asking.

    Several pieces of work are first announced together (还有N份未保存的工作): the clerk
    looks at them one by one or leaves them all for later, so no question comes right after
    another unannounced, to be answered by a click meant for the window.
    """

    def __init__(self, session: DocumentSession) -> None:
        self.session = session
        self.round = RecoveryRound()

    @property
    def offered(self) -> set[Path]:
        """The working copies offered already in this round."""
        return self.round.offered

    def offer(self) -> bool:
        """Ask about the work not offered yet; True when a piece was restored here: the rest
        (more_waiting) waits for another window."""
        from goaleditor.model.working_copy import claim, find_orphans

        claims: list[tuple[Orphan, Claim]] = []
        try:
            for orphan in find_orphans(_working_folder()):
                if orphan.path in self.offered:
                    continue
                held = claim(orphan)
                if held is not None:  # else another editor is offering it right now
                    claims.append((orphan, held))
            chosen = self.round.series
            if len(claims) > 1 and not chosen and not self._look_one_by_one(claims):
                self.offered.update(orphan.path for orphan, _ in claims)
                return False
            if chosen:  # a piece freed by another editor since joins the series
                self.round.series = max(chosen, self.round.asked + len(claims))
            for orphan, held in claims:
                self.offered.add(orphan.path)
                restored = self._offer_one(orphan, held)
                if restored is not None:
                    return restored
            return False
        finally:
            for _, held in claims:
                held.release()

    def _look_one_by_one(self, claims: list[tuple[Orphan, Claim]]) -> bool:
        """Announce several pieces of work at once; True when the clerk looks at each now."""
        # The file's name only: a long folder would wrap each line of the list in two.
        pieces = [(Path(o.source).name or "未命名的新文档", o.tables) for o, _ in claims]
        if self.session.prompts.recovery_waiting(pieces) == ALL_LATER:
            return False
        self.round.series = len(claims)
        return True

    def _offer_one(self, orphan: Orphan, held: Claim) -> bool | None:
        """Ask about one piece of work: True when restored here, False when the clerk cancels
        (the rest waits for the next start), None to go on with the next."""
        from goaleditor.model.working_copy import discard

        session = self.session
        name = orphan.source or "未命名的新文档"
        here = session.question_name() if session.is_modified() else ""
        place = ""
        if self.round.series:
            self.round.asked += 1
            place = f"第{self.round.asked}份（共{self.round.series}份）："
        answer = session.prompts.recovery(name, _when(orphan), orphan.tables, here, place)
        if answer == RESTORE:
            if not session.maybe_save("恢复的工作将替换它。"):
                return False  # 取消: the work stays, offered again at the next start
            held.release()
            self._restore(orphan, name)
            return True
        if answer == FORGET:
            held.release()
            discard(orphan)
        return None

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


def _when(orphan: Orphan) -> str:
    """When the piece of work was last edited, as the questions say it."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(orphan.modified))


def _working_folder() -> Path:
    from goaleditor.ui.session import working_folder

    return working_folder()
