"""Pre-decision studies (决策前研究论证): background, options, the consultation record, the decision."""
