//! `phone-number-value`: Validata's rule, on the `phonenumber` crate (the Rust port of Google's
//! libphonenumber, the library behind Python's `phonenumbers` that Validata uses).
//!
//! A value is valid when, read as a French number, it is a valid number or a valid French short
//! number (`15`, `115`, `3949`…), or else when, read as an international number (it needs a `+`), it is
//! a valid number. The `phonenumber` crate has no short-number support, so the French short-number
//! rule is written here from libphonenumber's `ShortNumberMetadata` for FR (the version Validata
//! pins, 8.13.23): short numbers of other countries (`+32 112`) are not recognised, where Validata
//! would accept them.

use phonenumber::country::Id;
use phonenumber::metadata::{Descriptor, DATABASE};
use phonenumber::{PhoneNumber, Type};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// libphonenumber's FR short-number metadata (8.13.23): the general description, then the short
/// codes, both with possible lengths 2 to 6.
static FR_SHORT: LazyLock<Option<(Regex, Regex)>> = LazyLock::new(|| {
    let general = Regex::new(r"^(?:[1-8]\d{1,5})$").ok()?;
    let short = Regex::new(
        r"^(?:1(?:0\d\d|1(?:[02459]|6(?:000|111)|8\d{3})|[578]|9[167])|2(?:0(?:00|2)0|24)|[3-8]\d{4}|3\d{3}|6(?:1[14]|34)|7(?:0[06]|22|40))$",
    )
    .ok()?;
    Some((general, short))
});

/// libphonenumber's FR metadata in the version Validata pins (8.13.23): a valid French number is 9
/// digits after the 0 (the general description) of one of the types fixed line, mobile, toll free,
/// premium rate, shared cost, VoIP or UAN. The crate's newer metadata differs for French numbers
/// Validata accepts ("02 62…", Réunion numbers written as French ones), so French numbers are
/// checked on this copy; other countries on the crate's metadata.
static FR_VALID: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:59[1-9]\d{6}|(?:[1-3]\d|4[1-9]|5[0-8])\d{7}",
        r"|(?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}",
        r"|80[0-5]\d{6}",
        r"|836(?:0[0-36-9]|[1-9]\d)\d{4}|8(?:1[2-9]|2[2-47-9]|3[0-57-9]|[569]\d|8[0-35-9])\d{6}",
        r"|8(?:1[01]|2[0156]|4[02]|84)\d{6}",
        r"|9\d{8}",
        r"|80[6-9]\d{6})$"
    ))
    .ok()
});

/// The number types libphonenumber's `is_valid_number` accepts (any type but "unknown").
const TYPES: [Type; 10] = [
    Type::PremiumRate,
    Type::TollFree,
    Type::SharedCost,
    Type::Voip,
    Type::PersonalNumber,
    Type::Pager,
    Type::Uan,
    Type::Voicemail,
    Type::FixedLine,
    Type::Mobile,
];

/// Whether Validata's `phone-number-value` accepts the value.
pub fn is_valid_phone(text: &str) -> bool {
    if let Ok(number) = phonenumber::parse(Some(Id::FR), text) {
        if is_valid_number(&number) || is_french_short_number(&number, text) {
            return true;
        }
    }
    phonenumber::parse(None, text).is_ok_and(|number| is_valid_number(&number))
}

/// libphonenumber's `is_valid_number`.
fn is_valid_number(number: &PhoneNumber) -> bool {
    if number.code().value() == 33 {
        return FR_VALID.as_ref().is_some_and(|regex| regex.is_match(&significant(number)));
    }
    number.is_valid() && is_full_match(number)
}

/// The national significant number, leading zeros included (Italian numbers keep theirs).
fn significant(number: &PhoneNumber) -> String {
    let national = number.national();
    format!("{}{}", "0".repeat(usize::from(national.zeros())), national.value())
}

/// libphonenumber matches a number type's pattern against the *whole* national number; the crate
/// only checks that a match starts at the first digit, so "+376 653426020" (Andorra, one digit too
/// many) passes there. This redoes the type test with whole matches and possible lengths.
fn is_full_match(number: &PhoneNumber) -> bool {
    let Some(metadata) = number.metadata(&DATABASE) else {
        return false;
    };
    let nsn = significant(number);
    let descriptors = metadata.descriptors();
    let general = descriptors.general();
    let matches = |descriptor: &Descriptor| {
        let lengths = match descriptor.possible_length() {
            [] => general.possible_length(),
            lengths => lengths,
        };
        let length = u16::try_from(nsn.len()).unwrap_or(u16::MAX);
        (lengths.is_empty() || lengths.contains(&length)) && whole_match(descriptor.national_number().as_str(), &nsn)
    };
    matches(general) && TYPES.iter().any(|kind| descriptors.get(*kind).is_some_and(matches))
}

