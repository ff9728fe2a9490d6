"""Step 1 of an import, once checked (guide 003 §4.2): the file kept, and each retained request
filed « Non complétée » (invisible to the managers until its document is deposited, 003 §9) with
its ASP number, its values, its beneficiaries and a history row — all in one transaction.

ASP numbers: an advance opens a dossier, the corridor's prefix and 6 digits (FINDPI000012), and
is its « -M0 »; a balance is « -M1 » of its advance's dossier. The database's unique index on
the number decides who gets a number: a request that collides takes the next one (inside a
savepoint), never a check then an insert. The publisher's number is unique per account and kind
(the partial index of migration 0027): an import racing another with the same number is refused
whole, with the number named."""
import hashlib
import json
import os
import secrets

from flask import current_app
from peewee import IntegrityError, fn

from portal.extensions import db
from portal.models import Beneficiary, FundingRequest, JsonImport
from portal.models.funding import ADVANCE, INCOMPLETE, STATUS_LABELS, SUFFIXES
from portal.services.core.errors import ACTION, Refused
from portal.services.funding import requests as funding_requests

FOLDER = "imports-json"  # under UPLOAD_DIR: the files as imported
DIGITS = 6
ATTEMPTS = 50  # numbers tried for one request before giving up (only under heavy contention)
NOTHING_RETAINED = "Aucune demande de ce fichier n'a été retenue : rien n'a été importé."
PUBLISHER_TAKEN = ("La demande de numéro éditeur « {} » vient d'être importée par ailleurs : "
                   "rien n'a été importé. Retirez-la du fichier et importez-le de nouveau.")
BALANCE_TAKEN = ("Le solde de la demande d'avance {} vient d'être importé par ailleurs : rien n'a "
                 "été importé. Retirez-le du fichier et importez-le de nouveau.")
ADVANCE_UNKNOWN = "La demande d'avance {} de la demande de solde « {} » est introuvable."
NO_NUMBER = "Aucun numéro de dossier n'a pu être attribué : réessayez dans un instant."


def folder(create: bool = True) -> str:
    path = os.path.join(current_app.config["UPLOAD_DIR"], FOLDER)
    if create:
        os.makedirs(path, exist_ok=True)
    return path


def path_of(json_import: JsonImport) -> str:
    return os.path.join(folder(), json_import.stored_name)


def _keep(raw: bytes) -> tuple[str, str]:
    """The file written under a random name: (stored name, sha256)."""
    stored_name = secrets.token_hex(16) + ".json"
    with open(os.path.join(folder(), stored_name), "wb") as out:
        out.write(raw)
    return stored_name, hashlib.sha256(raw).hexdigest()


def last_dossier(prefix: str) -> int:
    """The highest dossier number of the prefix committed so far (0 when none)."""
    last = (FundingRequest.select(fn.MAX(FundingRequest.dossier))
            .where(FundingRequest.dossier.startswith(prefix),
                   fn.LENGTH(FundingRequest.dossier) == len(prefix) + DIGITS).scalar())
    digits = (last or "")[len(prefix):]
    return int(digits) if digits.isdigit() else 0


def _values(json_import, result, advance) -> dict:
    data = result.data
    return dict(
        kind=json_import.kind, enrolment=json_import.enrolment_id, account=json_import.account_id,
        status=INCOMPLETE, software=data.get("software") or json_import.corridor.software_type,
        vat_rate=data.get("vat_rate") or "", declared_ht=data["declared_ht"],
        amount_ht=data["amount_ht"], amount_ttc=data["amount_ttc"],
        corridor=json_import.corridor_id, json_import=json_import.id,
        publisher_number=data["publisher_number"], advance=advance,
        order_date=data.get("order_date"), vat_regime=data.get("vat_regime") or "",
        mandate_beneficiary=data.get("mandate_beneficiary"),
        mandate_payment=data.get("mandate_payment"),
        mandatary_json=json.dumps(data.get("mandatary") or {}, ensure_ascii=False),
        scenarios_json=json.dumps(data.get("scenarios") or {}, ensure_ascii=False))


