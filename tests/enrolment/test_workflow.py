"""The enrolment workflow: every allowed move, the refused ones, the audit rows, the holder's account
(created once, then reused) and the mails as the SMTP server receives them."""
import pytest

from portal.services.core.errors import Refused
from portal.models import Account, DocumentRequest, EnrolmentEvent, OutboxMessage, SingleUseLink
from portal.models.accounts import MANAGER, OPERATOR
from portal.models.enrolment import (AWAITING_DOCUMENTS, CERTIFICATES_TO_CHECK, IN_PROGRESS,
                                     PARTIAL, REJECTED, STATUS_LABELS, VALIDATED)
from portal.services.enrolment import deposit, workflow as wf
from portal.services.core import links
from tests.helpers.accounts import make_account
from tests.helpers.instruction import (ANTICIPATED_DPI, ANTICIPATED_MSS, file_enrolment, in_request,
                                       link_in, load, move, upload_file)

HOLDER = "claire.martin@medimail.fr"
ACTOR = "Alice Dupont (Gestionnaire ASP)"


@pytest.fixture
def manager(app, demo):
    return make_account(app, MANAGER, email="alice.dupont@asp.example.fr", last_name="Dupont",
                        first_name="Alice")


@pytest.fixture
def number(app, demo):
    return file_enrolment(app)


def events(app, number):
    with in_request(app):
        return [(e.from_status, e.to_status, e.actor, e.comment)
                for e in load(number).events.order_by(EnrolmentEvent.id)]


def mails(mailbox, number):
    """(subject, text) of the mails about this enrolment, the acknowledgement of filing left out."""
    return [(m["Subject"], mailbox.text(m).replace("\r\n", "\n")) for m in mailbox.to(HOLDER)
            if number in m["Subject"] and "Accusé de réception" not in m["Subject"]]


def anticipated(app, number=ANTICIPATED_MSS):
    return file_enrolment(app, number, buyer=True)


def deposit_documents(app, mail_text, files):
    """What the operator does with the link of the mail: upload, then « Terminer mon dépôt »."""
    token = link_in(mail_text, "/depot/").rsplit("/", 1)[1]
    with in_request(app):
        found = deposit.find(token)
        for kind, file in files.items():
            assert deposit.store(found, kind, file).kind == kind
        return deposit.finish(found)


def test_the_table_uses_the_seeds_statuses_only():
    for action, move_ in wf.MOVES.items():
        assert set(move_.sources) <= set(STATUS_LABELS), action
        assert move_.target in STATUS_LABELS or move_.target is wf.back, action
    assert STATUS_LABELS[PARTIAL] == "Validation partielle : en attente de certificat(s)"
    assert STATUS_LABELS[AWAITING_DOCUMENTS] == "En attente de pièce(s) jointe(s) complémentaire(s)"


def test_validate_creates_the_account_and_sends_three_mails(app, number, manager, mailbox):
    outcome = move(app, number, wf.VALIDATE, manager, "Dossier complet.")
    assert outcome.account_created
    with in_request(app):
        enrolment = load(number)
        assert enrolment.status == VALIDATED and enrolment.decided_at is not None
        account = Account.get(Account.email == HOLDER)
        assert enrolment.holder_id == account.id
        assert (account.role, account.first_name, account.last_name) == (OPERATOR, "Claire", "Martin")
        assert account.password_hash == ""  # set by its holder through the mailed link
    assert events(app, number)[-1] == (IN_PROGRESS, VALIDATED, ACTOR, "Dossier complet.")

    received = mails(mailbox, number)
    assert len(received) == 3
    (subject1, validation), (subject2, identifier), (subject3, password) = received
    assert subject1 == f"Validation de votre demande d'enrôlement n° {number}"
    assert "a été validée par les services de l'ASP" in validation
    assert "« Validée »" in validation
    assert "Vous allez recevoir deux autres courriels" in validation
    assert f"Votre identifiant : {account.uid}" in identifier
    assert "Configurez votre mot de passe" in subject3
    assert "/mot-de-passe/creation/" in password
    assert "expire dans 72 heures" in password
    token = link_in(password, "/mot-de-passe/creation/").rsplit("/", 1)[1]
    with in_request(app):
        link = links.find(links.SET_PASSWORD, token)
        assert link is not None and link.account_id == account.id


