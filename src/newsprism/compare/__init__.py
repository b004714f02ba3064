"""How each outlet told one story: facts, omissions, quotes, entities (issue 6, in progress)."""
