"""Accounts: sign-in and passwords, staff accounts, the operator home, bank details and natural persons."""
