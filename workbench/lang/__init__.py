"""Languages and scripts: codes, plural rules, digits, word forms, numbers and links.

Modules and their public API:

- ``locales``: the Babel boundary: ``language`` (a validated ``Language``),
  ``plural_forms``, ``format_number``, ``format_gregorian``, ``to_native_digits``,
  ``display_name``, ``suggest``, ``normalise_code``, ``text_direction``;
- ``arabic_script``: Persian, Arabic, Sorani and Urdu folding (letter variants,
  ZWNJ, diacritics: ``fold`` with offsets, ``fold_text`` without) and their word
  forms;
- ``wordforms``: ``fold_latin``, ``english_forms``, ``latin_forms``,
  ``morphology`` (how a language folds text and spells out a term's forms),
  ``same_language``;
- ``lookup``: ``Lookup``, ``search_key``: a word looked up among many terms, folded,
  by word form and as a part of a term, best first (the glossary's search);
- ``numerals``: numbers read in every digit set, ``compare_numbers``;
- ``links``: ``find_links``, ``pair_links``, ``without_links``;
- ``lexicon``: ``FUNCTION_WORDS``, ``zipf``, ``band``, ``commonness``, ``participle``:
  how common an English word is (the ``wordfreq`` tables), for term extraction;
- ``domain``: ``vocabulary``, ``Vocabulary``, ``NONE``, ``fold``, ``fold_words``: the
  vocabulary of the labour movement, politics, protest and repression
  (``data/en-movement-vocabulary.txt``) and how its terms meet a statement's words;
- ``wordlists``: ``words``, ``phrases``: the word lists of ``data/``;
- ``dates``: ``find_dates``, ``compare_dates``: dates in the Gregorian and Solar
  Hijri calendars (the ``jdatetime`` boundary); ``format_moment``, a day and time
  as a reader of a language writes it.

Pure functions: no file but the package's own data is read.
"""
