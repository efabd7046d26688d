//! `phone-number-value`: Validata's rule, on the `phonenumber` crate (the Rust port of Google's
//! libphonenumber, the library behind Python's `phonenumbers` that Validata uses).
//!
//! A value is valid when, read as a French number, it is a valid number or a valid French short
//! number (`15`, `115`, `3949`…), or else when, read as an international number (it needs a `+`), it is
//! a valid number. The `phonenumber` crate has no short-number support, so the French short-number
//! rule is written here from libphonenumber's `ShortNumberMetadata` for FR (the version Validata
//! pins, 8.13.23): short numbers of other countries (`+32 112`, `+1 673933`) are not recognised,
//! where Validata accepts them.
//!
//! The crate (0.3.10) carries libphonenumber 9.0.33's metadata; Validata pins 8.13.23, and French
//! numbering moved in between (Réunion's "02 62…" written as French numbers, new overseas mobile
//! ranges). So numbers of France and of its overseas territories (+33, +590, +594, +596, +262,
//! +508, +687, +689, +681) are checked on a copy of 8.13.23's descriptions, as Validata does;
//! other countries on the crate's metadata, with whole-number matches as libphonenumber does.
//!
//! The crate's metadata (about 0.5 MB in a wasm, 50 KB brotli) is compiled in with the `phone-metadata`
//! feature (the default). The app builds without it, so that a first visit does not download what a
//! single schema of the catalog uses: it installs the same metadata ([`install_metadata`]), fetched
//! from beside it, before it validates against a schema with this check
//! ([`crate::CompiledSchema::phone_metadata_missing`]). Without metadata a value is not decided, and the
//! check reports it rather than let it pass.

use phonenumber::country::Id;
use phonenumber::metadata::{loader, Database, Descriptor};
use phonenumber::{PhoneNumber, Type};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, OnceLock};

/// The metadata installed at run time ([`install_metadata`]).
static INSTALLED: OnceLock<Database> = OnceLock::new();

/// libphonenumber's metadata: installed, else compiled in (if it is).
fn database() -> Option<&'static Database> {
    INSTALLED.get().or_else(compiled_in)
}

#[cfg(feature = "phone-metadata")]
fn compiled_in() -> Option<&'static Database> {
    Some(&phonenumber::metadata::DATABASE)
}

#[cfg(not(feature = "phone-metadata"))]
fn compiled_in() -> Option<&'static Database> {
    None
}

/// Installs libphonenumber's metadata, as JSON: the `phonenumber` crate's loader's records
/// (`phonenumber::metadata::loader::load`, serialised). Once installed, it stays.
pub fn install_metadata(json: &str) -> Result<(), String> {
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    let records: Vec<loader::Metadata> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let database = Database::from(records).map_err(|e| e.to_string())?;
    // Another thread may have installed it meanwhile: the same metadata.
    let _ = INSTALLED.set(database);
    Ok(())
}

/// Whether phone numbers can be checked: metadata compiled in or installed.
pub fn metadata_ready() -> bool {
    database().is_some()
}

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

/// A region's number descriptions: national number patterns with their possible lengths.
struct Region {
    code: u16,
    leading_digits: Option<&'static str>,
    general: (&'static str, &'static [usize]),
    types: &'static [(&'static str, &'static [usize])],
}

