//! Delimited text: encoding detection, delimiter sniffing, CSV parsing.

use super::cells::ByteCells;
use super::Cells;
use crate::error::{Error, Failure};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The decoded text of a file and what was detected about it.
pub(super) struct Decoded {
    pub text: String,
    /// Canonical encoding name (`UTF-8`, `windows-1252`, `IBM850`…).
    pub encoding: String,
    /// The file starts with a UTF-8 byte-order mark but its body is in another encoding.
    pub misleading_bom: bool,
}

/// Encodings the user can choose from when the detection is wrong, by their canonical names.
pub const ENCODINGS: [&str; 7] =
    ["UTF-8", "windows-1252", "ISO-8859-15", "IBM850", "macintosh", "UTF-16LE", "UTF-16BE"];

/// Decodes a text file: with `forced` (an encoding name the user chose), or by detection: a BOM wins
/// (UTF-8, UTF-16LE/BE; a UTF-8 BOM over a body that is not UTF-8 is detected as the body's encoding),
/// then UTF-16 without BOM, then strict UTF-8, then the most plausible single-byte encoding for French
/// text among chardetng's guess, Windows-1252, CP850 (DOS exports) and Mac Roman.
pub(super) fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, Error> {
    let plain = |text: String, encoding: &str| Decoded { text, encoding: encoding.to_owned(), misleading_bom: false };
    if let Some(name) = forced {
        let (encoding, bom_len) = match Encoding::for_bom(bytes) {
            Some((bom_encoding, len)) if bom_encoding.name() == canonical(name) => (name, len),
            _ => (name, 0),
        };
        let body = bytes.get(bom_len..).unwrap_or_default();
        let text =
            decode_as(encoding, body).ok_or_else(|| Error::new(Failure::UnknownEncoding { name: name.to_owned() }))?;
        return Ok(plain(text, canonical(name)));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if encoding == UTF_8 {
            return Ok(match std::str::from_utf8(body) {
                Ok(text) => plain(text.to_owned(), "UTF-8"),
                Err(_) => {
                    let (text, encoding) = detect_legacy(body);
                    Decoded { text, encoding, misleading_bom: true }
                }
            });
        }
        return Ok(plain(decode_with(encoding, body), encoding.name()));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(plain(decode_with(encoding, bytes), encoding.name()));
    }
    if looks_binary(bytes) {
        return Err(Error::new(Failure::Binary));
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => plain(text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, encoding) = detect_legacy(bytes);
            plain(text, &encoding)
        }
    })
}

/// The canonical name of an encoding label (`cp1252` → `windows-1252`, `cp850` → `IBM850`).
fn canonical(label: &str) -> &'static str {
    let lower = label.trim().to_ascii_lowercase();
    if matches!(lower.as_str(), "ibm850" | "cp850" | "850" | "ibm-850") {
        return "IBM850";
    }
    Encoding::for_label(lower.as_bytes()).map_or("", Encoding::name)
}

fn decode_as(label: &str, bytes: &[u8]) -> Option<String> {
    match canonical(label) {
        "" => None,
        "IBM850" => Some(oem_cp::decode_string_complete_table(bytes, &oem_cp::code_table::DECODING_TABLE_CP850)),
        name => Encoding::for_label(name.as_bytes()).map(|encoding| decode_with(encoding, bytes)),
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-16 text has a NUL in every other byte for Latin text; which half says the byte order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |offset: usize| sample.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Picks the single-byte encoding whose decoding reads most like French.
fn detect_legacy(bytes: &[u8]) -> (String, String) {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"fr"), chardetng::Utf8Detection::Deny);
    let mut candidates = vec![guess.name(), WINDOWS_1252.name(), "IBM850", "macintosh"];
    candidates.dedup();
    let mut best: Option<(i64, String, &str)> = None;
    for name in candidates {
        let Some(text) = decode_as(name, bytes) else { continue };
        let score = french_plausibility(&text);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, text, name));
        }
    }
    best.map(|(_, text, name)| (text, name.to_owned()))
        .unwrap_or_else(|| (decode_with(WINDOWS_1252, bytes), WINDOWS_1252.name().to_owned()))
}

