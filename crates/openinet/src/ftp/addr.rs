//! Data connection addresses: the replies to PASV (227) and EPSV (229),
//! and the PORT / EPRT commands of active mode (RFC 959, RFC 2428).

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4};

/// The address in a 227 reply: `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)`.
/// The parentheses are optional in practice; the first run of six
/// comma-separated numbers counts.
pub fn parse_pasv(text: &str) -> Option<SocketAddrV4> {
    let body = text.get(4..).unwrap_or("");
    let start = body.find(|c: char| c.is_ascii_digit())?;
    let mut nums = [0u8; 6];
    let mut count = 0;
    for part in body[start..].split(',') {
        if count == 6 {
            break;
        }
        let digits: String = part
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.is_empty() || digits.len() > 3 {
            return None;
        }
        nums[count] = digits.parse().ok()?;
        count += 1;
    }
    if count != 6 {
        return None;
    }
    let ip = Ipv4Addr::new(nums[0], nums[1], nums[2], nums[3]);
    let port = u16::from(nums[4]) << 8 | u16::from(nums[5]);
    (port != 0).then_some(SocketAddrV4::new(ip, port))
}

/// The port in a 229 reply: `229 Entering Extended Passive Mode (|||6446|)`.
/// The delimiter is whatever character follows the parenthesis.
pub fn parse_epsv(text: &str) -> Option<u16> {
    let open = text.find('(')?;
    let inner = &text[open + 1..];
    let delim = inner.chars().next()?;
    if delim.is_ascii_digit() || delim == ')' {
        return None;
    }
    let fields: Vec<&str> = inner.split(delim).collect();
    // "", "", "", "6446", ")" ...
    if fields.len() < 5 || !fields[1].is_empty() || !fields[2].is_empty() {
        return None;
    }
    let port: u16 = fields[3].parse().ok()?;
    (port != 0).then_some(port)
}

/// The command that tells the server where to connect in active mode:
/// `PORT h1,h2,h3,h4,p1,p2` for IPv4, `EPRT |2|addr|port|` for IPv6.
pub fn port_command(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) => {
            let o = ip.octets();
            let p = addr.port();
            format!(
                "PORT {},{},{},{},{},{}",
                o[0],
                o[1],
                o[2],
                o[3],
                p >> 8,
                p & 0xFF
            )
        }
        IpAddr::V6(ip) => format!("EPRT |2|{}|{}|", ip, addr.port()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasv_replies() {
        assert_eq!(
            parse_pasv("227 Entering Passive Mode (127,0,0,1,195,80)."),
            Some("127.0.0.1:50000".parse().unwrap())
        );
        assert_eq!(
            parse_pasv("227 =10,1,2,3,0,21"),
            Some("10.1.2.3:21".parse().unwrap())
        );
        for bad in [
            "227 Entering Passive Mode",
            "227 (1,2,3)",
            "227 (256,0,0,1,1,1)",
            "227 (1,2,3,4,0,0)",
            "227 (1,2,3,4,5,99999)",
            "",
            "22",
        ] {
            assert_eq!(parse_pasv(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn epsv_replies() {
        assert_eq!(
            parse_epsv("229 Entering Extended Passive Mode (|||6446|)"),
            Some(6446)
        );
        assert_eq!(parse_epsv("229 ok (!!!21!)"), Some(21));
        for bad in [
            "229 (|||0|)",
            "229 (|||70000|)",
            "229 (||1|2|)",
            "229 no parens",
            "229 (",
            "229 (|",
            "229 (123)",
        ] {
            assert_eq!(parse_epsv(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn port_commands() {
        assert_eq!(
            port_command("127.0.0.1:50000".parse().unwrap()),
            "PORT 127,0,0,1,195,80"
        );
        assert_eq!(
            port_command("[::1]:2121".parse().unwrap()),
            "EPRT |2|::1|2121|"
        );
    }
}