/// (country code, region, leading digits, general description, number types): libphonenumber 8.13.23.
const VALIDATA_METADATA: [Region; 12] = [
    Region {
        code: 33,
        leading_digits: None,
        general: (r"[1-9]\d{8}", &[9]),
        types: &[
            (r"836(?:0[0-36-9]|[1-9]\d)\d{4}|8(?:1[2-9]|2[2-47-9]|3[0-57-9]|[569]\d|8[0-35-9])\d{6}", &[9]),
            (r"80[0-5]\d{6}", &[9]),
            (r"8(?:1[01]|2[0156]|4[02]|84)\d{6}", &[9]),
            (r"9\d{8}", &[9]),
            (r"80[6-9]\d{6}", &[9]),
            (r"59[1-9]\d{6}|(?:[1-3]\d|4[1-9]|5[0-8])\d{7}", &[9]),
            (r"(?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}", &[9]),
        ],
    }, // FR
    Region {
        code: 590,
        leading_digits: None,
        general: (r"590\d{6}|(?:69|80|9\d)\d{7}", &[9]),
        types: &[
            (r"80[0-5]\d{6}", &[9]),
            (r"9(?:(?:395|76[018])\d|475[0-5])\d{4}", &[9]),
            (r"590(?:0[1-68]|[14][0-24-9]|2[0-68]|3[1-9]|5[3-579]|[68][0-689]|7[08]|9\d)\d{4}", &[9]),
            (r"69(?:0\d\d|1(?:2[2-9]|3[0-5]))\d{4}", &[9]),
        ],
    }, // GP
    Region {
        code: 590,
        leading_digits: None,
        general: (r"590\d{6}|(?:69|80|9\d)\d{7}", &[9]),
        types: &[
            (r"80[0-5]\d{6}", &[9]),
            (r"9(?:(?:395|76[018])\d|475[0-5])\d{4}", &[9]),
            (r"590(?:2[7-9]|3[3-7]|5[12]|87)\d{4}", &[9]),
            (r"69(?:0\d\d|1(?:2[2-9]|3[0-5]))\d{4}", &[9]),
        ],
    }, // BL
    Region {
        code: 590,
        leading_digits: None,
        general: (r"590\d{6}|(?:69|80|9\d)\d{7}", &[9]),
        types: &[
            (r"80[0-5]\d{6}", &[9]),
            (r"9(?:(?:395|76[018])\d|475[0-5])\d{4}", &[9]),
            (r"590(?:0[079]|[14]3|[27][79]|3[03-7]|5[0-268]|87)\d{4}", &[9]),
            (r"69(?:0\d\d|1(?:2[2-9]|3[0-5]))\d{4}", &[9]),
        ],
    }, // MF
    Region {
        code: 594,
        leading_digits: None,
        general: (r"[56]94\d{6}|(?:80|9\d)\d{7}", &[9]),
        types: &[
            (r"80[0-5]\d{6}", &[9]),
            (r"9(?:(?:396|76\d)\d|476[0-5])\d{4}", &[9]),
            (r"594(?:[02-49]\d|1[0-4]|5[6-9]|6[0-3]|80)\d{4}", &[9]),
            (r"694(?:[0-249]\d|3[0-8])\d{4}", &[9]),
        ],
    }, // GF
    Region {
        code: 596,
        leading_digits: None,
        general: (r"596\d{6}|(?:69|80|9\d)\d{7}", &[9]),
        types: &[
            (r"80[0-5]\d{6}", &[9]),
            (r"9(?:397[0-2]|477[0-5]|76(?:6\d|7[0-367]))\d{4}", &[9]),
            (r"596(?:[03-7]\d|10|2[7-9]|8[0-39]|9[04-9])\d{4}", &[9]),
            (r"69(?:6(?:[0-46-9]\d|5[0-6])|727)\d{4}", &[9]),
        ],
    }, // MQ
    Region {
        code: 262,
        leading_digits: None,
        general: (r"(?:26|[689]\d)\d{7}", &[9]),
        types: &[
            (r"89[1-37-9]\d{6}", &[9]),
            (r"80\d{7}", &[9]),
            (r"8(?:1[019]|2[0156]|84|90)\d{6}", &[9]),
            (r"9(?:399[0-3]|479[0-5]|76(?:2[27]|3[0-37]))\d{4}", &[9]),
            (r"26(?:2\d\d|3(?:0\d|1[0-6]))\d{4}", &[9]),
            (r"69(?:2\d\d|3(?:[06][0-6]|1[013]|2[0-2]|3[0-39]|4\d|5[0-5]|7[0-37]|8[0-8]|9[0-479]))\d{4}", &[9]),
        ],
    }, // RE
    Region {
        code: 262,
        leading_digits: None,
        general: (r"(?:80|9\d)\d{7}|(?:26|63)9\d{6}", &[9]),
        types: &[
            (r"80\d{7}", &[9]),
            (r"9(?:(?:39|47)8[01]|769\d)\d{4}", &[9]),
            (r"269(?:0[0-467]|5[0-4]|6\d|[78]0)\d{4}", &[9]),
            (r"639(?:0[0-79]|1[019]|[267]\d|3[09]|40|5[05-9]|9[04-79])\d{4}", &[9]),
        ],
    }, // YT
    Region {
        code: 508,
        leading_digits: None,
        general: (r"[45]\d{5}|(?:708|80\d)\d{6}", &[6, 9]),
        types: &[
            (r"80[0-5]\d{6}", &[9]),
            (r"(?:4[1-35-7]|5[01])\d{4}", &[6]),
            (r"(?:4[02-4]|5[056]|708[45][0-5])\d{4}", &[6, 9]),
        ],
    }, // PM
    Region {
        code: 687,
        leading_digits: None,
        general: (r"(?:050|[2-57-9]\d\d)\d{3}", &[6]),
        types: &[
            (r"36\d{4}", &[6]),
            (r"050\d{3}", &[6]),
            (r"(?:2[03-9]|3[0-5]|4[1-7]|88)\d{4}", &[6]),
            (r"(?:5[0-4]|[79]\d|8[0-79])\d{4}", &[6]),
        ],
    }, // NC
    Region {
        code: 689,
        leading_digits: None,
        general: (r"4\d{5}(?:\d{2})?|8\d{7,8}", &[6, 8, 9]),
        types: &[
            (r"80[0-5]\d{6}", &[9]),
            (r"499\d{5}", &[8]),
            (r"44\d{4}", &[6]),
            (r"4(?:0[4-689]|9[4-68])\d{5}", &[8]),
            (r"8[7-9]\d{6}", &[8]),
        ],
    }, // PF
    Region {
        code: 681,
        leading_digits: None,
        general: (r"(?:40|72)\d{4}|8\d{5}(?:\d{3})?", &[6, 9]),
        types: &[(r"80[0-5]\d{6}", &[9]), (r"[48]0\d{4}", &[6]), (r"72\d{4}", &[6]), (r"(?:72|8[23])\d{4}", &[6])],
    }, // WF
];

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

