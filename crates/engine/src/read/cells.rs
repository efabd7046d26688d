//! A sheet's cells kept compact: every cell's text in one buffer, with where each cell ends and where
//! each row starts, instead of a `String` per cell. A million-cell sheet is then three allocations,
//! read without allocating, and moved between the reader's worker and the page without rebuilding it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Rows of text cells (rows may be ragged), in one text buffer.
///
/// ```
/// use tamis_engine::read::Cells;
/// let mut cells = Cells::default();
/// cells.push_row(["a", "b"]);
/// cells.push_row(["ç"]);
/// assert_eq!((cells.len(), cells.cell(0, 1), cells.cell(1, 0), cells.cell(1, 1)), (2, Some("b"), Some("ç"), None));
/// assert_eq!(cells.row(1).map(|r| r.to_vec()), Some(vec!["ç".to_owned()]));
/// ```
#[derive(Debug, Clone)]
pub struct Cells {
    text: String,
    /// Where each cell ends in `text` (bytes); a cell starts where the one before it ends.
    ends: Vec<usize>,
    /// For each row, the index in `ends` of its first cell, then one past the last row's last cell.
    starts: Vec<usize>,
}

/// Equal when they hold the same rows of the same texts, however their buffers are laid out.
impl PartialEq for Cells {
    fn eq(&self, other: &Cells) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a.iter().eq(b.iter()))
    }
}

impl Eq for Cells {}

impl Default for Cells {
    fn default() -> Cells {
        Cells { text: String::new(), ends: Vec::new(), starts: vec![0] }
    }
}

/// One row of [`Cells`]: a view, cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    cells: &'a Cells,
    /// Index in `cells.ends` of the first cell, and one past the last.
    first: usize,
    end: usize,
}

impl<'a> Row<'a> {
    /// How many cells the row has.
    pub fn len(&self) -> usize {
        self.end - self.first
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.first
    }

    /// Cell `column`, `None` past the row's end.
    pub fn get(&self, column: usize) -> Option<&'a str> {
        let index = self.first.checked_add(column).filter(|i| *i < self.end)?;
        self.cells.text_of(index)
    }

    pub fn iter(&self) -> Texts<'a> {
        let start = self.first.checked_sub(1).and_then(|i| self.cells.ends.get(i)).copied().unwrap_or_default();
        let ends = self.cells.ends.get(self.first..self.end).unwrap_or_default();
        Texts { text: &self.cells.text, start, ends }
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

/// The texts of a row's cells, in order.
#[derive(Debug, Clone)]
pub struct Texts<'a> {
    text: &'a str,
    /// Where the next cell starts.
    start: usize,
    /// Where the cells left end.
    ends: &'a [usize],
}

impl<'a> Iterator for Texts<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (&end, rest) = self.ends.split_first()?;
        let cell = self.text.get(self.start..end).unwrap_or_default();
        (self.start, self.ends) = (end, rest);
        Some(cell)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.ends.len(), Some(self.ends.len()))
    }
}

impl DoubleEndedIterator for Texts<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (&end, rest) = self.ends.split_last()?;
        let start = rest.last().copied().unwrap_or(self.start);
        self.ends = rest;
        Some(self.text.get(start..end).unwrap_or_default())
    }
}

impl ExactSizeIterator for Texts<'_> {}

impl Cells {
    /// Empty, with room for `text` bytes in `cells` cells.
    pub fn with_capacity(text: usize, cells: usize) -> Cells {
        let mut starts = Vec::with_capacity(cells / 8 + 1);
        starts.push(0);
        Cells { text: String::with_capacity(text), ends: Vec::with_capacity(cells), starts }
    }

    /// Cells from their parts (as [`Cells::into_parts`] gives them); `None` if they do not make rows
    /// of `text` (damaged on the way).
    pub fn from_parts(text: String, ends: Vec<usize>, starts: Vec<usize>) -> Option<Cells> {
        let mut previous = 0;
        for &end in &ends {
            if end < previous || !text.is_char_boundary(end) {
                return None;
            }
            previous = end;
        }
        let ordered = starts.windows(2).all(|w| w.first() <= w.get(1));
        let within = !starts.is_empty() && starts.last().is_some_and(|last| *last <= ends.len());
        (ordered && within).then_some(Cells { text, ends, starts })
    }

