"""The managers' instruction tools (issue 18, items 5–7): exports of the queues and of a dossier,
the dashboard, the search of the back-office's header."""
