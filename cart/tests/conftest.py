"""Helpers that several cart test modules share."""

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffffff7f0009fb03fd2a86e38a0000000049454e44ae426082"
)
