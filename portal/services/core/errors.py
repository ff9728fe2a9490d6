"""The one way a service says no: `Refused`, carrying the French message to show beside each
field ("action" for the request as a whole). Views catch it in one place and answer 422 with the
form redrawn; nothing is written when it is raised. A refusal may carry facts the answer needs
(`locked`, `retry_after` for a locked account)."""

ACTION = "action"  # the key of a message about the request as a whole


class LinkedMessage(str):
    """A message some of whose words (`link_text`) open the page of `endpoint`: the forms' message
    area makes them a link; anywhere else (a log, a comparison) it is its plain text."""

    def __new__(cls, before: str, link_text: str, after: str, endpoint: str):
        message = super().__new__(cls, before + link_text + after)
        message.before, message.link_text, message.after = before, link_text, after
        message.endpoint = endpoint
        return message

    def __reduce__(self):  # copied or pickled whole, link included
        return LinkedMessage, (self.before, self.link_text, self.after, self.endpoint)


class Refused(Exception):
    def __init__(self, errors: dict[str, str], **facts):
        super().__init__("; ".join(errors.values()))
        self.errors = errors
        self.facts = facts

    @property
    def message(self) -> str:
        """The message about the request as a whole (or the first one)."""
        return self.errors.get(ACTION) or next(iter(self.errors.values()), "")

    def __getattr__(self, name):
        facts = self.__dict__.get("facts", {})
        if name in facts:
            return facts[name]
        raise AttributeError(name)


def refuse_if(errors: dict, refused: dict | None = None, **facts) -> None:
    """Raise Refused when there is anything to say: the `errors` a service found, after the
    messages `refused` holds (a file refused on its way in), which win on a field both name."""
    merged = dict(refused or {})
    for name, message in errors.items():
        merged.setdefault(name, message)
    if merged:
        raise Refused(merged, **facts)
