"""The published JSON format (issue 15): one JSON Schema (draft 2020-12) per corridor and request
type, generated from the corridor's data. Each field is described once (`Field`): the schema, the
documentation page's table and the checks' messages all read it.

Decisions, documented on the public page:
- amounts are JSON numbers (not strings), with a decimal point and at most 2 decimals: 12500.50;
  read as exact decimals (never floats), « "12 500,50" » is refused with a message that says so;
- dates are texts « AAAA-MM-JJ »;
- every scenario of the corridor is answered, true or false;
- « mandataire » is required when one of the two mandates is true, and ignored otherwise;
- a field the format does not name is refused (a typo would otherwise go unnoticed)."""
from dataclasses import dataclass

from portal import formatting
from portal.models import Corridor
from portal.services.imports.identifiers import kind_of

ADVANCE, BALANCE = "advance", "balance"  # models/funding.ADVANCE, BALANCE
TYPES = {ADVANCE: "avance", BALANCE: "solde"}  # typeDemande
KINDS = {word: kind for kind, word in TYPES.items()}
TYPE_TITLES = {ADVANCE: "Demandes d'avance", BALANCE: "Demandes de solde"}
REQUESTS_MAX = 200
AMOUNT_MAX = 100_000_000
VAT_RATES = [20, 10, 8.5, 5.5, 2.1, 0]
VAT_REGIMES = ["assujetti", "non assujetti"]
AMOUNT_FIELD = {ADVANCE: "montantSegurHT", BALANCE: "montantSegurHTFacture"}
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
PHONE_PATTERN = r"^\+?[0-9](?:[ .-]?[0-9]){8,14}$"
PUBLISHER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
MANDATE_NEEDED = "si l'un des deux mandats vaut true"


@dataclass(frozen=True)
class Field:
    name: str
    schema: dict  # the JSON Schema of its value (without its description)
    kind: str  # « texte », « nombre », … for the documentation
    rules: str  # in French: the schema's description, the documentation's « Règles »
    required: bool | str = True  # or the condition, in words
    children: tuple = ()  # the fields of an object (or of each object of a list)

    def as_schema(self) -> dict:
        schema = dict(self.schema, description=self.rules)
        if self.children and schema.get("type") == "array":
            schema["items"] = _object(self.children)
        elif self.children:
            schema.update(_object(self.children))
        return schema


@dataclass(frozen=True)
class Row:
    """A line of the documentation's table."""
    path: str
    kind: str
    required: str
    rules: str
    depth: int = 0


def _text(max_length: int, pattern: str | None = None, **more) -> dict:
    schema = {"type": "string", "minLength": 1, "maxLength": max_length, **more}
    return dict(schema, pattern=pattern) if pattern else schema


def _object(children) -> dict:
    return {"type": "object", "additionalProperties": False,
            "required": [child.name for child in children if child.required is True],
            "properties": {child.name: child.as_schema() for child in children}}


def _contact(identifier: Field | None, name_rules: str) -> tuple:
    fields = (
        Field("email", _text(254, EMAIL_PATTERN), "texte", "Adresse électronique, par exemple "
              "contact@exemple.fr."),
        Field("telephone", _text(20, PHONE_PATTERN), "texte", "Numéro de téléphone : 10 chiffres "
              "(ou +33 suivi de 9 chiffres), espaces, points ou tirets admis."))
    name = Field("nom" if identifier else "denomination", _text(200), "texte", name_rules)
    return ((identifier, name) if identifier else (name,)) + fields


def mandatary_fields() -> tuple:
    name, email, phone = _contact(None, "Dénomination sociale du mandataire, 200 caractères au "
                                        "plus.")
    return (name, Field("siret", _text(14, r"^[0-9]{14}$"), "texte",
                        "SIRET du mandataire : 14 chiffres, clé de contrôle vérifiée."),
            email, phone)


def beneficiary_fields(corridor: Corridor) -> tuple:
    kind = kind_of(corridor)
    identifier = Field(kind.key, _text(11, kind.pattern), "texte",
                       f"{corridor.identifier_label} du bénéficiaire : {kind.shape}"
                       + (", clé de contrôle (algorithme de Luhn) vérifiée." if kind.luhn else
                          "."))
    return _contact(identifier, "Nom ou raison sociale du bénéficiaire, 200 caractères au plus.")


