"""The one way a service says no: `Refused`, carrying the French message to show beside each
field ("action" for the request as a whole). Views catch it in one place and answer 422 with the
form redrawn; nothing is written when it is raised."""


class Refused(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors
