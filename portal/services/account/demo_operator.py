"""A demo operator for the demonstration (PORTAL_DEMO): an account past its first sign-in with
four enrolments (validated, in progress, anticipated and partially validated, and a validated one
of the city doctors' corridor for the JSON simulator), so that the private space can be visited at
once. Created once; each run gives back its known password."""
import datetime

from portal.extensions import db
from portal.models import Account, AnsReferencing, Company, Enrolment, EnrolmentEvent
from portal.models.messages import ENROLMENT, DossierFollow, DossierMessage, DossierNote
from portal.models.roles import APPLICANT, MANAGER, OPERATOR
from portal.models.enrolment import IN_PROGRESS, PARTIAL, VALIDATED
from portal.services.account import accounts

EMAIL = "operateur.demo@segur-mss.localhost"
PASSWORD = "Operateur-Demo-2026!"
ENROLMENTS = (("MSS-2023-0001", VALIDATED, False, 40), ("DPI-2023-0101", IN_PROGRESS, False, 5),
              ("MSS-2023-0003", PARTIAL, True, 12),
              ("LGC-2023-0201", VALIDATED, False, 20))  # the city corridor: the JSON simulator


def _enrolment(account, company, number, status, anticipated, days_ago, index):
    referencing = AnsReferencing.get(AnsReferencing.number == number)
    filed = datetime.datetime(2026, 11, 1, 9, 30) - datetime.timedelta(days=days_ago)
    decided = filed + datetime.timedelta(days=3) if status != IN_PROGRESS else None
    enrolment = Enrolment.create(
        number=f"ENR-DEMO-{index:06d}", status=status, anticipated=anticipated,
        submitted_at=filed, decided_at=decided,
        referencing=referencing, ans_number=number, software_name=referencing.software_name,
        software_version=referencing.software_version, dsr=referencing.dsr,
        hds_host=False if referencing.is_dpi else None, siret=company.siret,
        denomination=company.denomination, trade_name="MediMail", street_type="Rue",
        street=company.street, postcode=company.postcode, commune=company.commune,
        rep_last_name=account.last_name, rep_first_name=account.first_name, rep_email=EMAIL,
        rep_phone="0123456789", iban="FR76 3000 6000 0112 3456 7890 189", bic="AGRIFRPP",
        account_holder=company.denomination, bank_name="CREDIT AGRICOLE SA", vat_rate="20",
        holder_email=EMAIL, holder=account)
    EnrolmentEvent.create(enrolment=enrolment, to_status=IN_PROGRESS, created_at=filed,
                          actor_account=account, actor_role=APPLICANT,
                          actor_name=account.full_name,
                          comment="Dépôt de la demande d'enrôlement")
    if status != IN_PROGRESS:
        EnrolmentEvent.create(enrolment=enrolment, from_status=IN_PROGRESS, to_status=status,
                              created_at=enrolment.decided_at,
                              actor_role=MANAGER, actor_name="Démonstration Gestionnaire")
    return enrolment


def _thread(account, enrolment):
    """The in-progress enrolment's instruction tools (issue 18): a manager's question, the
    operator's answer waiting to be read, a private note, and the manager following it."""
    manager = Account.select().where(Account.role == MANAGER).order_by(Account.id).first()
    if manager is None:
        return
    asked = enrolment.submitted_at + datetime.timedelta(days=1)
    common = dict(dossier_kind=ENROLMENT, dossier_id=enrolment.id, reference=enrolment.number,
                  holder=account)
    DossierMessage.create(**common, author=manager, author_name=manager.full_name,
                          from_staff=True, created_at=asked, read_at=asked,
                          body="Bonjour, le logiciel déclaré est-il déjà déployé chez vos clients ?")
    DossierMessage.create(**common, author=account, author_name=account.full_name,
                          from_staff=False, created_at=asked + datetime.timedelta(hours=3),
                          body="Bonjour, oui : chez douze établissements depuis septembre.")
    DossierNote.create(dossier_kind=ENROLMENT, dossier_id=enrolment.id, author=manager,
                       author_name=manager.full_name, created_at=asked,
                       body="Vérifier le certificat HDS avant de valider.")
    DossierFollow.create(dossier_kind=ENROLMENT, dossier_id=enrolment.id, follower=manager,
                         flagged_at=asked + datetime.timedelta(hours=3))


def ensure_demo_operator():
    """The demo operator and its enrolments; (account, password), or None without the demo
    reference data."""
    company = Company.get_or_none(Company.siret == "73282932000074")
    if company is None:
        return None
    with db.database.atomic():
        account = accounts.find_by_email(EMAIL)
        if account is None:
            account = accounts.create(EMAIL, "Martin", "Claire", OPERATOR, PASSWORD)
            for index, (number, status, anticipated, days_ago) in enumerate(ENROLMENTS, 1):
                enrolment = _enrolment(account, company, number, status, anticipated, days_ago,
                                       index)
                if status == IN_PROGRESS:
                    _thread(account, enrolment)
        account.secret_question = "Dans quelle ville êtes-vous né(e) ?"
        account.secret_answer_hash = accounts.hash_secret("paris")
        account.active = True
        account.save()
        accounts.set_password(account, PASSWORD, must_change=False)
    return account, PASSWORD