/// Whether Validata's `phone-number-value` accepts the value; `None` when there is no metadata to
/// decide with (see [`install_metadata`]).
pub fn verdict(text: &str) -> Option<bool> {
    let database = database()?;
    if let Ok(number) = phonenumber::parse_with(database, Some(Id::FR), text) {
        if is_valid_number(database, &number) || is_french_short_number(&number, text) {
            return Some(true);
        }
    }
    Some(phonenumber::parse_with(database, None, text).is_ok_and(|number| is_valid_number(database, &number)))
}

/// libphonenumber's `is_valid_number`.
fn is_valid_number(database: &Database, number: &PhoneNumber) -> bool {
    let nsn = significant(number);
    let mut regions = VALIDATA_METADATA.iter().filter(|r| r.code == number.code().value()).peekable();
    if regions.peek().is_none() {
        return number.is_valid_with(database) && is_full_match(database, number);
    }
    // libphonenumber's region for a number: the first whose leading digits start it, or else the
    // first where it is of a known type; then the number must be valid there.
    for region in regions {
        match region.leading_digits {
            Some(leading) if starts_with(leading, &nsn) => return region.is_valid(&nsn),
            Some(_) => {}
            None if region.is_valid(&nsn) => return true,
            None => {}
        }
    }
    false
}

impl Region {
    fn is_valid(&self, nsn: &str) -> bool {
        let matches = |(pattern, lengths): &(&str, &[usize])| {
            (lengths.is_empty() || lengths.contains(&nsn.len())) && whole_match(pattern, nsn)
        };
        matches(&self.general) && self.types.iter().any(matches)
    }
}

/// The national significant number, leading zeros included (Italian numbers keep theirs).
fn significant(number: &PhoneNumber) -> String {
    let national = number.national();
    format!("{}{}", "0".repeat(usize::from(national.zeros())), national.value())
}

/// libphonenumber matches a number type's pattern against the *whole* national number; the crate
/// only checks that a match starts at the first digit, so "+376 653426020" (Andorra, one digit too
/// many) passes there. This redoes the type test with whole matches and possible lengths.
fn is_full_match(database: &Database, number: &PhoneNumber) -> bool {
    let Some(metadata) = number.metadata(database) else {
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

/// `pattern` (libphonenumber's, whose layout spaces are not part of it) matches all of `text`.
fn whole_match(pattern: &str, text: &str) -> bool {
    cached(&format!("^(?:{pattern})$"), text)
}

/// `pattern` matches the start of `text`.
fn starts_with(pattern: &str, text: &str) -> bool {
    cached(&format!("^(?:{pattern})"), text)
}

/// Each regex is compiled once.
fn cached(pattern: &str, text: &str) -> bool {
    static REGEXES: LazyLock<Mutex<HashMap<String, Option<Regex>>>> = LazyLock::new(Mutex::default);
    let Ok(mut cache) = REGEXES.lock() else {
        return false;
    };
    cache
        .entry(pattern.to_owned())
        .or_insert_with(|| RegexBuilder::new(pattern).ignore_whitespace(true).build().ok())
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

    fn is_valid_phone(text: &str) -> bool {
        verdict(text).expect("the metadata is compiled in for the engine's tests")
    }

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
    fn french_and_overseas_numbers_on_validatas_metadata() {
        // Validata's metadata (8.13.23) where the crate's newer one says otherwise.
        for (value, valid) in [
            ("0262 12 34 56", true),
            ("+33 262805550", true),
            ("05 94 14 84 35", true),
            ("+590 696675797", false),
            ("+508 580305", false),
            ("+687 562185", false),
            ("+681 931553", false),
            ("+594 827292198", false),
            ("+262 692 12 34 56", true),
            ("+262 269 61 23 45", true),
            ("+590 690 12 34 56", true),
        ] {
            assert_eq!(is_valid_phone(value), valid, "{value}");
        }
    }

    #[test]
    fn long_digit_runs_do_not_panic() {
        for value in ["9 0059059012345678", "+800+999ext12345678-+800", "99999999999999999999999999"] {
            assert!(!is_valid_phone(value), "{value}");
        }
    }

    #[test]
    fn whole_numbers_only() {
        // libphonenumber matches patterns against the whole number; the crate alone accepts these.
        assert!(!is_valid_phone("+376 653426020"));
        assert!(!is_valid_phone("+377 304794959"));
    }
}
