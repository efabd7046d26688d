//! A sheet in flat parts, to cross from the reader's Web Worker to the page cheaply: its [`Cells`] as
//! they are kept (one UTF-8 text, where each cell ends, where each row starts), the rest as a little
//! JSON. The buffers move between threads without a copy, and the page takes them as they are.

use super::{Cells, Sheet};

/// A [`Sheet`] taken apart by [`Sheet::into_parts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetParts {
    /// The sheet without its rows, as JSON.
    pub meta: String,
    /// Every cell's text, row after row.
    pub text: Vec<u8>,
    /// Where each cell ends in `text` (bytes).
    pub ends: Vec<u32>,
    /// For each row, the index in `ends` of its first cell, then one past the last row's last cell.
    pub starts: Vec<u32>,
}

impl Sheet {
    /// Takes the sheet apart; `None` if it is too large for 32-bit offsets (never, within
    /// [`super::MAX_BYTES`]).
    pub fn into_parts(mut self) -> Option<SheetParts> {
        let (text, ends, starts) = std::mem::take(&mut self.rows).into_parts();
        let meta = serde_json::to_string(&self).ok()?;
        let narrow = |list: Vec<usize>| list.into_iter().map(|n| u32::try_from(n).ok()).collect::<Option<Vec<u32>>>();
        Some(SheetParts { meta, text: text.into_bytes(), ends: narrow(ends)?, starts: narrow(starts)? })
    }

    /// Puts a sheet back together; `None` if the parts do not make one (they were damaged on the way).
    /// Where `usize` is 32 bits (wasm32), the lists become the sheet's own without being copied.
    pub fn from_parts(meta: &str, text: Vec<u8>, ends: Vec<u32>, starts: Vec<u32>) -> Option<Sheet> {
        let mut sheet: Sheet = serde_json::from_str(meta).ok()?;
        let text = String::from_utf8(text).ok()?;
        let widen = |list: Vec<u32>| list.into_iter().map(|n| usize::try_from(n).ok()).collect::<Option<Vec<usize>>>();
        sheet.rows = Cells::from_parts(text, widen(ends)?, widen(starts)?)?;
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
        let back = Sheet::from_parts(&parts.meta, parts.text, parts.ends, parts.starts).unwrap();
        assert_eq!(back, sheet);
    }

    #[test]
    fn damaged_parts_make_no_sheet() {
        let sheet = read("a.csv", "a,b\nxé,y\n".as_bytes(), &ReadOptions::default()).unwrap();
        let parts = sheet.into_parts().unwrap();
        let rebuild = |text: Vec<u8>, ends: &[u32], starts: &[u32]| {
            Sheet::from_parts(&parts.meta, text, ends.to_vec(), starts.to_vec())
        };
        assert!(rebuild(parts.text.clone(), &parts.ends, &parts.starts).is_some());
        // An end inside "é", ends past the text, a row past the last cell, rows backwards, bad JSON.
        let (header, body) = parts.ends.split_at(2);
        let inside = [header, &[body[0] - 1, body[1]]].concat();
        assert!(rebuild(parts.text.clone(), &inside, &parts.starts).is_none());
        assert!(rebuild(parts.text.clone(), &[header, &[body[0], 40]].concat(), &parts.starts).is_none());
        assert!(rebuild(parts.text.clone(), &parts.ends, &[2, 5]).is_none());
        assert!(rebuild(parts.text.clone(), &parts.ends, &[4, 2]).is_none());
        assert!(Sheet::from_parts("{", parts.text.clone(), parts.ends.clone(), parts.starts.clone()).is_none());
    }
}
