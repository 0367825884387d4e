"""The core model every layer shares: severities, spans, fixes and findings, the results reporters receive, the
selector grammar, and atomic writes. It imports nothing else of postlint."""
