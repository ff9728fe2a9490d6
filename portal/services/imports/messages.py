"""jsonschema's errors said in French, for a supplier: where (the JSON path), what is expected and
what was found — never jsonschema's English text."""
from decimal import Decimal

from jsonschema.exceptions import ValidationError

from portal.services.imports.report import Problem

TYPE_WORDS = {"string": "un texte entre guillemets", "integer": "un nombre entier",
              "number": "un nombre JSON sans guillemets, avec un point décimal (par exemple "
                        "12500.50)",
              "boolean": "true ou false (sans guillemets)", "object": "un objet { … }",
              "array": "une liste [ … ]", "null": "null"}


def path_of(parts) -> str:
    """(« demandes », 2, « montantSegurHT ») → « demandes[2].montantSegurHT »."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def found(value) -> str:
    """A value of the file as the messages show it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"le texte « {shown} »" if value else "un texte vide"
    if isinstance(value, (int, Decimal, float)):
        return f"le nombre {value}"
    if isinstance(value, dict):
        return "un objet"
    if isinstance(value, list):
        return f"une liste de {len(value)} élément{'s' if len(value) > 1 else ''}"
    return str(value)


def _rules(error: ValidationError) -> str:
    return error.schema.get("description", "") if isinstance(error.schema, dict) else ""


def problems(error: ValidationError) -> list[Problem]:
    """One jsonschema error as the problems a supplier reads (several for a list of unexpected
    fields)."""
    parts, value, check = list(error.absolute_path), error.instance, error.validator
    path = path_of(parts)
    if check == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        if "then" in error.relative_schema_path:
            return [Problem(path_of(parts + [missing]), "Le mandataire est obligatoire lorsque "
                            "l'un des deux mandats vaut true.", "un objet « mandataire »",
                            "absent")]
        described = error.schema.get("properties", {}).get(missing, {}).get("description", "")
        return [Problem(path_of(parts + [missing]), f"Le champ « {missing} » est obligatoire.",
                        described, "absent")]
    if check == "additionalProperties":
        known = ", ".join(error.schema.get("properties", {}))
        extra = [name for name in value if name not in error.schema.get("properties", {})]
        return [Problem(path_of(parts + [name]), f"Le champ « {name} » n'est pas prévu par le "
                        "format (faute de frappe ?).", f"un des champs : {known}",
                        f"« {name} »") for name in extra]
    if check == "type":
        expected = error.validator_value
        return [Problem(path, "La valeur n'est pas du type attendu.",
                        TYPE_WORDS.get(expected, str(expected)), found(value))]
    if check in ("enum", "const"):
        allowed = error.validator_value if check == "enum" else [error.validator_value]
        words = ", ".join(found(item).replace("le texte ", "").replace("le nombre ", "")
                          for item in allowed)
        return [Problem(path, "Cette valeur n'est pas admise.",
                        ("une des valeurs : " if len(allowed) > 1 else "") + words, found(value))]
    if check in ("minLength", "maxLength"):
        expected = (f"au moins {error.validator_value} caractère" if check == "minLength"
                    else f"au plus {error.validator_value} caractères")
        return [Problem(path, "La longueur du texte n'est pas admise." if value else
                        "Le texte est vide.", expected, f"{len(value)} caractère"
                        + ("s" if len(value) > 1 else ""))]
    if check in ("minItems", "maxItems"):
        bound = error.validator_value
        expected = (f"au moins {bound} élément" + ("s" if bound > 1 else "") if check == "minItems"
                    else f"au plus {bound} élément" + ("s" if bound > 1 else ""))
        return [Problem(path, "Le nombre d'éléments de la liste n'est pas admis.", expected,
                        found(value))]
    if check in ("exclusiveMinimum", "minimum"):
        return [Problem(path, "Le montant doit être positif.",
                        f"un nombre supérieur à {error.validator_value}", found(value))]
    if check in ("exclusiveMaximum", "maximum"):
        return [Problem(path, "Le montant est trop grand.",
                        f"un nombre inférieur à {error.validator_value}", found(value))]
    if check == "pattern":
        return [Problem(path, "Le format de la valeur n'est pas respecté.", _rules(error),
                        found(value))]
    return [Problem(path, "La valeur ne respecte pas le format publié.", _rules(error),
                    found(value))]
