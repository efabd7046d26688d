//! Identifiers (SIRET, SIREN, INSEE codes, postcodes): separators removed, a lost leading zero put back
//! when the length says so, and digits lost in a spreadsheet (scientific notation, a float that was
//! rounded) flagged as unrecoverable rather than guessed.

use crate::fr;
use crate::text::is_space;

/// Beyond this many significant digits, a number that went through a float may have been rounded.
const FLOAT_DIGITS: usize = 15;

/// Cleans one identifier. `Ok(None)`: left as it is; `Err`: digits were lost, with the French reason.
pub(super) fn clean(value: &str, length: Option<usize>, checksum: bool) -> Result<Option<String>, String> {
    let text = value.trim_matches(is_space);
    // Excel's "text" marker typed before a number: '06002.
    let text = text.strip_prefix('\'').unwrap_or(text);
    if let Some(found) = scientific(text) {
        let digits = found.map_err(|()| fr::transform::scientific(text))?;
        return from_number(text, &digits, length, checksum);
    }
    if let Some(digits) = float_form(text) {
        return from_number(text, digits, length, checksum);
    }
    // A number with one decimal separator (`6002.5`) is not an identifier written in groups.
    let punctuation = text.chars().filter(|c| matches!(c, '.' | ',')).count();
    if punctuation == 1 && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',')) {
        return Ok(None);
    }
    if text.contains(',') || !text.chars().all(|c| c.is_ascii_alphanumeric() || is_space(c) || matches!(c, '.' | '-')) {
        return Ok(None);
    }
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let cleaned: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    Ok(fit_length(cleaned, length, checksum))
}

/// The cleaned identifier at the expected length: as it is, or with one lost leading zero put back
/// (all digits, and the checksum, when there is one, holds). `None` for any other length.
fn fit_length(cleaned: String, length: Option<usize>, checksum: bool) -> Option<String> {
    let Some(length) = length else {
        return Some(cleaned);
    };
    let all_digits = cleaned.bytes().all(|b| b.is_ascii_digit());
    if cleaned.len() == length {
        Some(cleaned)
    } else if cleaned.len() + 1 == length && all_digits {
        let padded = format!("0{cleaned}");
        (!checksum || !checked_length(length) || checksum_ok(&padded)).then_some(padded)
    } else {
        None
    }
}

/// An identifier that went through a number: `21860194600000.0`, or scientific notation written in
/// full (`2.1740042300018E+13`). Rounded ones are unrecoverable.
fn from_number(text: &str, digits: &str, length: Option<usize>, checksum: bool) -> Result<Option<String>, String> {
    let significant = digits.trim_start_matches('0');
    if significant.len() > FLOAT_DIGITS {
        return Err(fr::transform::float_digits(text));
    }
    let trailing_zeros = digits.len() - digits.trim_end_matches('0').len();
    let padded = match length {
        Some(length) if digits.len() + 1 == length => format!("0{digits}"),
        _ => digits.to_owned(),
    };
    let checkable = checksum && checked_length(padded.len());
    // A spreadsheet shows at most 15 significant digits and often fewer: zeros ending a long number
    // are most likely digits it dropped (`21860194600000.0`). One such number in ten passes the Luhn
    // checksum by chance, so four zeros or more are never trusted; two or three only with the checksum.
    let long = digits.len() >= 12;
    let zeroed = (long && trailing_zeros >= 4)
        || (checkable && !checksum_ok(&padded) && trailing_zeros >= 2)
        || (!checkable && long && trailing_zeros >= 3);
    if zeroed {
        return Err(fr::transform::zeroed_digits(text));
    }
    if padded.len() != digits.len() && checkable && !checksum_ok(&padded) {
        // A zero put back would not make it a valid identifier: only the `.0` goes.
        return Ok(Some(digits.to_owned()));
    }
    match length {
        Some(length) if padded.len() == length => Ok(Some(padded)),
        // Another length: the number without its `.0`, which is never wrong.
        _ => Ok(Some(digits.to_owned())),
    }
}

/// `Some(Ok(digits))`: scientific notation written with every digit (`2.1740042300018E+13`);
/// `Some(Err(()))`: with digits missing (`2,43E+13`); `None`: not scientific notation.
fn scientific(text: &str) -> Option<Result<String, ()>> {
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    if exponent.is_empty() || !exponent.bytes().all(|b| b.is_ascii_digit()) || exponent.len() > 3 {
        return None;
    }
    let exponent: usize = exponent.parse().ok()?;
    let (whole, fraction) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > exponent {
        // Not a whole number: not an identifier.
        return None;
    }
    if fraction.len() < exponent {
        return Some(Err(()));
    }
    Some(Ok(format!("{whole}{fraction}")))
}

/// `21860194600000.0` → `21860194600000` (a whole number with a zero decimal part).
fn float_form(text: &str) -> Option<&str> {
    let (whole, fraction) = text.split_once(['.', ','])?;
    (!whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b == b'0'))
    .then_some(whole)
}

fn checked_length(length: usize) -> bool {
    length == 9 || length == 14
}

/// The SIRET/SIREN checksum: Luhn, or for La Poste's establishments a digit sum divisible by 5.
pub(super) fn checksum_ok(digits: &str) -> bool {
    crate::siret::identifier_checksum(digits)
}
