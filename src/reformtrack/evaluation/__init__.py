"""Post-implementation evaluations (实施后评估), their expert reviewers and reports."""
