"""Models, one module per domain."""
from portal.models.reference import AnsReferencing, Company, FaqEntry, NewsItem

ALL_MODELS = [AnsReferencing, Company, NewsItem, FaqEntry]