    /// The parts: the text, where each cell ends, where each row starts (see [`Cells::from_parts`]).
    pub fn into_parts(self) -> (String, Vec<usize>, Vec<usize>) {
        (self.text, self.ends, self.starts)
    }

    /// The cells of `rows` as bytes, each cell followed by `cell_end` and each row by `row_end`, handed
    /// to `take` in pieces of about 64 KB (what a fingerprint hashes: a call per cell cost more than
    /// the hash itself).
    pub(crate) fn pieces(&self, rows: std::ops::Range<usize>, cell_end: u8, row_end: u8, mut take: impl FnMut(&[u8])) {
        const PIECE: usize = 1 << 16;
        let bytes = self.text.as_bytes();
        let mut piece = Vec::with_capacity(PIECE);
        for row in self.starts.windows(2).skip(rows.start).take(rows.len()) {
            let (Some(&first), Some(&end)) = (row.first(), row.get(1)) else { continue };
            let mut start = first.checked_sub(1).and_then(|i| self.ends.get(i)).copied().unwrap_or_default();
            for &cell_end_at in self.ends.get(first..end).unwrap_or_default() {
                let cell = bytes.get(start..cell_end_at).unwrap_or_default();
                if piece.len() + cell.len() + 2 > PIECE {
                    take(&piece);
                    piece.clear();
                }
                if cell.len() + 2 > PIECE {
                    take(cell);
                } else {
                    piece.extend_from_slice(cell);
                }
                piece.push(cell_end);
                start = cell_end_at;
            }
            piece.push(row_end);
        }
        take(&piece);
    }

    /// The text of every cell, one after the other (and of rows removed from the start).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `index`.
    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        let first = *self.starts.get(index)?;
        let end = *self.starts.get(index.checked_add(1)?)?;
        Some(Row { cells: self, first, end })
    }

    /// Cell `column` of row `row`; `None` when there is none.
    pub fn cell(&self, row: usize, column: usize) -> Option<&str> {
        self.row(row)?.get(column)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Row<'_>> + ExactSizeIterator {
        self.starts.windows(2).map(move |w| Row {
            cells: self,
            first: w.first().copied().unwrap_or_default(),
            end: w.get(1).copied().unwrap_or_default(),
        })
    }

    /// Every row as a list of owned texts.
    pub fn to_vecs(&self) -> Vec<Vec<String>> {
        self.iter().map(|row| row.to_vec()).collect()
    }

    /// Adds a row at the end.
    pub fn push_row<S: AsRef<str>>(&mut self, row: impl IntoIterator<Item = S>) {
        for cell in row {
            self.text.push_str(cell.as_ref());
            self.ends.push(self.text.len());
        }
        self.starts.push(self.ends.len());
    }

    /// Removes the last row.
    pub fn pop(&mut self) {
        if !self.is_empty() {
            self.starts.pop();
            let cells = self.starts.last().copied().unwrap_or_default();
            self.ends.truncate(cells);
            let text = cells.checked_sub(1).and_then(|last| self.ends.get(last)).copied().unwrap_or_default();
            self.text.truncate(text);
        }
    }

    /// Removes the first `count` rows (their text stays in the buffer, unused: only a few rows above a
    /// header are ever removed).
    pub fn remove_first(&mut self, count: usize) {
        let count = count.min(self.len());
        self.starts.drain(..count);
    }

    /// The rows for which `keep(index)` is true, in order.
    pub fn filtered(&self, mut keep: impl FnMut(usize) -> bool) -> Cells {
        let mut kept = Cells::default();
        for (index, row) in self.iter().enumerate() {
            if keep(index) {
                kept.push_row(row.iter());
            }
        }
        kept
    }

    fn text_of(&self, index: usize) -> Option<&str> {
        let start = match index.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        self.text.get(start..*self.ends.get(index)?)
    }
}

/// [`Cells`] put together from bytes (a CSV parser's fields), checked as UTF-8 once, at the end.
pub(crate) struct ByteCells {
    text: Vec<u8>,
    ends: Vec<usize>,
    starts: Vec<usize>,
}

