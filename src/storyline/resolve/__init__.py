"""Cross-document work over stored records: dating, actors, event merging, series, stories."""
