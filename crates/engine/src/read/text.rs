//! Delimited text: encoding detection, delimiter sniffing, CSV parsing.

use crate::error::{Error, ErrorKind};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decodes and parses a delimited text file into raw records, with the encoding and delimiter used.
pub(super) fn read(bytes: &[u8]) -> Result<(Vec<Vec<String>>, String, char), Error> {
    let (text, encoding) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let grid = parse(&text, delimiter)?;
    Ok((grid, encoding, delimiter as char))
}

/// Decodes text: a BOM wins (UTF-8, UTF-16LE/BE); otherwise strict UTF-8; otherwise Windows-1252,
/// the encoding of Excel's "CSV (séparateur : point-virgule)" on French Windows.
fn decode(bytes: &[u8]) -> Result<(String, String), Error> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if encoding == UTF_8 {
            return Ok(match std::str::from_utf8(body) {
                Ok(text) => (text.to_owned(), "UTF-8".to_owned()),
                // Seen in the wild: a UTF-8 BOM in front of a Windows-1252 body.
                Err(_) => (decode_with(WINDOWS_1252, body), "windows-1252".to_owned()),
            });
        }
        let name = if encoding == UTF_16LE { "UTF-16LE" } else { "UTF-16BE" };
        debug_assert!(encoding == UTF_16LE || encoding == UTF_16BE);
        return Ok((decode_with(encoding, body), name.to_owned()));
    }
    if looks_binary(bytes) {
        return Err(Error::new(ErrorKind::Binary));
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8".to_owned()),
        Err(_) => (decode_with(WINDOWS_1252, bytes), "windows-1252".to_owned()),
    })
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Text files have no NUL bytes and few control characters; a binary file has many of both.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..8192).unwrap_or(bytes);
    let suspicious =
        sample.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))).count();
    suspicious * 20 > sample.len()
}

const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Picks the delimiter that splits the first records into the most cells, most consistently: the score
/// of a candidate is how many sampled records have its most common width, times that width.
fn sniff_delimiter(text: &str) -> u8 {
    let sample = sample_lines(text, 100);
    let mut best = (b',', 0usize);
    for delimiter in CANDIDATES {
        let mut widths = std::collections::HashMap::<usize, usize>::new();
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        for record in reader.into_records().flatten() {
            if record.iter().any(|cell| !cell.trim().is_empty()) {
                *widths.entry(record.len()).or_default() += 1;
            }
        }
        let (width, count) = widths.into_iter().max_by_key(|&(w, c)| (c, w)).unwrap_or((1, 0));
        let score = if width > 1 { count * width } else { 0 };
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

fn sample_lines(text: &str, lines: usize) -> &str {
    let end = text.match_indices('\n').nth(lines).map_or(text.len(), |(i, _)| i);
    text.get(..end).unwrap_or(text)
}

fn parse(text: &str, delimiter: u8) -> Result<Vec<Vec<String>>, Error> {
    let reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for (index, record) in reader.into_records().enumerate() {
        let record =
            record.map_err(|e| Error::new(ErrorKind::Csv { record: index as u64 + 1, detail: e.to_string() }))?;
        grid.push(record.iter().map(|cell| cell.replace('\0', "")).collect());
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_wins_over_decimal_commas() {
        assert_eq!(sniff_delimiter("a;b;c\n1;40 000,00;x\n2;3,5;y\n"), b';');
    }

    #[test]
    fn comma_with_quoted_semicolons() {
        assert_eq!(sniff_delimiter("a,b,c\n1,\"x;y\",z\n2,\"p;q\",r\n"), b',');
    }

    #[test]
    fn utf8_bom_over_windows_1252_body_is_read_as_windows_1252() {
        let (text, encoding) = decode(b"\xEF\xBB\xBFnom\ncr\xe8che\n").unwrap();
        assert_eq!((text.as_str(), encoding.as_str()), ("nom\ncrèche\n", "windows-1252"));
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let (text, encoding) = decode(b"d\xe9lib\xe9ration \x80\n").unwrap();
        assert_eq!((text.as_str(), encoding.as_str()), ("délibération €\n", "windows-1252"));
    }

    #[test]
    fn utf16le_with_bom() {
        let (text, encoding) = decode(b"\xFF\xFEa\0;\0b\0").unwrap();
        assert_eq!((text.as_str(), encoding.as_str()), ("a;b", "UTF-16LE"));
    }
}
