"""Core operations: each user action is one function, one transaction, validated first."""