/// `pattern` (libphonenumber's, whose layout spaces are not part of it) matches all of `text`;
/// each anchored regex is compiled once.
fn whole_match(pattern: &str, text: &str) -> bool {
    static ANCHORED: LazyLock<Mutex<HashMap<String, Option<Regex>>>> = LazyLock::new(Mutex::default);
    let Ok(mut cache) = ANCHORED.lock() else {
        return false;
    };
    cache
        .entry(pattern.to_owned())
        .or_insert_with(|| RegexBuilder::new(&format!("^(?:{pattern})$")).ignore_whitespace(true).build().ok())
        .as_ref()
        .is_some_and(|regex| regex.is_match(text))
}

/// libphonenumber's `is_valid_short_number` for a number of country code 33 (region FR). The
/// number must be written as it is dialled: libphonenumber never takes a leading "0" of a short
/// number for the national prefix ("0 115" is not 115), where the crate does.
fn is_french_short_number(number: &PhoneNumber, text: &str) -> bool {
    if number.code().value() != 33 {
        return false;
    }
    let nsn = significant(number);
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let written = digits == nsn
        || digits.strip_prefix("0033") == Some(nsn.as_str())
        || text.contains('+') && digits.strip_prefix("33") == Some(nsn.as_str());
    let Some((general, short)) = FR_SHORT.as_ref() else {
        return false;
    };
    written && (2..=6).contains(&nsn.len()) && general.is_match(&nsn) && short.is_match(&nsn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validata_examples() {
        for ok in [
            "01 99 00 27 37",
            "01.99.00.27.37",
            "0199002737",
            "+33 1 99 00 27 37",
            "0033199002737",
            "115",
            "3949",
            "15",
            "112",
            "0800 123 456",
            "+44 20 7946 0958",
            "tel: 01 99 00 27 37",
        ] {
            assert!(is_valid_phone(ok), "{ok} should be valid");
        }
        for bad in ["12", "abc", "0590 12 34 56"] {
            assert!(!is_valid_phone(bad), "{bad} should be invalid");
        }
    }

    /// Validata's verdicts (validata-ref) on numbers as communes write them.
    #[test]
    fn agrees_with_validata() {
        for (value, valid) in [
            ("01 99 00 27 37", true),
            ("01.99.00.27.37", true),
            ("0199002737", true),
            ("+33 1 99 00 27 37", true),
            ("0033199002737", true),
            ("115", true),
            ("3949", true),
            ("15", true),
            ("112", true),
            ("0800 123 456", true),
            ("+44 20 7946 0958", true),
            ("tel: 01 99 00 27 37", true),
            ("12", false),
            ("abc", false),
            ("0590 12 34 56", false),
            ("04 78 12 34 56", true),
            ("04-78-12-34-56", true),
            ("(04) 78 12 34 56", true),
            ("+33 (0)4 78 12 34 56", true),
            ("+33 (0) 4 78 12 34 56", true),
            ("+33 4 78 12 34 56", true),
            ("+33478123456", true),
            ("+590 590 12 34 56", true),
            ("+590590123456", true),
            ("+596 596 12 34 56", false),
            ("+262 262 12 34 56", true),
            ("+262 692 12 34 56", true),
            ("0262 12 34 56", true),
            ("06 12 34 56 78", true),
            ("07 81 23 45 67", true),
            ("+33 6 12 34 56 78", true),
            ("08 10 12 34 56", true),
            ("0 800 00 12 34", true),
            ("09 72 12 34 56", true),
            ("05 56 12 34 56 poste 123", false),
            ("05 56 12 34 56 ext. 123", true),
            ("05 56 12 34 56 / 06 12 34 56 78", false),
            ("0556123456;0612345678", true),
            ("04 78 12 34 5", false),
            ("04 78 12 34 567", false),
            ("4 78 12 34 56", true),
            ("+33 04 78 12 34 56", true),
            ("+32 2 123 45 67", false),
            ("+41 22 123 45 67", true),
            ("+687 28 12 34", true),
            ("+689 40 12 34 56", false),
            ("+508 41 12 34", true),
            ("3631", true),
            ("17", true),
            ("18", true),
            ("114", true),
            ("119", true),
            ("116000", true),
            ("1010", true),
            ("0 115", false),
            ("3020", true),
            ("30 20", true),
            ("01 23 45 67 89", true),
            ("02 43 12 34 56", true),
            ("03 20 12 34 56", true),
            ("+33 (0)6.12.34.56.78", true),
            ("Tél. 04 78 12 34 56", true),
            ("04 78 12 34 56 (mairie)", false),
            ("+33 9 72 12 34 56", true),
            ("+ 33 4 78 12 34 56", true),
            ("0033 4 78 12 34 56", true),
            ("00 33 4 78 12 34 56", true),
            ("04.78.12.34.56.", true),
        ] {
            assert_eq!(is_valid_phone(value), valid, "{value}");
        }
    }

    #[test]
    fn french_short_numbers_as_dialled() {
        for ok in ["17", "18", "114", "119", "116000", "1010", "3020", "30 20", "+33 115", "0033 115"] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in ["0 115", "0634", "084423", "1", "116001", "99"] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn whole_numbers_only() {
        // libphonenumber matches patterns against the whole number; the crate alone accepts these.
        assert!(!is_valid_phone("+376 653426020"));
        assert!(!is_valid_phone("+377 304794959"));
    }
}
