//! The credential options: `INTERNET_OPTION_USERNAME`, `PASSWORD`,
//! `PROXY_USERNAME`, `PROXY_PASSWORD`, on connection and request handles.
//!
//! As Wine's http.c test_proxy_direct checks on Windows: a session handle
//! refuses them; an unset one reads back as an empty string; the value is
//! read to its NUL whatever length the caller passes (a length of 1 still
//! sets "mike"). A connection's values pass to the requests made from it.

use crate::ffi::*;
use crate::handles::{lock, Handle, Kind};
use openinet::consts::*;
use openinet::{CredentialField, Error};

/// The field an option names, if it is a credential option.
pub fn field_of(option: DWORD) -> Option<CredentialField> {
    Some(match option {
        INTERNET_OPTION_USERNAME => CredentialField::Username,
        INTERNET_OPTION_PASSWORD => CredentialField::Password,
        INTERNET_OPTION_PROXY_USERNAME => CredentialField::ProxyUsername,
        INTERNET_OPTION_PROXY_PASSWORD => CredentialField::ProxyPassword,
        _ => return None,
    })
}

/// The value of `field` on `h`.
pub fn query(h: &Handle, field: CredentialField) -> Result<String, Error> {
    match &h.kind {
        Kind::Connect(c) => {
            let c = lock(c);
            Ok(match field {
                CredentialField::Username => c.username.clone(),
                CredentialField::Password => c.password.clone(),
                CredentialField::ProxyUsername => c.proxy_username.clone(),
                CredentialField::ProxyPassword => c.proxy_password.clone(),
            }
            .unwrap_or_default())
        }
        Kind::Request(r) => Ok(r
            .try_lock()
            .map_err(|_| Error::IncorrectHandleState)?
            .credential(field)),
        _ => Err(Error::IncorrectHandleType),
    }
}

/// Sets `field` on `h` from the caller's string.
///
/// # Safety
/// `buffer` NULL or valid for `len` characters (one when `len` is 0).
pub unsafe fn set(
    h: &Handle,
    field: CredentialField,
    buffer: LPVOID,
    len: DWORD,
    wide: bool,
) -> Result<(), Error> {
    // As for USER_AGENT: the length is the buffer's size, and an empty
    // buffer holds no string (nothing of it may be read).
    if buffer.is_null() || len == 0 {
        return Err(Error::InvalidParameter);
    }
    // SAFETY: per this function's contract.
    let value = unsafe {
        if wide {
            name_str(buffer as *const u16, len as usize)
        } else {
            name_str(buffer as *const u8, len as usize)
        }
    };
    match &h.kind {
        Kind::Connect(c) => {
            let mut c = lock(c);
            let slot = match field {
                CredentialField::Username => &mut c.username,
                CredentialField::Password => &mut c.password,
                CredentialField::ProxyUsername => &mut c.proxy_username,
                CredentialField::ProxyPassword => &mut c.proxy_password,
            };
            *slot = value;
        }
        Kind::Request(r) => r
            .try_lock()
            .map_err(|_| Error::IncorrectHandleState)?
            .set_credential(field, value),
        _ => return Err(Error::IncorrectHandleType),
    }
    Ok(())
}
