"""The wizard's actions: search, save a step, upload, check bank details, submit."""
from peewee import IntegrityError

from portal.extensions import db
from portal.models import Document, Enrolment, EnrolmentEvent
from portal.models.enrolment import IN_PROGRESS
from portal.models.roles import APPLICANT
from portal.services.core import captcha, identifiers, outbox
from portal.services.core.errors import ACTION, Refused, refuse_if
from portal.services.enrolment import drafts, rules
from portal.services.reference import lookups


def form_values(form) -> dict:
    """The text the user typed, trimmed (tokens and CSRF left out)."""
    skip = {"csrf_token", "captcha_token", "captcha_answer"}
    return {name: (field.data or "").strip() if not isinstance(field.data, bool) else field.data
            for name, field in form._fields.items() if name not in skip}


def upload(draft, kind: str, file_storage):
    """One document sent on its own (htmx). Raises Refused (beside its field)."""
    # The answers that ask for it may be typed but not saved yet: any document of a step the
    # applicant has reached is kept; those the final answers do not ask for are dropped at submit.
    if not 0 < rules.step_of_document(kind) <= draft.step:
        raise Refused({"doc_" + kind: "Ce document n'est pas demandé à cette étape."})
    return drafts.upload(draft, kind, file_storage)


def search_referencing(draft, number: str) -> None:
    """« Rechercher » the ANS referencing number; kept when found. Raises Refused."""
    number = (number or "").strip().upper()
    if not number:
        raise Refused({"ans_number": rules.REQUIRED})
    if not lookups.find_referencing(number):
        raise Refused({"ans_number": lookups.UNKNOWN_ANS})
    drafts.save_step(draft, {"ans_number": number}, 1)


def search_company(draft, siret: str, token: str, answer: str) -> None:
    """« Rechercher » the SIRET (behind a captcha); the company kept when found. Raises Refused."""
    try:
        siret = identifiers.clean_siret(siret)
    except identifiers.InvalidIdentifier as exc:
        raise Refused({"siret": str(exc)})
    captcha_error = captcha.error_for(token, answer)
    if captcha_error:
        raise Refused({"captcha_answer": captcha_error})
    company = lookups.find_company(siret)
    if not company:
        raise Refused({"siret": lookups.UNKNOWN_SIRET})
    values = {"siret": siret, "company_siret": siret, "company_denomination": company.denomination,
              "company_street": company.street, "company_postcode": company.postcode}
    current = draft.values
    if current.get("siret") != siret or not current.get("denomination"):
        values.update(denomination=company.denomination, commune=company.commune)
    drafts.save_step(draft, values, 2)


def check_bank(values: dict) -> tuple[dict, dict]:
    """IBAN and BIC checked together; the domiciliation comes from the BIC."""
    errors, cleaned = {}, {}
    iban = bic = None
    if values.get("iban"):
        try:
            iban = identifiers.clean_iban(values["iban"])
            cleaned["iban"] = iban.formatted
        except identifiers.InvalidIdentifier as exc:
            errors["iban"] = str(exc)
    if values.get("bic"):
        try:
            bic = identifiers.clean_bic(values["bic"])
            cleaned["bic"] = str(bic)
        except identifiers.InvalidIdentifier as exc:
            errors["bic"] = str(exc)
    if iban and bic and iban.bic and str(iban.bic)[:6] != str(bic)[:6]:
        errors["bic"] = "Ce BIC ne correspond pas à la banque de l'IBAN saisi."
    if bic and "bic" not in errors:
        cleaned["bank_name"] = identifiers.bank_name(bic)
    return errors, cleaned


def bank_name_of(values: dict) -> str:
    """The domiciliation of the IBAN and BIC typed, if the BIC says it ("" otherwise)."""
    return check_bank(values)[1].get("bank_name", "")


def verify_bank(values: dict) -> str:
    """« Vérifier » the IBAN and BIC typed: their domiciliation. Raises Refused (its fact
    `bank_name`: the domiciliation found all the same, if any)."""
    errors, cleaned = check_bank(values)
    refuse_if(errors, bank_name=cleaned.get("bank_name", ""))
    return cleaned.get("bank_name", "")


def save_step(draft, step: int, form, files) -> None:
    """Validate and save one step. Raises Refused (by field)."""
    values = draft.values
    typed = form_values(form)
    values.update(typed)
    errors = {name: field.errors[0] for name, field in form._fields.items() if field.errors}
    if step == 3:
        bank_errors, cleaned = check_bank(values)
        errors.update(bank_errors)
        values.update(cleaned)
        if "bank_name" not in cleaned:
            values["bank_name"] = ""
    errors.update(drafts.keep_sent(draft, rules.documents_for(step, rules.situation(values)), files))
    for name, message in rules.errors_for(step, values, drafts.documents(draft)).items():
        errors.setdefault(name, message)
    refuse_if(errors)
    if step == 2:
        values["siret"] = identifiers.compact_siret(values["siret"])
        values["rep_phone"] = identifiers.clean_phone(values["rep_phone"])
        if values.get("filer_phone"):
            values["filer_phone"] = identifiers.clean_phone(values["filer_phone"])
    drafts.save_step(draft, drafts.validated(values, step), step + 1)


