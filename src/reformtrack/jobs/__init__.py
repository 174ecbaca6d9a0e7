"""Background jobs with progress: bulletins and exports over large plans, run through Django's Tasks API."""
