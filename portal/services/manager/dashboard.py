"""« Tableau de bord » of the back-office (/gestion/tableau-de-bord): four charts, each with its
table, filtered by period and corridor.

The filters are a table of the core component (services/core/tables.py: the same fields, checks
and French messages as every queue): « Du » / « Au » on the filing date of the requests (on the
date of the mail for the outbox) and « Couloir » (the MSS operators' form channel counts as one).
The figures are aggregated by the database (GROUP BY, window functions for the p90): six
queries whatever the number of requests — the corridors, the statuses by month, the delays per
step, the amounts per corridor and their envelopes, the failing mails by day."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from peewee import SQL, Case, fn

from portal import formatting
from portal.extensions import db
from portal.models import BudgetEnvelope, FundingCall, FundingRequest, OutboxMessage
from portal.models.funding import DECIDED, INCOMPLETE, LISTED_STATUS_LABELS, PAID, STATUS_LABELS
from portal.models.imports import Corridor
from portal.models.mail import FAILED, PENDING
from portal.services.core import paris_sql, tables
from portal.services.core.tables import CHOICE, SINCE, UNTIL, Column, Table
from portal.services.manager import charts

MSS = "mss"  # the « Couloir » of the requests filed by form (no corridor row)
MSS_LABEL = "MSS Opérateurs (formulaire)"
PERIOD_HINT = "Date de dépôt des demandes, au format JJ/MM/AAAA."
MONTHS_AT_MOST_BY_DAY = 31  # more days than this with failing mails: counted by month
MAIL_SERIES = {"failed": "En échec d'envoi", "retrying": "En nouvel essai"}
AMOUNT_SERIES = {"requested": "Demandé", "decided": "Décidé", "paid": "Payé"}
ENVELOPE_SERIES = {"envelope": "Enveloppe budgétaire (TTC)"}
DELAY_SERIES = {"average": "Délai moyen", "p90": "90e centile"}


def _corridor_condition(corridors: dict):
    def where(value):
        if value == MSS:
            return FundingRequest.corridor.is_null()
        return FundingRequest.corridor == corridors[value][0]
    return where


def table(corridors: dict) -> Table:
    """The filters: `corridors` is code → (id, label), as `corridor_choices` reads them."""
    return Table(
        name="tableau",
        columns=(
            Column("du", "Du (facultatif)", FundingRequest.created_at, filter=SINCE,
                   hint=PERIOD_HINT, shown=False, sortable=False),
            Column("au", "Au (facultatif)", FundingRequest.created_at, filter=UNTIL, since="du",
                   hint=PERIOD_HINT, shown=False, sortable=False),
            Column("couloir", "Couloir", FundingRequest.corridor, filter=CHOICE,
                   all_label="Tous les couloirs", where=_corridor_condition(corridors),
                   choices=((MSS, MSS_LABEL),
                            *((code, label) for code, (_, label) in corridors.items()))),
            Column("id", "", FundingRequest.id, filter=None, shown=False),
        ),
        default_sort="id",
        id_prefix="tableau-",
    )


MAIL_TABLE = Table(name="courriels", default_sort="id", columns=(
    Column("du", "", OutboxMessage.created_at, filter=SINCE),
    Column("au", "", OutboxMessage.created_at, filter=UNTIL, since="du"),
    Column("id", "", OutboxMessage.id, filter=None)))


def corridor_choices() -> dict:
    """code → (id, label) of every corridor: one query of a few rows."""
    return {code: (id_, f"{code} — {label}") for id_, code, label in Corridor.select(
        Corridor.id, Corridor.code, Corridor.label).order_by(Corridor.code).tuples()}


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{number}/{year}"


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


@dataclass
class Screen:
    view: tables.View
    statuses: charts.Chart
    delays: charts.Chart
    amounts: charts.Chart
    mails: charts.Chart
    tables: dict  # chart key → (headers, rows) of its table alternative
    summary: str  # what the charts show, as the status line says it


def _statuses(requests) -> tuple[charts.Chart, tuple]:
    month = paris_sql.text_of(FundingRequest.created_at, "month")
    counts = {(m, status): n for m, status, n in requests.select(
        month, FundingRequest.status, fn.COUNT(SQL("*"))).group_by(
        month, FundingRequest.status).order_by(month).tuples()}
    months = {m: _month_label(m) for m in sorted({m for m, _ in counts})}
    series = {s: label for s, label in LISTED_STATUS_LABELS.items()
              if any(status == s for _, status in counts)}
    chart = charts.columns("statuts", "Dossiers par statut et par mois de dépôt",
                           "Nombre de demandes de financement déposées chaque mois, par statut "
                           "actuel.", months, series, counts, formatting.count)
    rows = [[label, *(formatting.count(counts.get((m, s), 0)) for s in series),
             formatting.count(sum(counts.get((m, s), 0) for s in series))]
            for m, label in months.items()]
    return chart, (["Mois de dépôt", *series.values(), "Total"], rows)


DELAYS_SQL = """
WITH moves AS (
  SELECT e.from_status AS step, {seconds} AS delay
  FROM funding_event e WHERE e.request_id IN ({requests})
), ranked AS (
  SELECT step, delay, ROW_NUMBER() OVER (PARTITION BY step ORDER BY delay) AS rank,
         COUNT(*) OVER (PARTITION BY step) AS total
  FROM moves WHERE step IS NOT NULL AND delay IS NOT NULL
)
SELECT step, COUNT(*), AVG(delay), MAX(CASE WHEN rank * 10 <= total * 9 + 9 THEN delay END)
FROM ranked GROUP BY step"""
PREVIOUS = "LAG(e.created_at) OVER (PARTITION BY e.request_id ORDER BY e.id)"
SECONDS = {True: f"EXTRACT(EPOCH FROM e.created_at - {PREVIOUS})",
           False: f"(julianday(e.created_at) - julianday({PREVIOUS})) * 86400.0"}


def days(seconds) -> str:
    """A delay as the page says it: « 3,5 jours »."""
    number = float(seconds or 0) / 86400
    return f"{number:.1f}".replace(".", ",") + (" jour" if number < 2 else " jours")


def _delays(requests) -> tuple[charts.Chart, tuple]:
    """Each step is a status a request left: the time from its arrival there to the move out
    (from the history table, funding_event); the average and the p90 (nearest rank)."""
    sql, params = requests.select(FundingRequest.id).order_by().sql()
    found = {step: (count, float(average), float(p90)) for step, count, average, p90 in
             db.database.execute_sql(DELAYS_SQL.format(seconds=SECONDS[paris_sql.postgres()],
                                                       requests=sql), params)}
    steps = {s: STATUS_LABELS[s] for s in STATUS_LABELS if s in found and s != INCOMPLETE}
    values = {}
    for step in steps:
        values[(step, "average")], values[(step, "p90")] = found[step][1:]
    chart = charts.rows("delais", "Délai d'instruction par étape",
                        "Temps passé par les demandes dans chaque statut avant d'en sortir : "
                        "moyenne et 90e centile, en jours.", steps, DELAY_SERIES, values, days)
    rows = [[label, formatting.count(found[s][0]), days(found[s][1]), days(found[s][2])]
            for s, label in steps.items()]
    return chart, (["Étape (statut quitté)", "Passages", "Délai moyen", "90e centile"], rows)


def envelopes() -> dict:
    """The budget envelope (€ TTC) of each corridor, or of the MSS form channel (key MSS), of the
    first funding call (the current one, services/funding/tariff.py): one query."""
    first_call = FundingCall.select(fn.MIN(FundingCall.id))
    found = BudgetEnvelope.select(BudgetEnvelope.corridor, BudgetEnvelope.amount).where(
        BudgetEnvelope.call == first_call).tuples()
    return {MSS if corridor_id is None else str(corridor_id): _money(amount)
            for corridor_id, amount in found}


def _amounts(requests, corridors: dict) -> tuple[charts.Chart, tuple]:
    decided = fn.SUM(Case(None, [(FundingRequest.status == DECIDED, FundingRequest.amount_ht)]))
    paid = fn.SUM(Case(None, [(FundingRequest.payment_state == PAID,
                               FundingRequest.paid_amount)]))
    names = {id_: label for id_, label in corridors.values()}
    values, categories = {}, {}
    for corridor_id, requested, decided_sum, paid_sum in requests.select(
            FundingRequest.corridor, fn.SUM(FundingRequest.declared_ht), decided, paid).group_by(
            FundingRequest.corridor).order_by().tuples():
        key = MSS if corridor_id is None else str(corridor_id)
        categories[key] = MSS_LABEL if corridor_id is None else names.get(corridor_id, "?")
        for serie, value in zip(AMOUNT_SERIES, (requested, decided_sum, paid_sum)):
            values[(key, serie)] = _money(value)
    budgets = envelopes()
    for key in categories:
        values[(key, "envelope")] = budgets.get(key)
    categories = dict(sorted(categories.items(), key=lambda item: (item[0] != MSS, item[1])))
    chart = charts.rows("montants", "Montants demandés, décidés et payés par couloir",
                        "Montants hors taxes des demandes de financement et enveloppe budgétaire "
                        "(TTC) de chaque couloir, en euros.",
                        categories, {**AMOUNT_SERIES, **ENVELOPE_SERIES}, values, formatting.euros)
    rows = [[label, *(formatting.euros(values[(key, s)]) for s in AMOUNT_SERIES),
             formatting.euros(budgets[key]) if key in budgets else "Non renseignée"]
            for key, label in categories.items()]
    return chart, (["Couloir", "Demandé HT", "Décidé HT", "Payé",
                    "Enveloppe budgétaire TTC"], rows)


def _mails(mails) -> tuple[charts.Chart, tuple]:
    day = paris_sql.text_of(OutboxMessage.created_at, "day")
    kind = Case(None, [(OutboxMessage.status == FAILED, "failed")], "retrying")
    counts = {}
    found = mails.select(day, kind, fn.COUNT(SQL("*"))).where(
        (OutboxMessage.status == FAILED) |
        ((OutboxMessage.status == PENDING) & (OutboxMessage.attempts > 0))).group_by(
        day, kind).order_by().tuples()
    for when, what, count in found:
        counts[(when, what)] = count
    by_month = len({when for when, _ in counts}) > MONTHS_AT_MOST_BY_DAY
    if by_month:
        folded = {}
        for (when, what), count in counts.items():
            folded[(when[:7], what)] = folded.get((when[:7], what), 0) + count
        counts = folded
    labels = {when: (_month_label(when) if by_month else formatting.date(
        datetime.date.fromisoformat(when))) for when in sorted({when for when, _ in counts})}
    chart = charts.columns("courriels", "Courriels en échec",
                           "Courriels que le portail n'a pas pu envoyer, par "
                           f"{'mois' if by_month else 'jour'} d'écriture.",
                           labels, MAIL_SERIES, counts, formatting.count)
    rows = [[label, *(formatting.count(counts.get((when, s), 0)) for s in MAIL_SERIES)]
            for when, label in labels.items()]
    return chart, (["Mois" if by_month else "Jour", *MAIL_SERIES.values()], rows)


def screen(args) -> Screen:
    corridors = corridor_choices()
    view, requests = tables.prepare(table(corridors), FundingRequest.select().where(
        FundingRequest.status != INCOMPLETE), args)
    requests = requests.order_by()
    _, mails = tables.prepare(MAIL_TABLE, OutboxMessage.select(), args)
    parts = {"statuts": _statuses(requests), "delais": _delays(requests),
             "montants": _amounts(requests, corridors), "courriels": _mails(mails.order_by())}
    return Screen(view, *(chart for chart, _ in parts.values()),
                  tables={key: table_ for key, (_, table_) in parts.items()},
                  summary=_summary(view, corridors))


def _summary(view, corridors) -> str:
    """« Graphiques pour tous les couloirs, du 01/01/2026 au 31/03/2026. »"""
    chosen = view.values.get("couloir")
    corridor = MSS_LABEL if chosen == MSS else corridors.get(chosen, (None, ""))[1]
    days = {key: formatting.date(datetime.date.fromisoformat(view.values[key]))
            for key in ("du", "au") if view.values.get(key) and key not in view.errors}
    period = (f"du {days['du']} au {days['au']}" if len(days) == 2 else
              f"depuis le {days['du']}" if "du" in days else
              f"jusqu'au {days['au']}" if "au" in days else "toutes dates")
    return (f"Graphiques pour {f'le couloir « {corridor} »' if corridor else 'tous les couloirs'}"
            f", {period}.")