/// How much a text reads like French: accented lower-case letters and French punctuation score,
/// symbols, control characters, box drawing and capitals inside words cost.
fn french_plausibility(text: &str) -> i64 {
    const LOWER: &str = "àâäçéèêëîïôöùûüÿœæ";
    const UPPER: &str = "ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ";
    const PUNCTUATION: &str = "’‘“”«»€…–—°\u{a0}";
    let mut score = 0;
    let mut previous = ' ';
    for c in text.chars() {
        if !c.is_ascii() {
            score += if LOWER.contains(c) {
                2
            } else if (UPPER.contains(c) && !previous.is_lowercase()) || PUNCTUATION.contains(c) {
                1
            } else {
                -3
            };
        }
        previous = c;
    }
    score
}

/// Text files have few control characters; a binary file has many (NUL bytes among them).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..8192).unwrap_or(bytes);
    let suspicious =
        sample.iter().filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))).count();
    suspicious * 20 > sample.len()
}

/// Delimiters Tamis sniffs among, and accepts when the user chooses one.
pub const DELIMITERS: [char; 4] = [';', ',', '\t', '|'];

/// Picks the delimiter that splits the first records into the most cells, most consistently: the score
/// of a candidate is how many sampled records have its most common width, times that width. A width
/// that only one record has (a long text full of semicolons in a comma file) counts only when no
/// candidate splits two records alike (a file with a header alone).
pub(super) fn sniff_delimiter(text: &str) -> char {
    let sample = sample_lines(text, 100);
    let mut best = (',', (0usize, 0usize));
    for delimiter in DELIMITERS {
        let mut widths = std::collections::HashMap::<usize, usize>::new();
        for record in reader(sample, delimiter).into_records().flatten() {
            if record.iter().any(|cell| !cell.trim().is_empty()) {
                *widths.entry(record.len()).or_default() += 1;
            }
        }
        let (width, count) = widths.into_iter().max_by_key(|&(w, c)| (c, w)).unwrap_or((1, 0));
        let score = if width > 1 { count * width } else { 0 };
        let score = (if count > 1 { score } else { 0 }, score);
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

fn reader(text: &str, delimiter: char) -> csv::Reader<&[u8]> {
    let mut utf8 = [0; 4];
    let byte = delimiter.encode_utf8(&mut utf8).as_bytes().first().copied().unwrap_or(b',');
    csv::ReaderBuilder::new().delimiter(byte).has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// Parses delimited text into rows of cells, one per spreadsheet row: a quoted multi-line cell stays
/// in one row, and an empty line is an empty row (the csv crate skips those; they are put back so row
/// numbers match what Excel and Validata show). Stray NUL bytes are dropped.
///
/// Cells are counted as records are read (an empty row counts as one): past `max_cells`, reading stops
/// with [`Failure::TooManyCells`], before the record's cells are built.
pub(super) fn parse(text: &str, delimiter: char, max_cells: usize) -> Result<Cells, Error> {
    // Room for every cell's text, and for a cell every 16 bytes, as most files have.
    let mut grid = ByteCells::with_capacity(text.len(), text.len() / 16);
    let mut cells = 0usize;
    let mut count = |row: usize, width: usize| {
        cells = cells.saturating_add(width.max(1));
        if cells > max_cells {
            Err(Error::new(Failure::TooManyCells { max: max_cells, row: Some(row) }))
        } else {
            Ok(())
        }
    };
    let nul = text.contains('\0');
    let mut reader = reader(text, delimiter);
    // One record, read into again and again: no allocation per row.
    let mut record = csv::ByteRecord::new();
    for index in 1u64.. {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| Error::new(Failure::Csv { record: index, detail: e.to_string() }))?;
        if !more {
            break;
        }
        // A record's position is where the reader resumed, before the empty lines it skipped.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        let bytes = text.as_bytes();
        if start > 0 && bytes.get(start - 1) == Some(&b'\r') && bytes.get(start) == Some(&b'\n') {
            start += 1; // the LF of the previous record's CRLF
        }
        for _ in 0..leading_line_breaks(bytes.get(start..).unwrap_or_default()) {
            count(grid.len() + 1, 0)?;
            grid.push_row([], false);
        }
        count(grid.len() + 1, record.len())?;
        grid.push_row(record.iter(), nul);
    }
    // Line breaks after the one ending the last record are empty rows too.
    let trailing = text.trim_end_matches(['\r', '\n']);
    if grid.len() > 0 && trailing.len() < text.len() {
        for _ in 1..leading_line_breaks(text.get(trailing.len()..).unwrap_or_default().as_bytes()) {
            count(grid.len() + 1, 0)?;
            grid.push_row([], false);
        }
    }
    // The text is UTF-8 and the parser splits it at ASCII characters only: its fields are UTF-8 too.
    grid.finish().ok_or_else(|| Error::new(Failure::Csv { record: 0, detail: "UTF-8".into() }))
}

/// Text written `a, b, c` (every delimiter of the first line followed by a space, as Python's CSV
/// sniffer and so Validata see it) without the spaces that follow delimiters outside quotes, so that
/// ` "x, y"` is the quoted cell `x, y` and ` oui` is `oui`. `None` when the text is not written so.
pub(super) fn skip_initial_space(text: &str, delimiter: char) -> Option<String> {
    let first = text.lines().next()?;
    let delimiters = first.matches(delimiter).count();
    if delimiters == 0 || first.matches(&format!("{delimiter} ")).count() != delimiters {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let (mut after_delimiter, mut field_start, mut quoted, mut in_quotes) = (false, true, false, false);
    for c in text.chars() {
        if in_quotes {
            in_quotes = c != '"';
            out.push(c);
            continue;
        }
        if after_delimiter && c == ' ' {
            continue;
        }
        after_delimiter = false;
        if c == delimiter {
            (after_delimiter, field_start, quoted) = (true, true, false);
        } else if c == '\n' || c == '\r' {
            (field_start, quoted) = (true, false);
        } else if c == '"' && (field_start || quoted) {
            (field_start, quoted, in_quotes) = (false, true, true);
        } else {
            field_start = false;
        }
        out.push(c);
    }
    Some(out)
}

/// How many line breaks (CRLF, LF or CR) open `bytes`.
fn leading_line_breaks(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(bytes: &[u8]) -> (String, String) {
        let decoded = decode(bytes, None).unwrap();
        (decoded.text, decoded.encoding)
    }

    #[test]
    fn semicolon_wins_over_decimal_commas() {
        assert_eq!(sniff_delimiter("a;b;c\n1;40 000,00;x\n2;3,5;y\n"), ';');
    }

    #[test]
    fn comma_with_quoted_semicolons() {
        assert_eq!(sniff_delimiter("a,b,c\n1,\"x;y\",z\n2,\"p;q\",r\n"), ',');
    }

    #[test]
    fn spaces_after_delimiters_are_skipped_when_the_header_has_them() {
        let text = "nom, acc, site\nA, oui, \"http://x, y\"\nB,non, \"a \"\"q\"\", b\"\n";
        let skipped = skip_initial_space(text, ',').unwrap();
        assert_eq!(
            parse(&skipped, ',', 100).unwrap().to_vecs(),
            [vec!["nom", "acc", "site"], vec!["A", "oui", "http://x, y"], vec!["B", "non", "a \"q\", b"]]
        );
        assert_eq!(skip_initial_space("a,b\n1, 2\n", ','), None);
        assert_eq!(skip_initial_space("a, b,c\n", ','), None);
    }

    #[test]
    fn one_long_text_full_of_semicolons_does_not_outvote_the_commas() {
        // Found by the export property test: one data row whose text has many "; ".
        let text = format!("id,texte,code\nA,\"{}\",01\n", "Lorem ipsum, dolor; ".repeat(50));
        assert_eq!(sniff_delimiter(&text), ',');
        // A header alone still gets its delimiter.
        assert_eq!(sniff_delimiter("a;b;c\n"), ';');
    }

    #[test]
    fn tab_and_pipe() {
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2,5\t3\n"), '\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2,5|3\n"), '|');
    }

    #[test]
    fn utf8_bom_over_windows_1252_body_is_read_as_windows_1252() {
        let decoded = decode(b"\xEF\xBB\xBFnom\ncr\xe8che d\xe9l\xe9gu\xe9e\n", None).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding.as_str()), ("nom\ncrèche déléguée\n", "windows-1252"));
        assert!(decoded.misleading_bom);
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        assert_eq!(detect(b"d\xe9lib\xe9ration \x80\n"), ("délibération €\n".into(), "windows-1252".into()));
    }

    #[test]
    fn dos_and_mac_exports_are_recognised() {
        assert_eq!(
            detect(b"D\x82partement de l'Aude;en num\x82raire\n"),
            ("Département de l'Aude;en numéraire\n".into(), "IBM850".into())
        );
        assert_eq!(
            detect(b"D\x8epartement;d\x8elib\x8eration\n"),
            ("Département;délibération\n".into(), "macintosh".into())
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        assert_eq!(detect(b"\xFF\xFEa\0;\0b\0"), ("a;b".into(), "UTF-16LE".into()));
        assert_eq!(detect(b"a\0;\0b\0\n\0c\0;\0d\0"), ("a;b\nc;d".into(), "UTF-16LE".into()));
        assert_eq!(detect(b"\0a\0;\0b\0\n\0c\0;\0d"), ("a;b\nc;d".into(), "UTF-16BE".into()));
    }

    #[test]
    fn empty_lines_are_rows_and_multi_line_cells_are_one_row() {
        let expected = [vec![], vec!["a", "b"], vec!["x\ny", "1"], vec![], vec!["2", "3"]];
        assert_eq!(parse("\na,b\n\"x\ny\",1\n\n2,3\n", ',', 100).unwrap().to_vecs(), expected);
        assert_eq!(parse("\r\na,b\r\n\"x\ny\",1\r\n\r\n2,3\r\n", ',', 100).unwrap().to_vecs(), expected);
        assert_eq!(parse("\ra,b\r\"x\ny\",1\r\r2,3\r", ',', 100).unwrap().to_vecs(), expected);
    }

    #[test]
    fn cells_are_counted_while_reading_and_reading_stops_past_the_limit() {
        // 1,000 rows of 10 cells: with a limit of 100 cells, reading stops in row 11.
        let text = "a,b,c,d,e,f,g,h,i,j\n".repeat(1000);
        let error = parse(&text, ',', 100).unwrap_err();
        assert_eq!(error.failure(), &Failure::TooManyCells { max: 100, row: Some(11) });
        assert_eq!(parse(&text, ',', 10_000).unwrap().len(), 1000, "exactly at the limit");
        // Empty lines count too: a file of line breaks alone would be millions of empty rows.
        let error = parse(&format!("a{}", "\n".repeat(500)), ',', 100).unwrap_err();
        assert_eq!(error.failure(), &Failure::TooManyCells { max: 100, row: Some(101) });
        // One record wider than the limit is refused before its cells are built.
        let error = parse(&",".repeat(10_000), ',', 100).unwrap_err();
        assert_eq!(error.failure(), &Failure::TooManyCells { max: 100, row: Some(1) });
        let message = error.to_string();
        assert!(
            message.starts_with("Ce fichier compte plus de 100 cellules (limite atteinte à la ligne 1)"),
            "{message}"
        );
    }

    #[test]
    fn forced_encoding_wins() {
        let decoded = decode(b"caf\xe9", Some("cp1252")).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding.as_str()), ("café", "windows-1252"));
        assert!(decode(b"x", Some("klingon")).is_err());
    }
}
