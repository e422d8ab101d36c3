"""Plans (Kế hoạch): their tasks, lead agencies, timings and reports."""
