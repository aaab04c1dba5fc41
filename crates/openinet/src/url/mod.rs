//! URL functions (InternetCrackUrl & co.); see issue 3.
