"""Document templates sent for the ASP's review (guide 003 §5.3): the supplier's import, its
validation, the managers' queue and decision."""
