//! SIRET and SIREN, the French identifiers of establishments and companies: python-stdnum's cleaning,
//! the Luhn checksum (La Poste's own rule for its establishments), and the checks of a whole number.
//! Validation (`french-siret-value`), the content suggestions, the identifier transform and the
//! export's file names all use these.
//!
//! A leaf: it imports no other module of the engine.

/// python-stdnum's cleaning: look-alike spaces and digits to ASCII, then spaces and dots removed.
pub fn clean_identifier(value: &str) -> String {
    value
        .chars()
        .filter_map(|c| match c {
            ' ' | '.' | '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{b7}' => None,
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The SIRET/SIREN checksum of `digits`: Luhn, or for La Poste's establishments (14 digits starting
/// 356000000) a digit sum divisible by 5.
pub fn identifier_checksum(digits: &str) -> bool {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if digits.len() == 14 && digits.starts_with("356000000") && digits != "35600000000048" {
        return digits.bytes().map(|b| u32::from(b - b'0')).sum::<u32>().is_multiple_of(5);
    }
    luhn(digits)
}

/// 14 digits passing Luhn (La Poste's establishments: digit sum divisible by 5), whose first 9 form a SIREN.
pub fn is_siret(value: &str) -> bool {
    let siret = |digits: &str| {
        digits.len() == 14 && identifier_checksum(digits) && digits.get(..9).is_some_and(is_siren_digits)
    };
    // Most values are already bare digits: nothing to clean, nothing to allocate.
    if bare_digits(value) {
        siret(value)
    } else {
        siret(&clean_identifier(value))
    }
}

/// 9 digits passing Luhn.
pub fn is_siren(value: &str) -> bool {
    if bare_digits(value) {
        is_siren_digits(value)
    } else {
        is_siren_digits(&clean_identifier(value))
    }
}

fn bare_digits(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii_digit())
}

fn is_siren_digits(digits: &str) -> bool {
    digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) && luhn(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siret_cleaning_and_checksum() {
        for ok in [
            "21740042300018",
            "217 400 423 00018",
            "217.400.423.00018",
            "217\u{a0}400\u{a0}423\u{a0}00018",
            "00000000000000",
            "35600000000048",
        ] {
            assert!(is_siret(ok), "{ok}");
        }
        for bad in ["21740042300019", "2174004230001", "217-400-423-00018", "21860194600000", ""] {
            assert!(!is_siret(bad), "{bad}");
        }
    }

    #[test]
    fn siren_checksum() {
        assert!(is_siren("217400423"));
        assert!(!is_siren("217-400-423"));
        assert!(!is_siren("217400424"));
    }
}
