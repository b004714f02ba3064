"""Stories: online clustering of analysed articles, with stable ids."""
