"""Getting prospects in and out: sample data, CSV import and export, calendars."""
