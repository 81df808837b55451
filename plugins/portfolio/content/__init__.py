"""Hand-written content support: results figures and chart, iCalendar of upcoming events."""
