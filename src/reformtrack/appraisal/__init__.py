"""Units' yearly performance appraisal (绩效考核) with reform bonus points (改革加分)."""
