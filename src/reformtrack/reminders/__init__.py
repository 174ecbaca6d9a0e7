"""Reminders (催办 / 提醒) before and after deadlines: in the app, by e-mail, to group robots."""
