"""Locale: translation catalogs and Vietnamese formatting of numbers, money and dates."""
