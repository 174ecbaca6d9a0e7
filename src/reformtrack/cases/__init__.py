"""The reform case library (改革案例库): write-ups of reforms that worked."""
