//! Writers: the mapped table out as bytes.

use crate::mapping::Table;

/// The table as a publication CSV: UTF-8 without BOM, comma, `"` quoting only where needed, CRLF line
/// ends, header = the schema's field names in schema order.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every record has the same width, so errors are impossible;
    // they are still propagated to an empty result rather than a panic.
    let written = std::iter::once(&table.fields).chain(&table.rows).try_for_each(|record| writer.write_record(record));
    match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_where_needed_with_crlf() {
        let table = Table {
            fields: vec!["a".into(), "b".into()],
            rows: vec![vec!["x, y".into(), "dit \"oui\"\nensuite".into()], vec!["01".into(), "".into()]],
            source_rows: vec![2, 3],
        };
        assert_eq!(
            String::from_utf8(to_csv(&table)).unwrap(),
            "a,b\r\n\"x, y\",\"dit \"\"oui\"\"\nensuite\"\r\n01,\r\n"
        );
    }
}
