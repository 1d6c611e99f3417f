"""The domain: typed models of the records and the rules that keep them valid."""