def test_a_second_enrolment_of_the_same_address_reuses_the_account(app, number, manager, mailbox):
    move(app, number, wf.VALIDATE, manager)
    second = file_enrolment(app, "MSS-2023-0002", buyer=True)
    mailbox.messages.clear()
    outcome = move(app, second, wf.VALIDATE, manager)
    assert not outcome.account_created
    with in_request(app):
        assert Account.select().where(Account.email == HOLDER).count() == 1
        assert load(second).holder_id == load(number).holder_id
        assert SingleUseLink.select().where(SingleUseLink.purpose == links.SET_PASSWORD).count() == 1
    received = mails(mailbox, second)
    assert len(received) == 1  # no new identifiant, no new password link
    text = received[0][1]
    assert "l'accès à cette demande est ouvert sur votre compte existant" in text
    assert "l'identifiant qui vous a déjà été attribué" in text
    assert outcome.account.uid not in text


def test_partial_validation_of_an_anticipated_enrolment_lists_the_certificate(app, manager, mailbox):
    number = anticipated(app)
    outcome = move(app, number, wf.VALIDATE_PARTIALLY, manager, "En attente du référencement ANS.")
    assert outcome.account_created
    with in_request(app):
        assert load(number).status == PARTIAL
    assert events(app, number)[-1][:3] == (IN_PROGRESS, PARTIAL, ACTOR)
    received = mails(mailbox, number)
    assert [s for s, _ in received][0] == (
        f"Validation partielle de votre demande d'enrôlement anticipé n° {number}")
    text = received[0][1]
    assert "« Validation partielle : en attente de certificat(s) »" in text
    assert "- Certificat de référencement" in text
    assert "hébergement" not in text  # not a DPI
    assert len(received) == 3  # and the identifiant, and the password link


def test_partial_validation_of_a_dpi_asks_for_the_hds_certificate_or_statement(app, manager, mailbox):
    number = anticipated(app, ANTICIPATED_DPI)
    move(app, number, wf.VALIDATE_PARTIALLY, manager)
    text = mails(mailbox, number)[0][1]
    assert "- Certificat de référencement" in text
    assert ("- Certificat d'hébergement des données de santé ou Attestation sur l'honneur de non "
            "hébergement des données de santé") in text


def test_partial_validation_is_refused_for_an_enrolment_not_anticipated(app, number, manager, mailbox):
    with pytest.raises(Refused) as refused:
        move(app, number, wf.VALIDATE_PARTIALLY, manager)
    assert "ne concerne que les enrôlements anticipés" in refused.value.errors["action"]
    with in_request(app):
        assert load(number).status == IN_PROGRESS
        assert wf.VALIDATE_PARTIALLY not in dict(wf.available(load(number)))


def test_request_documents_then_the_operator_supplies_them(app, number, manager, mailbox):
    move(app, number, wf.REQUEST_DOCUMENTS, manager, "Le RIB est illisible.\nMerci de le renvoyer.",
         kinds=["rib", "kbis"])
    with in_request(app):
        assert load(number).status == AWAITING_DOCUMENTS
        request = DocumentRequest.get()
        assert request.kinds == ["kbis", "rib"]  # in the order of the document types
        assert request.requested_by.email == "alice.dupont@asp.example.fr"
        assert request.answered_at is None
    assert events(app, number)[-1] == (
        IN_PROGRESS, AWAITING_DOCUMENTS, ACTOR,
        "Pièces demandées : KBIS, RIB.\nLe RIB est illisible.\nMerci de le renvoyer.")
    (subject, text), = mails(mailbox, number)
    assert subject == f"Pièces justificatives à compléter pour votre demande d'enrôlement n° {number}"
    assert "- KBIS\n- RIB" in text
    assert "Le RIB est illisible.\nMerci de le renvoyer." in text
    assert "« En attente de pièce(s) jointe(s) complémentaire(s) »" in text

    mailbox.messages.clear()
    outcome = deposit_documents(app, text, {"kbis": upload_file("document.pdf", "kbis.pdf"),
                                            "rib": upload_file("rib.jpg", "nouveau-rib.jpg")})
    assert outcome.record.status == IN_PROGRESS
    with in_request(app):
        assert DocumentRequest.get().answered_at is not None
        assert load(number).decided_at is not None  # the manager's request, not the deposit
    source, target, actor, comment = events(app, number)[-1]
    assert (source, target, actor) == (AWAITING_DOCUMENTS, IN_PROGRESS, "Claire Martin (Demandeur)")
    assert comment == "Pièces déposées : KBIS (kbis.pdf), RIB (nouveau-rib.jpg)."
    (subject, text), = mails(mailbox, number)
    assert subject == f"Pièces justificatives reçues pour votre demande d'enrôlement n° {number}"
    assert "- KBIS : kbis.pdf\n- RIB : nouveau-rib.jpg" in text
    assert "repasse au statut « En cours »" in text


