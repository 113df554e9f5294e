//! The DKIM key, from a file: RSA as PKCS#1 PEM (`openssl genrsa
//! -traditional 2048`), or Ed25519 as PKCS#8 PEM (`openssl genpkey
//! -algorithm ed25519`) or its 32 bytes in base64. Every copy is signed
//! over [`SIGNED_HEADERS`] with relaxed canonicalization, which survives
//! the folding and spacing relays apply.

use super::compose::SIGNED_HEADERS;
use base64::Engine;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::HeaderName;

/// The DER prefix of an Ed25519 private key in PKCS#8 (RFC 8410): the key's
/// 32 bytes follow it.
const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// Which kind of key a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa,
    Ed25519,
}

/// Reads a DKIM key's text and makes the signing configuration for
/// `selector` and `domain`; a clear sentence if the key cannot be used.
pub fn dkim_config(
    key_text: &str,
    selector: &str,
    domain: &str,
) -> Result<(DkimConfig, KeyKind), String> {
    let (key, kind) = signing_key(key_text)?;
    let headers = SIGNED_HEADERS
        .iter()
        .map(|name| HeaderName::new_from_ascii_str(name))
        .collect();
    let config = DkimConfig::new(
        selector.to_owned(),
        domain.to_owned(),
        key,
        headers,
        DkimCanonicalization {
            header: DkimCanonicalizationType::Relaxed,
            body: DkimCanonicalizationType::Relaxed,
        },
    );
    Ok((config, kind))
}

fn signing_key(text: &str) -> Result<(DkimSigningKey, KeyKind), String> {
    let text = text.trim();
    if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
        let key = DkimSigningKey::new(text, DkimSigningAlgorithm::Rsa)
            .map_err(|err| format!("not an RSA key in PKCS#1 PEM: {err}"))?;
        return Ok((key, KeyKind::Rsa));
    }
    let seed = if text.contains("-----BEGIN PRIVATE KEY-----") {
        let body: String = text
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body.trim())
            .map_err(|err| format!("the PEM is not base64: {err}"))?;
        match der.strip_prefix(&ED25519_PKCS8_PREFIX[..]) {
            Some(seed) if seed.len() == 32 => seed.to_vec(),
            _ => {
                return Err(
                    "a PKCS#8 key that is not Ed25519: for RSA, give the key in \
                     PKCS#1 (openssl rsa -in KEY -traditional -out KEY.rsa)"
                        .into(),
                )
            }
        }
    } else {
        let seed = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| {
                "neither a PEM key nor an Ed25519 key in base64 (make one with \
                 openssl genpkey -algorithm ed25519)"
                    .to_owned()
            })?;
        if seed.len() != 32 {
            return Err(format!(
                "an Ed25519 key in base64 is 32 bytes, and this is {}",
                seed.len()
            ));
        }
        seed
    };
    let key = DkimSigningKey::new(
        &base64::engine::general_purpose::STANDARD.encode(seed),
        DkimSigningAlgorithm::Ed25519,
    )
    .map_err(|err| format!("not an Ed25519 key: {err}"))?;
    Ok((key, KeyKind::Ed25519))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ed25519_key_reads_from_pkcs8_pem_or_base64() {
        // openssl genpkey -algorithm ed25519
        let pem = "-----BEGIN PRIVATE KEY-----\n\
                   MC4CAQAwBQYDK2VwBCIEIHZJa1G1/1xrzKFs0m3ku3kYv6Ol1yHkbE9YMOoRHtCc\n\
                   -----END PRIVATE KEY-----\n";
        assert_eq!(signing_key(pem).unwrap().1, KeyKind::Ed25519);
        let raw = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        assert_eq!(signing_key(&raw).unwrap().1, KeyKind::Ed25519);
    }

    #[test]
    fn a_key_that_cannot_sign_says_why() {
        assert!(signing_key("hello")
            .unwrap_err()
            .contains("neither a PEM key"));
        let short = base64::engine::general_purpose::STANDARD.encode([7u8; 16]);
        assert!(signing_key(&short).unwrap_err().contains("32 bytes"));
        let rsa = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----";
        assert!(signing_key(rsa).unwrap_err().contains("PKCS#1"));
    }
}
