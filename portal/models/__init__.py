"""Models, one module per domain."""
from portal.models.accounts import Account, DocumentRequest, SignInFailure, SingleUseLink
from portal.models.bank import BankDetail, BankDetailEvent
from portal.models.budget import BudgetEnvelope, BudgetEnvelopeChange
from portal.models.beneficiaries import Beneficiary
from portal.models.documents import Document
from portal.models.enrolment import Enrolment, EnrolmentDraft, EnrolmentEvent
from portal.models.form_drafts import FormDraft
from portal.models.funding import FundingCall, FundingEvent, FundingRequest, MailboxCount
from portal.models.imports import ApiToken, Corridor, DeletedRequest, JsonImport
from portal.models.messages import DossierFollow, DossierMessage, DossierNote
from portal.models.mail import CaptchaUse, OutboxMessage, SupportMessage
from portal.models.ops import WorkerHeartbeat
from portal.models.recoveries import FundingRecovery
from portal.models.payments import DebtorAccount, PaymentBatch, PaymentLine
from portal.models.persons import PersonChange, PersonChangeEvent
from portal.models.reference import AnsReferencing, Company, FaqEntry, ImportJob, NewsItem
from portal.models.templates import DocumentTemplate, DocumentTemplateEvent

ALL_MODELS = [AnsReferencing, Company, NewsItem, FaqEntry, EnrolmentDraft, Enrolment,
              EnrolmentEvent, Document, OutboxMessage, SupportMessage, CaptchaUse, Account,
              SingleUseLink, DocumentRequest, FundingCall, BankDetail, BankDetailEvent,
              PersonChange, PersonChangeEvent, Corridor, JsonImport, ApiToken, DeletedRequest,
              FundingRequest, FundingEvent, MailboxCount, WorkerHeartbeat, SignInFailure, ImportJob, FormDraft,
              Beneficiary, DocumentTemplate, DocumentTemplateEvent, BudgetEnvelope,
              BudgetEnvelopeChange, FundingRecovery, DebtorAccount, PaymentBatch, PaymentLine,
              DossierMessage, DossierNote, DossierFollow]
