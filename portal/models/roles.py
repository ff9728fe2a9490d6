"""Who acts on the portal, defined once: the roles of accounts, and the roles an audit row names
(the same, plus the holder acting without an account and the portal itself)."""

OPERATOR = "operator"
MANAGER = "manager"
ADMIN = "admin"
ROLE_LABELS = {OPERATOR: "Opérateur MSS", MANAGER: "Gestionnaire ASP", ADMIN: "Administrateur ASP"}
STAFF_ROLES = (MANAGER, ADMIN)

# Roles of an audit row besides an account's own: the operator as the holder of a request
# (« Opérateur »), the applicant of an enrolment (« Demandeur »), and the portal deciding alone.
HOLDER = "holder"
APPLICANT = "applicant"
SYSTEM = "system"
ACTOR_LABELS = {**ROLE_LABELS, HOLDER: "Opérateur", APPLICANT: "Demandeur",
                SYSTEM: "Décision automatique"}
