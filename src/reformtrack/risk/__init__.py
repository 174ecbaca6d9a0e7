"""Social stability risk assessments (社会稳定风险评估) and the start gate they hold."""
