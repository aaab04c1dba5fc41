//! Just enough DER to read what webpki keeps private: a certificate's
//! validity period, and the parts its own signature covers (for a
//! self-signed certificate, whose signature webpki never checks when it is
//! used as a leaf).

/// The fields of one X.509 certificate that `tls::verify` needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cert<'a> {
    /// The whole `tbsCertificate`, tag and length included: what the
    /// signature covers.
    pub tbs: &'a [u8],
    /// The content of `signatureAlgorithm` (an AlgorithmIdentifier without
    /// its SEQUENCE header), as webpki's algorithms name theirs.
    pub signature_alg: &'a [u8],
    /// The signature's bits (the BIT STRING without its unused-bits byte).
    pub signature: &'a [u8],
    /// notBefore and notAfter, in Unix seconds.
    pub not_before: u64,
    pub not_after: u64,
}

/// One TLV read off the front of the input: (tag, content, the whole TLV,
/// what follows).
type Tlv<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);

fn tlv(input: &[u8]) -> Option<Tlv<'_>> {
    let (&tag, after_tag) = input.split_first()?;
    let (&first, mut rest) = after_tag.split_first()?;
    let len = if first < 0x80 {
        first as usize
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | b as usize);
        rest = &rest[n..];
        len
    };
    if rest.len() < len {
        return None;
    }
    let header = input.len() - rest.len();
    Some((tag, &rest[..len], &input[..header + len], &rest[len..]))
}

/// Parses `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
/// signatureValue }`; `None` for anything malformed.
pub(super) fn parse(cert: &[u8]) -> Option<Cert<'_>> {
    let (0x30, certificate, _, _) = tlv(cert)? else {
        return None;
    };
    let (0x30, tbs_content, tbs, rest) = tlv(certificate)? else {
        return None;
    };
    let (0x30, signature_alg, _, rest) = tlv(rest)? else {
        return None;
    };
    let (0x03, bits, _, _) = tlv(rest)? else {
        return None;
    };
    let (&0, signature) = bits.split_first()? else {
        return None;
    };
    let mut fields = tbs_content;
    let (tag, _, _, after) = tlv(fields)?;
    if tag == 0xA0 {
        fields = after; // [0] version
    }
    let (_, _, _, fields) = tlv(fields)?; // serialNumber
    let (_, _, _, fields) = tlv(fields)?; // signature
    let (_, _, _, fields) = tlv(fields)?; // issuer
    let (0x30, validity, _, _) = tlv(fields)? else {
        return None;
    };
    let (tag, time, _, rest) = tlv(validity)?;
    let not_before = parse_time(tag, time)?;
    let (tag, time, _, _) = tlv(rest)?;
    let not_after = parse_time(tag, time)?;
    Some(Cert {
        tbs,
        signature_alg,
        signature,
        not_before,
        not_after,
    })
}

/// UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ).
fn parse_time(tag: u8, text: &[u8]) -> Option<u64> {
    let digits = |s: &[u8]| -> Option<u64> {
        s.iter().try_fold(0u64, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
        })
    };
    let (year, rest) = match tag {
        0x17 => {
            let yy = digits(text.get(..2)?)?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, text.get(2..)?)
        }
        0x18 => (digits(text.get(..4)?)?, text.get(4..)?),
        _ => return None,
    };
    let field = |i: usize| digits(rest.get(i..i + 2)?);
    let (month, day, hour, minute, second) =
        (field(0)?, field(2)?, field(4)?, field(6)?, field(8)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    // Before 1970 does not fit the u64 seconds this returns.
    let days = u64::try_from(crate::time::days_from_civil(
        year as i64,
        month as i64,
        day as i64,
    ))
    .ok()?;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time(0x17, b"700101000000Z"), Some(0));
        assert_eq!(parse_time(0x17, b"250101000001Z"), Some(1_735_689_601));
        assert_eq!(parse_time(0x18, b"20000301000000Z"), Some(951_868_800));
        assert_eq!(parse_time(0x17, b"7001x1000000Z"), None);
    }

    #[test]
    fn truncated_or_empty_input_is_none() {
        assert_eq!(parse(&[]), None);
        assert_eq!(parse(&[0x30, 0x82, 0x01]), None);
        assert_eq!(parse(&[0x30, 0x00]), None);
    }
}
