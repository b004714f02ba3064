"""How each outlet told one story: facts, omissions, quotes, entities, framing, wire, blindspots."""
