"""Enrolments: the wizard and its rules, drafts, deposits, corrections, instruction and the tables that list them."""
