"""Progress reports (进展填报): reporting cycles, units' reports with evidence, review and return."""