def request_fields(corridor: Corridor, kind: str) -> tuple:
    """The fields of one request (an item of « demandes »)."""
    amount = AMOUNT_FIELD[kind]
    fields = [
        Field("numeroEditeur", _text(50, PUBLISHER_PATTERN), "texte",
              "Votre numéro de la demande, unique parmi vos demandes "
              f"{'d’avance' if kind == ADVANCE else 'de solde'} : 1 à 50 caractères, lettres "
              "sans accent, chiffres, « . », « _ », « - » ou « / ». Il nomme les pièces "
              "justificatives de la demande."),
        Field("logiciel", _text(100), "texte", "Nom et version du logiciel installé, pour "
              "information ; 100 caractères au plus.", required=False),
    ]
    if kind == BALANCE:
        fields.append(Field("numeroDemandeAvanceASP",
                            _text(20, rf"^{corridor.dossier_prefix}[0-9]{{6}}-M0$"), "texte",
                            "Numéro ASP de la demande d'avance de ce dossier, tel que le JSON de "
                            f"sortie de l'avance l'indique (par exemple {corridor.dossier_prefix}"
                            "000012-M0). L'avance doit être décidée et sans solde."))
    fields += [
        Field("dateCommande", _text(10, DATE_PATTERN), "texte", "Date du bon de commande (ou du "
              "devis signé), au format AAAA-MM-JJ, pas dans le futur."),
        Field("regimeTVA", {"type": "string", "enum": VAT_REGIMES}, "texte",
              "Régime de TVA du bon de commande ou de la facture : « assujetti » ou "
              "« non assujetti »."),
        Field("tauxTVA", {"type": "number", "enum": VAT_RATES}, "nombre",
              "Taux de TVA appliqué, en pourcentage : 20, 10, 8.5, 5.5, 2.1, ou 0 pour un "
              "régime « non assujetti »."),
        Field(amount, {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": AMOUNT_MAX},
              "nombre", ("Montant Ségur hors taxe du bon de commande (ou du devis signé)"
                         if kind == ADVANCE else "Montant Ségur hors taxe de la facture")
              + " : un nombre JSON sans guillemets, point décimal, 2 décimales au plus, "
              "positif (par exemple 12500.50)." + caps_text(corridor)),
        Field("beneficiaires", {"type": "array", "minItems": 1,
                                "maxItems": corridor.max_beneficiaries, "items": {}},
              "liste d'objets", f"Les bénéficiaires finaux (ES/PS) de la prestation : 1 à "
              f"{corridor.max_beneficiaries}, chacun une seule fois"
              + (" ; chacun doit avoir été déclaré à l'avance (au moins un)." if kind == BALANCE
                 else "."), children=beneficiary_fields(corridor)),
        Field("mandatBeneficiaire", {"type": "boolean"}, "booléen",
              "true si le bénéficiaire vous a donné mandat pour déposer la demande en son nom, "
              "false sinon."),
        Field("mandatPaiement", {"type": "boolean"}, "booléen",
              "true si le bénéficiaire a mandaté un tiers pour percevoir l'aide, false sinon."),
        Field("mandataire", {"type": "object"}, "objet", "Le mandataire : obligatoire si l'un "
              "des deux mandats vaut true, ignoré sinon.", required=MANDATE_NEEDED,
              children=mandatary_fields()),
    ]
    if corridor.scenarios:
        fields.append(Field("scenarios", {"type": "object"}, "objet",
                            "Les scénarios d'installation du couloir, chacun true (réalisé) ou "
                            "false. Un scénario true doit être ouvert au profil pour lequel "
                            "votre logiciel est référencé.",
                            children=tuple(scenario_field(s) for s in corridor.scenarios)))
    return tuple(fields)


def scenario_field(scenario: dict) -> Field:
    group = f"{scenario['group']} — " if scenario.get("group") else ""
    profiles = (f" Profils admis : {', '.join(scenario['profiles'])}."
                if scenario.get("profiles") else " Tous profils.")
    return Field(scenario["code"], {"type": "boolean"}, "booléen",
                 f"{group}{scenario['label']}.{profiles}")


def caps_text(corridor: Corridor) -> str:
    parts = []
    if corridor.cap_per_beneficiary is not None:
        parts.append(f"{formatting.euros(corridor.cap_per_beneficiary)} HT par bénéficiaire")
    if corridor.cap_per_request is not None:
        parts.append(f"{formatting.euros(corridor.cap_per_request)} HT par demande")
    return (" Le montant retenu est plafonné à " + " et ".join(parts) + ".") if parts else ""


def file_fields(corridor: Corridor, kind: str) -> tuple:
    """The top level of a file."""
    return (
        Field("typeDemande", {"const": TYPES[kind]}, "texte",
              f"« {TYPES[kind]} » : un fichier ne contient que des demandes "
              f"{'d’avance' if kind == ADVANCE else 'de solde'}."),
        Field("couloir", {"const": corridor.code}, "texte", f"« {corridor.code} » : le code du "
              f"couloir ({corridor.label})."),
        Field("numeroReferencementANS", _text(50), "texte", "Le numéro de référencement ANS de "
              "votre logiciel, celui d'un de vos enrôlements validés."),
        Field("demandes", {"type": "array", "minItems": 1, "maxItems": REQUESTS_MAX,
                           "items": {}}, "liste d'objets",
              f"Les demandes : 1 à {REQUESTS_MAX} par fichier.",
              children=request_fields(corridor, kind)),
    )


def schema(corridor: Corridor, kind: str, schema_id: str = "") -> dict:
    """The JSON Schema of a file of `kind` requests for `corridor`."""
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": f"{TYPE_TITLES[kind]} — couloir {corridor.code}",
                "description": f"Fichier JSON des {TYPE_TITLES[kind].lower()} du couloir "
                               f"« {corridor.label} » sur le Portail Ségur Numérique.",
                **_object(file_fields(corridor, kind))}
    if schema_id:
        document = {"$id": schema_id, **document}
    request = document["properties"]["demandes"]["items"]
    request["allOf"] = [{
        "if": {"anyOf": [{"properties": {"mandatBeneficiaire": {"const": True}},
                          "required": ["mandatBeneficiaire"]},
                         {"properties": {"mandatPaiement": {"const": True}},
                          "required": ["mandatPaiement"]}]},
        "then": {"required": ["mandataire"]}}]
    return document


def rows(corridor: Corridor, kind: str) -> list[Row]:
    """The documentation's table: every field, depth first, named by its path."""
    found = []

    def walk(fields, prefix, depth):
        for item in fields:
            path = f"{prefix}{item.name}"
            required = ("Oui" if item.required is True else
                        "Non" if item.required is False else f"Oui, {item.required}")
            found.append(Row(path, item.kind, required, item.rules, depth))
            if item.children:
                walk(item.children, path + ("[]." if item.kind.startswith("liste") else "."),
                     depth + 1)
    walk(file_fields(corridor, kind), "", 0)
    return found


def field_named(corridor: Corridor, kind: str, name: str) -> Field | None:
    """A request's field by name (its rules say what is expected)."""
    return next((item for item in request_fields(corridor, kind) if item.name == name), None)
