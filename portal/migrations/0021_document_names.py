"""The names of documents stored with control characters (a line break sent through RFC 2231
`filename*`), which made their download fail: put on one line, as storage now keeps them."""
from peewee import CharField, Model

from portal.services.core.cleaning import one_line


def apply(database):
    class Document(Model):
        original_name = CharField()

        class Meta:
            table_name = "document"

    Document._meta.set_database(database)
    for document_id, name in Document.select(Document.id, Document.original_name).tuples():
        cleaned = one_line(name)
        if cleaned != name:
            Document.update(original_name=cleaned).where(Document.id == document_id).execute()