def test_request_documents_needs_the_types_and_a_message(app, number, manager, mailbox):
    with pytest.raises(Refused) as refused:
        move(app, number, wf.REQUEST_DOCUMENTS, manager, "  ", kinds=["inconnu"])
    assert refused.value.errors == {"comment": wf.MESSAGE_REQUIRED, "kinds": wf.KINDS_REQUIRED}
    with in_request(app):
        assert load(number).status == IN_PROGRESS
        assert DocumentRequest.select().count() == 0
    assert mails(mailbox, number) == []


def test_finishing_a_deposit_needs_every_document_asked_for(app, number, manager, mailbox):
    move(app, number, wf.REQUEST_DOCUMENTS, manager, "Il manque deux pièces.", kinds=["kbis", "rib"])
    text = mails(mailbox, number)[0][1]
    with pytest.raises(Refused) as refused:
        deposit_documents(app, text, {"kbis": upload_file("document.pdf")})
    assert refused.value.errors == {"doc_rib": wf.DOCUMENT_MISSING}
    with in_request(app):
        assert load(number).status == AWAITING_DOCUMENTS


def test_reject_needs_a_reason_which_the_mail_gives(app, number, manager, mailbox):
    with pytest.raises(Refused) as refused:
        move(app, number, wf.REJECT, manager, "")
    assert refused.value.errors == {"comment": wf.REASON_REQUIRED}
    move(app, number, wf.REJECT, manager, "Le numéro SIRET ne correspond pas au fournisseur.")
    with in_request(app):
        assert load(number).status == REJECTED
    assert events(app, number)[-1] == (IN_PROGRESS, REJECTED, ACTOR,
                                       "Le numéro SIRET ne correspond pas au fournisseur.")
    (subject, text), = mails(mailbox, number)
    assert subject == f"Rejet de votre demande d'enrôlement n° {number}"
    assert "Motif du rejet :\n\nLe numéro SIRET ne correspond pas au fournisseur." in text
    assert "« Rejetée »" in text


def test_anticipated_enrolment_up_to_the_validation_of_its_certificates(app, manager, mailbox):
    number = anticipated(app)
    outcome = move(app, number, wf.VALIDATE_PARTIALLY, manager)
    holder = outcome.account
    with in_request(app):  # the holder deposits the certificate from the private space
        from portal.services.core import storage
        storage.save("referencing_certificate", upload_file("document.pdf", "certificat.pdf"),
                     enrolment=load(number))
        wf.apply(load(number), wf.SUPPLY_CERTIFICATES, Account.get_by_id(holder.id))
        assert load(number).status == CERTIFICATES_TO_CHECK

    # The certificate is not the right one: documents asked from « Certificat(s) à valider » …
    move(app, number, wf.REQUEST_DOCUMENTS, manager, "Ce n'est pas le bon certificat.",
         kinds=["referencing_certificate"])
    request_mail = mails(mailbox, number)[-1][1]
    deposit_documents(app, request_mail, {"referencing_certificate": upload_file("document.pdf")})
    with in_request(app):  # … and back to where they were asked from
        assert load(number).status == CERTIFICATES_TO_CHECK

    mailbox.messages.clear()
    move(app, number, wf.VALIDATE_CERTIFICATES, manager, "Certificat conforme.")
    with in_request(app):
        assert load(number).status == VALIDATED
        assert Account.select().where(Account.email == HOLDER).count() == 1
    statuses = [(source, target) for source, target, _, _ in events(app, number)]
    assert statuses == [(None, IN_PROGRESS), (IN_PROGRESS, PARTIAL), (PARTIAL, CERTIFICATES_TO_CHECK),
                        (CERTIFICATES_TO_CHECK, AWAITING_DOCUMENTS),
                        (AWAITING_DOCUMENTS, CERTIFICATES_TO_CHECK),
                        (CERTIFICATES_TO_CHECK, VALIDATED)]
    (subject, text), = mails(mailbox, number)
    assert subject == f"Validation de votre demande d'enrôlement n° {number} : certificats validés"
    assert "« Validée »" in text


