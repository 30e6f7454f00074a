"""Writers of the official layout (PDF, Excel, Word), each drawing the layout grid."""
