//! Privacy settings per security zone (`PrivacySetZonePreferenceW`,
//! `PrivacyGetZonePreferenceW`): which privacy template a zone uses for
//! first- and third-party cookies, and a custom preference string.
//!
//! Windows keeps them in the registry; we keep them in memory for the
//! process (Wine does the same), starting at `PRIVACY_TEMPLATE_MEDIUM`,
//! Windows' default. They are recorded and reported, but no cookie
//! decision reads them yet: the store accepts every cookie.

use crate::consts::{
    PRIVACY_TEMPLATE_ADVANCED, PRIVACY_TEMPLATE_CUSTOM, PRIVACY_TEMPLATE_MAX,
    PRIVACY_TEMPLATE_MEDIUM, PRIVACY_TYPE_THIRD_PARTY,
};
use crate::Error;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// `URLZONE_UNTRUSTED`: zones run from `URLZONE_LOCAL_MACHINE` (0) to this.
const URLZONE_MAX: u32 = 4;

/// One zone's setting for one kind of party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZonePreference {
    /// A `PRIVACY_TEMPLATE_*`.
    pub template: u32,
    /// The custom rules (`IE6-P3PSettings/V1: ...`) of a custom or
    /// advanced template; `None` otherwise.
    pub preference: Option<String>,
}

static PREFERENCES: Mutex<BTreeMap<(u32, u32), ZonePreference>> = Mutex::new(BTreeMap::new());

/// The setting of `zone` (a `URLZONE_*`) for `party` (a `PRIVACY_TYPE_*`).
pub fn zone_preference(zone: u32, party: u32) -> Result<ZonePreference, Error> {
    check(zone, party)?;
    let prefs = PREFERENCES.lock().unwrap_or_else(|p| p.into_inner());
    Ok(prefs
        .get(&(zone, party))
        .cloned()
        .unwrap_or(ZonePreference {
            template: PRIVACY_TEMPLATE_MEDIUM,
            preference: None,
        }))
}

/// Sets `zone`'s template for `party`. A template outside
/// `PRIVACY_TEMPLATE_*` is `ERROR_INVALID_PARAMETER`, and so is
/// `PRIVACY_TEMPLATE_CUSTOM` without its preference string. The string is
/// kept only for the custom and advanced templates, which it describes.
pub fn set_zone_preference(
    zone: u32,
    party: u32,
    template: u32,
    preference: Option<&str>,
) -> Result<(), Error> {
    check(zone, party)?;
    let custom = template == PRIVACY_TEMPLATE_CUSTOM || template == PRIVACY_TEMPLATE_ADVANCED;
    if template > PRIVACY_TEMPLATE_MAX && !custom {
        return Err(Error::InvalidParameter);
    }
    if template == PRIVACY_TEMPLATE_CUSTOM && preference.is_none() {
        return Err(Error::InvalidParameter);
    }
    let setting = ZonePreference {
        template,
        preference: preference.filter(|_| custom).map(str::to_string),
    };
    let mut prefs = PREFERENCES.lock().unwrap_or_else(|p| p.into_inner());
    prefs.insert((zone, party), setting);
    Ok(())
}

fn check(zone: u32, party: u32) -> Result<(), Error> {
    if zone > URLZONE_MAX || party > PRIVACY_TYPE_THIRD_PARTY {
        return Err(Error::InvalidParameter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consts::{PRIVACY_TEMPLATE_LOW, PRIVACY_TYPE_FIRST_PARTY};

    // Zone 1 (intranet) is this test's alone: the table is process-wide.
    #[test]
    fn set_then_get_and_defaults() {
        assert_eq!(
            zone_preference(1, PRIVACY_TYPE_THIRD_PARTY)
                .unwrap()
                .template,
            PRIVACY_TEMPLATE_MEDIUM
        );
        set_zone_preference(
            1,
            PRIVACY_TYPE_FIRST_PARTY,
            PRIVACY_TEMPLATE_LOW,
            Some("ignored"),
        )
        .unwrap();
        let got = zone_preference(1, PRIVACY_TYPE_FIRST_PARTY).unwrap();
        assert_eq!(
            got,
            ZonePreference {
                template: PRIVACY_TEMPLATE_LOW,
                preference: None
            }
        );
        // The other party of the zone is untouched.
        assert_eq!(
            zone_preference(1, PRIVACY_TYPE_THIRD_PARTY)
                .unwrap()
                .template,
            PRIVACY_TEMPLATE_MEDIUM
        );
        let rules = "IE6-P3PSettings/V1: /=a/";
        set_zone_preference(
            1,
            PRIVACY_TYPE_FIRST_PARTY,
            PRIVACY_TEMPLATE_CUSTOM,
            Some(rules),
        )
        .unwrap();
        assert_eq!(
            zone_preference(1, PRIVACY_TYPE_FIRST_PARTY)
                .unwrap()
                .preference
                .as_deref(),
            Some(rules)
        );
    }

    #[test]
    fn bad_arguments() {
        assert_eq!(zone_preference(5, 0), Err(Error::InvalidParameter));
        assert_eq!(zone_preference(2, 2), Err(Error::InvalidParameter));
        assert_eq!(
            set_zone_preference(2, 0, 6, None),
            Err(Error::InvalidParameter)
        );
        assert_eq!(
            set_zone_preference(2, 0, PRIVACY_TEMPLATE_CUSTOM, None),
            Err(Error::InvalidParameter)
        );
        assert_eq!(
            zone_preference(2, 0).unwrap().template,
            PRIVACY_TEMPLATE_MEDIUM
        );
    }
}
