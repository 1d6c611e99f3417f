"""Typed errors raised by the core. Each carries a message meant for the clerk (already translated)."""

from __future__ import annotations


class AppError(Exception):
    """Base of every error the user should see as a plain message."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(AppError):
    """The user gave something we refuse; nothing was written."""

    exit_code = 2


class ValidationError(InputError):
    """One or more fields are invalid. ``errors`` maps field name to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))


class NotFoundError(InputError):
    pass


class ReadOnlyError(InputError):
    """The record belongs to an imported unit or a locked year."""


class ConflictError(InputError):
    """The record changed since it was read (stale version)."""


class StorageError(AppError):
    """The data file cannot be used safely."""


class ForeignFileError(StorageError):
    exit_code = 2


class NewerSchemaError(StorageError):
    exit_code = 2


class CorruptFileError(StorageError):
    """SQLite's own checks fail on the data file; the newest good backup can replace it."""


class ReadOnlyDataError(StorageError):
    """The data folder (or the disk holding it) cannot be written: the data can be read, printed and
    backed up elsewhere, but no change can be saved. Nothing is wrong with the file itself."""

    exit_code = 2


class BadBackupError(StorageError):
    """A file offered for a restore fails the checks a data file must pass; the data was not touched."""

    exit_code = 2
