"""Migration 0020 on a database where requests sent twice left several pending rows for one
account: the oldest stays pending, the others are refused by the portal with a history row that
says why, and the new guard holds from then on."""
import importlib

import pytest
from peewee import IntegrityError, SqliteDatabase

from portal import migrations
from portal.models import BankDetail, BankDetailEvent, PersonChange


def test_pending_doubles_left_before_0020_are_refused_but_the_oldest(tmp_path):
    database = SqliteDatabase(str(tmp_path / "old.sqlite3"))  # rows alone: no foreign keys
    for name in [n for n in migrations.available() if n < "0020"]:
        importlib.import_module(f"portal.migrations.{name}").apply(database)
    for account in (1, 1, 1, 2):
        database.execute_sql("INSERT INTO bank_detail (account_id, iban, bic, holder, bank_name, "
                             "status, created_at) VALUES (?, 'FR76', 'CMCIFR2A', 'M', '', "
                             "'pending', '2026-01-01')", (account,))
    database.execute_sql("INSERT INTO person_change (account_id, rep_last_name, rep_first_name, "
                         "rep_email, rep_phone, filer_last_name, filer_first_name, filer_email, "
                         "filer_phone, changes, status, created_at) VALUES (1, 'M', 'C', 'a@b.fr', "
                         "'01', '', '', '', '', '', 'pending', '2026-01-01')")

    importlib.import_module("portal.migrations.0020_one_row_guards").apply(database)

    with database.bind_ctx([BankDetail, BankDetailEvent, PersonChange]):
        # The columns 0020 knew (later migrations add others).
        statuses = [(d.account_id, d.status) for d in BankDetail.select(
            BankDetail.account, BankDetail.status).order_by(BankDetail.id)]
        assert statuses == [(1, "pending"), (1, "refused"), (1, "refused"), (2, "pending")]
        events = list(BankDetailEvent.select().order_by(BankDetailEvent.id))
        assert [(e.bank_detail_id, e.to_status, e.actor) for e in events] == [
            (2, "refused", "Décision automatique"), (3, "refused", "Décision automatique")]
        assert "en double" in events[0].comment
        assert PersonChange.select(PersonChange.status).get().status == "pending"
        with pytest.raises(IntegrityError):
            database.execute_sql("INSERT INTO bank_detail (account_id, iban, bic, holder, "
                                 "bank_name, status, created_at) VALUES (2, 'FR76', 'X', 'M', '', "
                                 "'pending', '2026-01-02')")