def test_supplying_certificates_needs_the_certificate(app, manager):
    number = anticipated(app)
    holder = move(app, number, wf.VALIDATE_PARTIALLY, manager).account
    with in_request(app), pytest.raises(Refused) as refused:
        wf.apply(load(number), wf.SUPPLY_CERTIFICATES, Account.get_by_id(holder.id))
    assert refused.value.errors == {"doc_referencing_certificate": wf.DOCUMENT_MISSING}


@pytest.mark.parametrize("action", [wf.VALIDATE, wf.REQUEST_DOCUMENTS, wf.VALIDATE_CERTIFICATES])
def test_a_move_not_allowed_from_the_status_is_refused_and_writes_nothing(app, number, manager,
                                                                         mailbox, action):
    move(app, number, wf.REJECT, manager, "Doublon d'une autre demande.")
    before = events(app, number)
    with in_request(app):
        sent = OutboxMessage.select().count()
    with pytest.raises(Refused) as refused:
        move(app, number, action, manager, "Commentaire", kinds=["rib"])
    assert refused.value.errors["action"] == (
        f"« {wf.MOVES[action].label} » n'est pas possible : la demande est au statut « Rejetée ».")
    assert events(app, number) == before
    with in_request(app):
        assert OutboxMessage.select().count() == sent
        assert load(number).status == REJECTED


def test_an_operator_cannot_decide(app, number):
    operator = make_account(app, OPERATOR, email=HOLDER)
    with pytest.raises(Refused) as refused:
        move(app, number, wf.VALIDATE, operator)
    assert refused.value.errors == {"action": wf.NOT_YOURS}
    with pytest.raises(Refused):
        move(app, number, wf.VALIDATE, None)


def test_an_unknown_decision_is_refused(app, number, manager):
    with pytest.raises(Refused) as refused:
        move(app, number, "valider_tout", manager)
    assert "action" in refused.value.errors


def test_a_link_serves_one_deposit_only(app, number, manager, mailbox):
    move(app, number, wf.REQUEST_DOCUMENTS, manager, "Le KBIS manque.", kinds=["kbis"])
    text = mails(mailbox, number)[0][1]
    token = link_in(text, "/depot/").rsplit("/", 1)[1]
    deposit_documents(app, text, {"kbis": upload_file("document.pdf")})
    with in_request(app):
        assert deposit.find(token) is None


def test_an_account_created_meanwhile_by_another_validation_is_reused(app, number, manager,
                                                                       mailbox, monkeypatch):
    """Two managers validate two requests of one new holder at once: the second one's lookup
    found no account, but the first one's is committed before its insert. It gets that account
    (access opened on it, no second identifiant) instead of an error page."""
    from portal.services.account import accounts
    first_lookup = accounts.find_by_email

    def committed_meanwhile(email):
        monkeypatch.setattr(accounts, "find_by_email", first_lookup)
        accounts.create(email, "Martin", "Claire")  # the other manager's validation
        return None

    monkeypatch.setattr(accounts, "find_by_email", committed_meanwhile)
    outcome = move(app, number, wf.VALIDATE, manager)
    assert not outcome.account_created
    with in_request(app):
        holders = Account.select().where(Account.email == HOLDER)
        assert holders.count() == 1 and load(number).holder_id == holders.get().id
    assert "l'accès à cette demande est ouvert sur votre compte existant" in mails(mailbox, number)[0][1]
