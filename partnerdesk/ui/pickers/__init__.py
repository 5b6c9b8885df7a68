"""Input widgets that replace raw codes typed as text: time zones, working hours, typed e-mail/phone rows."""
