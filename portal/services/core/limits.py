"""The length limits of every free text a user types, in one place. The forms check them
(portal/forms: `MaxLength`, a French message beside the field); the services and the CSV
imports that check a length read them from here too. Every limit stays under 255, the varchar
of a CharField on PostgreSQL, except the long texts (TextField)."""

NAME = 100         # a last or first name, a contact's name
ADDRESS = 120      # a commune, a recipient, a building, an address complement
ORGANISATION = 200  # a denomination, a trade name, an account holder
SHORT = 20         # an address extension (bis, ter…)
IDENTIFIER = 50    # an ANS number, a SIRET, an IBAN, a BIC, an enrolment number, an identifiant
PHONE = 25
EMAIL = 254        # RFC 5321
URL = 255
CODE = 12          # the captcha's answer
NUMBER = 20        # a count or an amount, typed
PASSWORD = 128
ANSWER = 100       # the answer to a secret question
TITLE = 200        # a news title, a FAQ question
TEXT = 5000        # comments, reasons, the support message, news and FAQ bodies
