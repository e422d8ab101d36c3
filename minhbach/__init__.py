"""Minh Bạch: the People's opinions, complaints and denunciations, handled on time and published."""