impl ByteCells {
    /// Empty, with room for `text` bytes in `cells` cells.
    pub(crate) fn with_capacity(text: usize, cells: usize) -> ByteCells {
        let mut starts = Vec::with_capacity(cells / 8 + 1);
        starts.push(0);
        ByteCells { text: Vec::with_capacity(text), ends: Vec::with_capacity(cells), starts }
    }

    /// How many rows.
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Adds a row at the end, without the NUL bytes of its cells when `without_nul`.
    pub(crate) fn push_row<'a>(&mut self, row: impl IntoIterator<Item = &'a [u8]>, without_nul: bool) {
        for cell in row {
            if without_nul {
                self.text.extend(cell.iter().filter(|b| **b != 0));
            } else {
                self.text.extend_from_slice(cell);
            }
            self.ends.push(self.text.len());
        }
        self.starts.push(self.ends.len());
    }

    /// The cells, `None` if a cell is not UTF-8 (or was cut inside a character).
    pub(crate) fn finish(self) -> Option<Cells> {
        let text = String::from_utf8(self.text).ok()?;
        Cells::from_parts(text, self.ends, self.starts)
    }
}

impl From<Vec<Vec<String>>> for Cells {
    fn from(rows: Vec<Vec<String>>) -> Cells {
        let text = rows.iter().flatten().map(String::len).sum();
        let mut cells = Cells::with_capacity(text, rows.iter().map(Vec::len).sum());
        for row in rows {
            cells.push_row(row);
        }
        cells
    }
}

impl<S: AsRef<str>> FromIterator<Vec<S>> for Cells {
    fn from_iter<I: IntoIterator<Item = Vec<S>>>(rows: I) -> Cells {
        let mut cells = Cells::default();
        for row in rows {
            cells.push_row(row);
        }
        cells
    }
}

/// As a list of rows, each a list of texts.
impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|row| row.iter().collect::<Vec<&str>>()))
    }
}

impl<'de> Deserialize<'de> for Cells {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Cells, D::Error> {
        Ok(Cells::from(Vec::<Vec<String>>::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &Cells) -> Vec<Vec<String>> {
        cells.to_vecs()
    }

    #[test]
    fn rows_are_kept_as_pushed_ragged_and_empty_ones_too() {
        let given = vec![vec!["a".to_owned(), "bé".into()], vec![], vec!["".into(), "x".into(), "".into()]];
        let cells = Cells::from(given.clone());
        assert_eq!(rows(&cells), given);
        assert_eq!(cells.row(1).map(|r| r.len()), Some(0));
        assert_eq!((cells.cell(2, 1), cells.cell(2, 3), cells.cell(3, 0)), (Some("x"), None, None));
        assert_eq!(serde_json::from_str::<Cells>(&serde_json::to_string(&cells).unwrap()).unwrap(), cells);
    }

    #[test]
    fn rows_are_removed_at_either_end_and_filtered() {
        let mut cells: Cells = (0..5).map(|i| vec![i.to_string(), "·".into()]).collect();
        cells.pop();
        cells.remove_first(2);
        assert_eq!(rows(&cells), [["2", "·"], ["3", "·"]]);
        cells.push_row(["z"]);
        assert_eq!(rows(&cells), vec![vec!["2", "·"], vec!["3", "·"], vec!["z"]]);
        assert_eq!(rows(&cells.filtered(|i| i != 1)), vec![vec!["2", "·"], vec!["z"]]);
        cells.pop();
        cells.pop();
        cells.pop();
        cells.pop();
        assert!(cells.is_empty());
        assert_eq!(cells, Cells::default(), "equal as rows, whatever is left in the buffer");
        assert_ne!(cells, Cells::from(vec![vec![]]));
    }

    #[test]
    fn damaged_parts_make_no_cells() {
        let (text, ends, starts) = Cells::from(vec![vec!["é".to_owned(), "b".into()]]).into_parts();
        assert!(Cells::from_parts(text.clone(), ends.clone(), starts.clone()).is_some());
        assert!(Cells::from_parts(text.clone(), vec![1, 3], starts.clone()).is_none(), "inside « é »");
        assert!(Cells::from_parts(text.clone(), vec![2, 1], starts.clone()).is_none(), "backwards");
        assert!(Cells::from_parts(text.clone(), ends.clone(), vec![0, 3]).is_none(), "past the last cell");
        assert!(Cells::from_parts(text, ends, vec![]).is_none());
    }
}
