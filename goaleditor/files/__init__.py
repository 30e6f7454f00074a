"""OS plumbing: atomic writes, lock files, OS locks and processes. No Qt, no formats, no model."""
