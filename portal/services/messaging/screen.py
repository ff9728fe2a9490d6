"""What a dossier's page shows of its instruction tools, for whoever opens it: the thread (the
messages the reader had not read marked « Nouveau », then read), and for the staff the private
notes and who follows it (its flag gone once its follower opens it)."""
from dataclasses import dataclass, field

from portal.services.messaging import follow, notes, thread


@dataclass
class Panel:
    dossier: object
    staff: bool
    messages: list
    notes: list = field(default_factory=list)
    follow: object = None  # DossierFollow (its follower joined) or None
    flagged: bool = False  # changed by the operator since its follower last looked

    @property
    def follower(self):
        return self.follow.follower if self.follow and self.follow.follower_id else None

    def followed_by(self, account) -> bool:
        return bool(self.follow and self.follow.follower_id == account.id)


def panel(dossier, reader) -> Panel:
    """Read for `reader` (a member of the staff or the dossier's operator, as the view checked);
    the other side's messages are read from now, and the follower's flag goes."""
    shown = Panel(dossier, reader.is_staff, thread.messages(dossier))
    if any(m.read_at is None and m.from_staff != reader.is_staff for m in shown.messages):
        thread.mark_read(dossier, reader)
    if reader.is_staff:
        shown.notes = notes.of(dossier)
        shown.follow = follow.state(dossier)
        shown.flagged = bool(shown.follow and shown.follow.flagged_at
                             and shown.follow.follower_id == reader.id)
        if shown.flagged:
            follow.seen(dossier, reader)
    return shown
