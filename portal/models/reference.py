"""Reference data loaded by an administrator: ANS referencing list, company directory, news, FAQ."""
from peewee import BooleanField, CharField, DateField, IntegerField, TextField

from portal.models.base import BaseModel

DSR_MSS = "MSS Opérateurs"


class AnsReferencing(BaseModel):
    """One entry of the ANS referencing list (numéro de référencement ANS)."""
    number = CharField(unique=True)
    software_name = CharField()
    software_version = CharField()
    dsr = CharField()  # "MSS Opérateurs", "DPI" …
    profile = CharField()  # profile of the holder of the referencing
    validated = BooleanField(default=True)  # False: pending, the enrolment is anticipated
    holder_siret = CharField(max_length=14)

    @property
    def is_dpi(self) -> bool:
        return self.dsr.upper().startswith("DPI")

    @property
    def is_mss(self) -> bool:
        return self.dsr == DSR_MSS

    class Meta:
        table_name = "ans_referencing"


class Company(BaseModel):
    """An establishment of the company directory (SIRENE fields the wizard shows)."""
    siret = CharField(max_length=14, unique=True)
    denomination = CharField()
    street = CharField()
    postcode = CharField(max_length=5)
    commune = CharField()

    class Meta:
        table_name = "company"


class NewsItem(BaseModel):
    title = CharField()
    body = TextField()
    published_on = DateField()
    for_operators = BooleanField(default=False)  # shown on the private home rather than the public one

    class Meta:
        table_name = "news_item"


class FaqEntry(BaseModel):
    question = CharField()
    answer = TextField()
    position = IntegerField(default=0)

    class Meta:
        table_name = "faq_entry"
