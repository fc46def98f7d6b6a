"""Default rule and lexicon data shipped with checker (installed as `checker.rules`)."""
