"""The JSON channel of guide 003 (issue 15): corridors, the published JSON format, the checks of a
file (simulated or imported), the filing of the requests it holds and their documents."""
