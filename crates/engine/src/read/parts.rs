//! A sheet in flat parts, to cross from the reader's Web Worker to the page cheaply: its cells as one
//! UTF-8 text, where each cell ends, and how many cells each row has; the rest as a little JSON. The
//! buffers move between threads without a copy, and the page rebuilds the rows without parsing a
//! 30 MB JSON string cell by cell.

use super::Sheet;

/// A [`Sheet`] taken apart by [`Sheet::into_parts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetParts {
    /// The sheet without its rows, as JSON.
    pub meta: String,
    /// Every cell's text, row after row.
    pub text: Vec<u8>,
    /// Where each cell ends in `text` (bytes).
    pub ends: Vec<u32>,
    /// How many cells each row has (rows may be ragged).
    pub widths: Vec<u32>,
}

impl Sheet {
    /// Takes the sheet apart; `None` if it is too large for 32-bit offsets (never, within
    /// [`super::MAX_BYTES`]).
    pub fn into_parts(mut self) -> Option<SheetParts> {
        let rows = std::mem::take(&mut self.rows);
        let meta = serde_json::to_string(&self).ok()?;
        let cells: usize = rows.iter().map(Vec::len).sum();
        let mut text = Vec::with_capacity(rows.iter().flatten().map(String::len).sum());
        let mut ends = Vec::with_capacity(cells);
        let mut widths = Vec::with_capacity(rows.len());
        for row in rows {
            widths.push(u32::try_from(row.len()).ok()?);
            for cell in row {
                text.extend_from_slice(cell.as_bytes());
                ends.push(u32::try_from(text.len()).ok()?);
            }
        }
        Some(SheetParts { meta, text, ends, widths })
    }

    /// Puts a sheet back together; `None` if the parts do not make one (they were damaged on the way).
    pub fn from_parts(meta: &str, text: Vec<u8>, ends: &[u32], widths: &[u32]) -> Option<Sheet> {
        let mut sheet: Sheet = serde_json::from_str(meta).ok()?;
        let text = String::from_utf8(text).ok()?;
        let mut rows = Vec::with_capacity(widths.len());
        let mut ends = ends.iter();
        let mut start = 0;
        for width in widths {
            let mut row = Vec::with_capacity(usize::try_from(*width).ok()?);
            for _ in 0..*width {
                let end = usize::try_from(*ends.next()?).ok()?;
                row.push(text.get(start..end)?.to_owned());
                start = end;
            }
            rows.push(row);
        }
        if ends.next().is_some() || start != text.len() {
            return None;
        }
        sheet.rows = rows;
        Some(sheet)
    }
}

#[cfg(test)]
mod tests {
    use crate::read::{read, ReadOptions, Sheet};

    #[test]
    fn a_sheet_comes_back_whole_from_its_parts() {
        let csv = "nom;montant;note\nÉcole « Jean Zay »;1 200,50;\n\"deux\nlignes\";;x;en trop\ncourte\n;;\n";
        let sheet = read("a.csv", csv.as_bytes(), &ReadOptions::default()).unwrap();
        assert!(sheet.rows.iter().any(|r| r.len() != 3), "a ragged row, to be kept as it is");
        let parts = sheet.clone().into_parts().unwrap();
        let back = Sheet::from_parts(&parts.meta, parts.text, &parts.ends, &parts.widths).unwrap();
        assert_eq!(back, sheet);
    }

    #[test]
    fn damaged_parts_make_no_sheet() {
        let sheet = read("a.csv", "a,b\nxé,y\n".as_bytes(), &ReadOptions::default()).unwrap();
        let parts = sheet.into_parts().unwrap();
        let rebuild = |text: Vec<u8>, ends: &[u32], widths: &[u32]| Sheet::from_parts(&parts.meta, text, ends, widths);
        assert!(rebuild(parts.text.clone(), &parts.ends, &parts.widths).is_some());
        // An end inside "é", ends past the text, a cell left over, a row too many, bad JSON.
        assert!(rebuild(parts.text.clone(), &[2, 4], &[2]).is_none());
        assert!(rebuild(parts.text.clone(), &[2, 40], &[2]).is_none());
        assert!(rebuild(parts.text.clone(), &parts.ends, &[1]).is_none());
        assert!(rebuild(parts.text.clone(), &parts.ends, &[2, 1]).is_none());
        assert!(Sheet::from_parts("{", parts.text.clone(), &parts.ends, &parts.widths).is_none());
    }
}
