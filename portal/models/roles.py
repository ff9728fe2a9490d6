"""Who acts on the portal, defined once: the roles of accounts, and the roles an audit row names
(the same, plus the holder acting without an account and the portal itself)."""

OPERATOR = "operator"
MANAGER = "manager"
ADMIN = "admin"
BUDGET_OWNER = "budget_owner"  # decides validated funding requests within the budget envelopes
ROLE_LABELS = {OPERATOR: "Opérateur MSS", MANAGER: "Gestionnaire ASP", ADMIN: "Administrateur ASP",
               BUDGET_OWNER: "Responsable budgétaire"}
STAFF_ROLES = (MANAGER, ADMIN)  # the back-office's instruction (the budget owner has its own screen)
STAFF_ACCOUNT_ROLES = (MANAGER, ADMIN, BUDGET_OWNER)  # what `create-staff` creates

# Roles of an audit row besides an account's own: the operator as the holder of a request
# (« Opérateur »), the applicant of an enrolment (« Demandeur »), and the portal deciding alone.
HOLDER = "holder"
APPLICANT = "applicant"
SYSTEM = "system"
ACTOR_LABELS = {**ROLE_LABELS, HOLDER: "Opérateur", APPLICANT: "Demandeur",
                SYSTEM: "Décision automatique"}
