"""Realistic demo data (reps, customers, contacts, interactions, follow-ups), written through the services."""
