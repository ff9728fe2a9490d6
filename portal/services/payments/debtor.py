"""The ASP's account the payment batches debit (« Compte de l'ASP à débiter »), set by an admin in
the administration. Every change is a new row (who, when, what): the table is its audit, shown
under the form; the latest row is in force."""
from portal.models import DebtorAccount
from portal.services.core.errors import refuse_if
from portal.services.enrolment import wizard as enrolment_wizard

NAME_REQUIRED = "Saisissez le nom du titulaire du compte (l'ASP)."
IBAN_REQUIRED = "Saisissez l'IBAN."
BIC_REQUIRED = "Saisissez le BIC."
NOT_SET = ("Le compte de l'ASP à débiter n'est pas renseigné : un administrateur le saisit dans "
           "« Administration » > « Compte de l'ASP ».")


def current() -> DebtorAccount | None:
    return DebtorAccount.select().order_by(DebtorAccount.id.desc()).first()


def history(limit: int = 20) -> list[DebtorAccount]:
    return list(DebtorAccount.select().order_by(DebtorAccount.id.desc()).limit(limit))


def save(values: dict, actor) -> DebtorAccount:
    """A new debtor account typed by `actor` (an admin): IBAN and BIC checked as the wizard checks
    an operator's. Raises Refused, nothing written."""
    errors, cleaned = enrolment_wizard.check_bank(values)
    name = " ".join((values.get("name") or "").split())
    for field, message in (("name", NAME_REQUIRED), ("iban", IBAN_REQUIRED), ("bic", BIC_REQUIRED)):
        if not (name if field == "name" else values.get(field)):
            errors[field] = message
    refuse_if(errors)
    return DebtorAccount.create(name=name, iban=cleaned["iban"], bic=cleaned["bic"],
                                actor_account=actor, actor_name=actor.full_name)


def as_form_data(account: DebtorAccount | None) -> dict:
    return {"name": account.name, "iban": account.iban, "bic": account.bic} if account else {}


# The demonstration's debtor account (Banque de France's example IBAN): batches can be made at once.
DEMO = {"name": "Agence de Services et de Paiement", "iban": "FR76 3000 1007 9412 3456 7890 185",
        "bic": "BDFEFRPPCCT"}


def ensure_demo(admin) -> None:
    if current() is None:
        save(DEMO, admin)
