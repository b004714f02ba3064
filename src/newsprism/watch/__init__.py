"""`newsprism watch`: follow feeds and sitemaps and keep a database current, politely."""