def first_incomplete_step(draft) -> int | None:
    values, documents = draft.values, drafts.documents(draft)
    for step in (1, 2, 3, 4):
        if rules.errors_for(step, values, documents):
            return step
    return None


ALREADY_FILED = ("Cette demande d'enrôlement a déjà été déposée sous le n° {} (elle a été envoyée "
                 "aussi depuis une autre fenêtre) : elle n'est enregistrée qu'une fois.")

SUMMARY_CHECKS = {
    "accept_cgu": "Acceptez les conditions générales d'utilisation pour continuer.",
    "accept_penal": "Confirmez avoir pris connaissance de l'article 441-7 du code pénal.",
    "accept_truth": "Attestez l'authenticité des informations saisies.",
}


def _summary_errors(form) -> dict:
    errors = {name: message for name, message in SUMMARY_CHECKS.items() if not form[name].data}
    captcha_error = captcha.error_for(form.captcha_token.data, form.captcha_answer.data)
    if captcha_error:
        errors["captcha_answer"] = captcha_error
    return errors


def submit(draft, form) -> Enrolment:
    """The summary's boxes ticked and its captcha answered (else Refused by field), turn a
    complete draft into an enrolment « En cours », with its documents and its mail."""
    refuse_if(_summary_errors(form))
    values = draft.values
    s = rules.situation(values)
    ref = s.referencing
    wanted = {k for step in (1, 2, 3, 4) for k in rules.documents_for(step, s)}
    return record(draft, wanted, dict(
        kind=draft.kind, anticipated=s.anticipated, referencing=ref,
        hds_host={"oui": True, "non": False}.get(values.get("hds_host")) if ref.is_dpi and ref.validated else None,
        siret=values["siret"], denomination=values["denomination"],
        denomination_changed=s.denomination_changed, trade_name=values["trade_name"],
        street_type=values["street_type"], street=values["company_street"],
        postcode=values["company_postcode"], commune=values["commune"],
        recipient=values.get("recipient", ""), building=values.get("building", ""),
        extension=values.get("extension", ""),
        address_complement=values.get("address_complement", ""),
        is_buyer=s.is_buyer, is_distributor=values.get("is_distributor") == "oui",
        is_legal_representative=not s.third_party,
        rep_last_name=values["rep_last_name"], rep_first_name=values["rep_first_name"],
        rep_email=values["rep_email"].lower(), rep_phone=values["rep_phone"],
        filer_last_name=values.get("filer_last_name", "") if s.third_party else "",
        filer_first_name=values.get("filer_first_name", "") if s.third_party else "",
        filer_email=values.get("filer_email", "").lower() if s.third_party else "",
        filer_phone=values.get("filer_phone", "") if s.third_party else "",
        filer_quality=values.get("filer_quality", "") if s.third_party else "",
        iban=values["iban"], bic=values["bic"], account_holder=values["account_holder"],
        bank_name=values.get("bank_name", ""), vat_rate=values["vat_rate"],
        holder_email=rules.holder_email(values).lower()))


def filed_from(token: str | None) -> Enrolment | None:
    """The enrolment a draft (gone since) was filed as, if any."""
    return Enrolment.get_or_none(Enrolment.draft_token == token) if token else None


def record(draft, wanted: set, fields: dict, account=None) -> Enrolment:
    """File the enrolment: « En cours », its number, the draft's documents it asks for, one
    history row (by the applicant: its `account` when signed in), the acknowledgement mail; the
    draft is discarded. Shared by both wizards. A draft is filed once (its token is unique
    among enrolments): sent again meanwhile, from another tab, it is Refused."""
    try:
        return _record(draft, wanted, fields, account)
    except IntegrityError:
        filed = filed_from(draft.token)
        if filed is None:
            raise
        raise Refused({ACTION: ALREADY_FILED.format(filed.number)}, enrolment=filed)


def _record(draft, wanted: set, fields: dict, account) -> Enrolment:
    ref = fields["referencing"]
    with db.database.atomic():
        enrolment = Enrolment.create(
            number="provisoire-" + draft.token, draft_token=draft.token, status=IN_PROGRESS,
            ans_number=ref.number, software_name=ref.software_name,
            software_version=ref.software_version, dsr=ref.dsr, **fields)
        enrolment.number = f"ENR-{enrolment.submitted_at.year}-{enrolment.id:06d}"
        enrolment.save()
        for document in drafts.documents(draft).values():
            if document.kind in wanted:
                Document.update(enrolment=enrolment, draft=None).where(Document.id == document.id).execute()
        EnrolmentEvent.create(enrolment=enrolment, from_status=None, to_status=IN_PROGRESS,
                              actor_account=account, actor_role=APPLICANT,
                              actor_name=account.full_name if account else "",
                              comment="Dépôt de la demande d'enrôlement")
        outbox.queue(enrolment.holder_email, "enrolment_received", related=f"enrolment:{enrolment.id}",
                     enrolment=enrolment)
        drafts.discard(draft)
    return enrolment
