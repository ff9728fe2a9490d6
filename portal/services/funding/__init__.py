"""MSS funding: the tariff and amounts, advance and balance requests, their instruction, payment and documents."""
