"""Citizens' satisfaction ratings and comments on projects, their abuse limits and moderation."""
