"""Forms of the back-office."""