def _refusal(account, kind: str, publisher_number: str, number: str) -> Refused | None:
    """Why an insert collided, when it is not the dossier number (then another one is tried)."""
    if FundingRequest.select().where(FundingRequest.account == account,
                                     FundingRequest.kind == kind,
                                     FundingRequest.publisher_number == publisher_number).exists():
        return Refused({ACTION: PUBLISHER_TAKEN.format(publisher_number)})
    if kind != ADVANCE:
        return Refused({ACTION: BALANCE_TAKEN.format(number.replace("-M1", "-M0"))})
    return None


def _create(values: dict, dossier: str) -> FundingRequest:
    with db.database.atomic():  # a savepoint: a collision leaves the import's transaction usable
        return FundingRequest.create(number=f"{dossier}-{SUFFIXES[values['kind']]}",
                                     dossier=dossier, **values)


def _numbered(json_import, values: dict, advance, following: int | None = None) -> FundingRequest:
    """The request created under the next free number of its corridor (an advance: `following`
    when the previous request of the import took the one before, else read), or of its
    advance's dossier (a balance)."""
    prefix, account = json_import.corridor.dossier_prefix, json_import.account_id
    if advance is not None:
        try:
            return _create(values, advance.dossier)
        except IntegrityError:
            raise _refusal(account, values["kind"], values["publisher_number"],
                           f"{advance.dossier}-M1")
    following = following or last_dossier(prefix) + 1
    for _ in range(ATTEMPTS):
        try:
            return _create(values, f"{prefix}{following:0{DIGITS}d}")
        except IntegrityError:
            refusal = _refusal(account, values["kind"], values["publisher_number"], "")
            if refusal:
                raise refusal
            following = max(following + 1, last_dossier(prefix) + 1)
    raise Refused({ACTION: NO_NUMBER})


def _advance_of(account, result) -> FundingRequest | None:
    number = (result.data.get("advance_number") or "").strip()
    if not number:
        return None
    advance = FundingRequest.get_or_none(FundingRequest.number == number,
                                         FundingRequest.account == account,
                                         FundingRequest.kind == ADVANCE)
    if advance is None:
        raise Refused({ACTION: ADVANCE_UNKNOWN.format(number, result.publisher_number)})
    return advance


def _beneficiaries(request: FundingRequest, rows: list[dict]) -> None:
    if rows:
        Beneficiary.insert_many([
            dict(request=request.id, position=position, identifier=row["identifier"],
                 name=row.get("name") or "", email=row.get("email") or "",
                 phone=row.get("phone") or "", matches_advance=row.get("matches_advance"))
            for position, row in enumerate(rows)]).execute()


def file_import(report, account, enrolment, corridor, filename: str, raw: bytes,
                build_output=None) -> JsonImport:
    """Keep the file and file its retained requests « Non complétée ». `build_output(filed)`
    answers the output JSON (services/imports/output.output(report, filed, False)) from
    `filed`: request index → (ASP number, status label). Raises Refused, nothing written."""
    retained = report.retained
    if not retained:
        raise Refused({ACTION: NOTHING_RETAINED})
    stored_name, sha256 = _keep(raw)
    try:
        with db.database.atomic():
            json_import = JsonImport.create(
                account=account, enrolment=enrolment, corridor=corridor, kind=report.kind,
                filename=(filename or "demandes.json")[:200], stored_name=stored_name,
                sha256=sha256, requests_total=len(report.requests),
                requests_retained=len(retained), requests_rejected=len(report.rejected))
            json_import.corridor = corridor
            filed, following = {}, None  # one read of the last dossier, not one per request
            for result in retained:
                advance = _advance_of(account, result)
                request = _numbered(json_import, _values(json_import, result, advance), advance,
                                    following)
                if advance is None:
                    following = int(request.dossier[len(corridor.dossier_prefix):]) + 1
                _beneficiaries(request, result.data.get("beneficiaries") or [])
                funding_requests.log(request, None, INCOMPLETE, account,
                                     f"Import JSON n° {json_import.id} ({json_import.filename})")
                filed[result.index] = (request.number, STATUS_LABELS[INCOMPLETE])
            if build_output is not None:
                json_import.output_json = json.dumps(build_output(filed), ensure_ascii=False)
                json_import.save()
    except BaseException:
        os.remove(os.path.join(folder(), stored_name))
        raise
    return json_import
