"""The Annuaire Santé extraction: two shapes of CSV (one line per mailbox, or counted), each
replacing the previous one; a wrong line refuses the file and says which."""
import io

import pytest

from portal.services.reference import annuaire, csv_import as reference_import
from portal.services.funding.amounts import Mailboxes
from tests.helpers.enrolment import database

MEDIMAIL = "73282932000074"


def load(app, text: str) -> int:
    with database(app):
        return reference_import.import_csv("annuaire", io.BytesIO(text.encode("utf-8-sig")))


def test_one_line_per_mailbox_is_counted_by_operator_and_type(app):
    lines = ["adresse;type;siret"] + [f"app{i}@medimail.mssante.fr;Applicative;{MEDIMAIL}"
                                      for i in range(3)]
    lines += [f"secretariat@medimail.mssante.fr;ORG;{MEDIMAIL}",
              f"dr.martin@medimail.mssante.fr;nominative;{MEDIMAIL}"]
    assert load(app, "\n".join(lines)) == 3
    with database(app):
        assert annuaire.mailboxes(MEDIMAIL) == Mailboxes(3, 1, 1)
        assert annuaire.mailboxes("55208131766522") is None


def test_counted_lines_replace_the_previous_extraction(app):
    load(app, f"adresse,type,siret\na@x.fr,applicative,{MEDIMAIL}\n")
    load(app, f"siret,type,nombre\n{MEDIMAIL},organisationnelle,10\n{MEDIMAIL},personnelle,2 000\n")
    with database(app):
        assert annuaire.mailboxes(MEDIMAIL) == Mailboxes(0, 10, 2000)


@pytest.mark.parametrize("text, reason", [
    ("siret;type\n1;2\n", "Colonnes non reconnues"),
    (f"siret;type;nombre\n{MEDIMAIL};fax;3\n", "Ligne 2 : le type « fax »"),
    (f"siret;type;nombre\n{MEDIMAIL};applicative;-3\n", "Ligne 2 : la colonne « nombre » vaut « -3 »"),
    (f"adresse;type;siret\na@x.fr;app;{MEDIMAIL}\nA@x.fr;app;{MEDIMAIL}\n", "Ligne 3 : l'adresse"),
    ("adresse;type;siret\na@x.fr;app;123\n", "Ligne 2 : le SIRET « 123 »"),
])
def test_a_wrong_file_is_refused_whole(app, text, reason):
    load(app, f"siret;type;nombre\n{MEDIMAIL};applicative;7\n")
    with pytest.raises(reference_import.ImportRefused) as refused:
        load(app, text)
    assert str(refused.value).startswith(reason)
    with database(app):
        assert annuaire.mailboxes(MEDIMAIL) == Mailboxes(7, 0, 0)  # nothing written
