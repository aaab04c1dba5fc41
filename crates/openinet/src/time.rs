//! HTTP date conversions (InternetTimeFromSystemTime/ToSystemTime).
