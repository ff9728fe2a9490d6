"""Who follows a dossier (« Suivre ce dossier ») and what the operator changed since they looked:
one row per dossier (a unique index), written by upserts so that two managers taking the same
dossier at once leave one follower, the last. The queues read it with their rows (one LEFT JOIN,
no query per row), and filter on it (« Mes dossiers », « Non attribués »)."""
from flask import g
from peewee import JOIN, fn

from portal.models import Account
from portal.models.base import utcnow
from portal.models.messages import DossierFollow, DossierMessage
from portal.services.core.tables import CHOICE, Column

MINE, UNASSIGNED = "mes-dossiers", "non-attribues"
ASSIGNMENT_CHOICES = ((MINE, "Mes dossiers"), (UNASSIGNED, "Non attribués"))
Follower = Account.alias("follower")


def state(dossier) -> DossierFollow | None:
    """The dossier's follow-up row, with its follower (one query)."""
    return (DossierFollow.select(DossierFollow, Follower).join(Follower, JOIN.LEFT_OUTER,
                                                                  on=(DossierFollow.follower == Follower.id))
            .where(DossierFollow.dossier_kind == dossier.kind.code,
                   DossierFollow.dossier_id == dossier.id).first())


def _upsert(kind: str, dossier_id: int, **values) -> None:
    DossierFollow.insert(dossier_kind=kind, dossier_id=dossier_id, **values).on_conflict(
        conflict_target=[DossierFollow.dossier_kind, DossierFollow.dossier_id],
        update=values).execute()


def assign(dossier, follower, by) -> None:
    """`follower` (a manager) follows the dossier from now, at `by`'s hand (the same when one
    takes it): written in the dossier's history. What changed before is theirs to see."""
    _upsert(dossier.kind.code, dossier.id, follower=follower.id)
    dossier.log(by, f"Dossier suivi par {follower.full_name}." if follower.id == by.id else
                f"Dossier confié à {follower.full_name} par {by.full_name}.")


def flag(kind: str, dossier_id: int) -> None:
    """The operator changed the dossier (sent it again, wrote, added a piece): flagged for
    whoever follows it (or will) until they open it."""
    _upsert(kind, dossier_id, flagged_at=utcnow())


def seen(dossier, account) -> None:
    """Its follower opened the dossier: the flag goes."""
    (DossierFollow.update(flagged_at=None)
     .where(DossierFollow.dossier_kind == dossier.kind.code, DossierFollow.dossier_id == dossier.id,
            DossierFollow.follower == account.id, DossierFollow.flagged_at.is_null(False))
     .execute())


def managers():
    """The staff a dossier may be given to, by name."""
    from portal.models.roles import STAFF_ROLES
    return list(Account.select().where(Account.role.in_(STAFF_ROLES), Account.active == True)  # noqa: E712
                .order_by(Account.last_name, Account.first_name, Account.id))


def with_follow_up(query, kind: str, key):
    """The queue's rows (`key`: the dossier's id column) with, in the same query, who follows
    each (`row.follow.follower_account`, its names only: not `follower`, which would take the
    place of the follower's id), whether the operator changed it since (`row.follow.flagged_at`) and
    how many of the operator's messages no one at the ASP has read (`unread`)."""
    unread = (DossierMessage.select(DossierMessage.dossier_id, fn.COUNT(DossierMessage.id).alias("n"))
              .where(DossierMessage.dossier_kind == kind, DossierMessage.from_staff == False,  # noqa: E712
                     DossierMessage.read_at.is_null())
              .group_by(DossierMessage.dossier_id).alias("unread_messages"))
    return (query.join_from(key.model, DossierFollow, JOIN.LEFT_OUTER, on=(
                (DossierFollow.dossier_kind == kind) & (DossierFollow.dossier_id == key)), attr="follow")
            .join_from(DossierFollow, Follower, JOIN.LEFT_OUTER,
                       on=(DossierFollow.follower == Follower.id), attr="follower_account")
            .join_from(key.model, unread, JOIN.LEFT_OUTER, on=(unread.c.dossier_id == key))
            .select_extend(DossierFollow.follower, DossierFollow.flagged_at, Follower.first_name,
                           Follower.last_name, fn.COALESCE(unread.c.n, 0).alias("unread")))


def _assigned(value: str):
    """The filter « Suivi »: the signed-in manager's dossiers, or those no one follows."""
    if value == MINE:
        account = g.get("account")
        return DossierFollow.follower == (account.id if account else None)
    return DossierFollow.follower.is_null()


def assignment_column() -> Column:
    """The queues' column « Suivi » (who follows the dossier, its unread messages, its flag) and
    its filter."""
    return Column("suivi", "Suivi", filter=CHOICE, choices=ASSIGNMENT_CHOICES,
                  all_label="Tous les dossiers", where=_assigned, sortable=False)
