"""The instruction tools around a dossier (issue 18), the same for its three kinds — an enrolment,
a funding request, a JSON import: the message thread between the operator and the ASP (thread),
the staff's private notes (notes), who follows a dossier and what changed since they looked
(follow), and the actions a manager makes on many dossiers at once (bulk). `dossiers` says what
each kind is: its owner, its pages, its history."""
