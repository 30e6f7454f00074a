"""绩效自评表 (self-evaluation): the scoring engine — profiles, rules, actual values, weights.

No Qt, no file formats: it may import goaleditor.model only. The document kind and its file
format come later and call these pure functions.
"""
