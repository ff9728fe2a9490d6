"""Forms of the operators' private space."""
