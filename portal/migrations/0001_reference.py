"""Reference data tables."""
from peewee import BooleanField, CharField, DateField, DateTimeField, IntegerField, Model, TextField

from portal.models.base import utcnow


def apply(database):
    class Base(Model):
        created_at = DateTimeField(default=utcnow)

        class Meta:
            legacy_table_names = False

    class AnsReferencing(Base):
        number = CharField(unique=True)
        software_name = CharField()
        software_version = CharField()
        dsr = CharField()
        profile = CharField()
        validated = BooleanField(default=True)
        holder_siret = CharField(max_length=14)

        class Meta:
            table_name = "ans_referencing"

    class Company(Base):
        siret = CharField(max_length=14, unique=True)
        denomination = CharField()
        street = CharField()
        postcode = CharField(max_length=5)
        commune = CharField()

        class Meta:
            table_name = "company"

    class NewsItem(Base):
        title = CharField()
        body = TextField()
        published_on = DateField()
        for_operators = BooleanField(default=False)

        class Meta:
            table_name = "news_item"

    class FaqEntry(Base):
        question = CharField()
        answer = TextField()
        position = IntegerField(default=0)

        class Meta:
            table_name = "faq_entry"

    models = [AnsReferencing, Company, NewsItem, FaqEntry]
    database.bind(models)
    database.create_tables(models)
