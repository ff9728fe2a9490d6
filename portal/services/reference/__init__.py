"""Reference data: the ANS referencing list, the company directory, the Annuaire Santé extraction."""
