"""Forms of the public site: the enrolment wizard, the support form."""
