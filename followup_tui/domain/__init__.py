"""Pure rules of follow-up: no Textual, no SQL. pendulum and phonenumbers only."""
