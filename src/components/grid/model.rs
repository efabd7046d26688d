//! The grid's model: where the user is (scroll, cursor, selected rows, filter), which rows are drawn,
//! what the keys do, and the bulk edit waiting for the user's go. Pure: no leptos, no web-sys, so it is
//! tested natively (`cargo test -p tamis --lib`); the components only read it and hand it the events.

use crate::text;
use std::sync::Arc;
use tamis_engine::edit::{Edit, Preview};
use tamis_engine::Code;

/// Height of a row in pixels (fixed, so the rows in view follow from the scroll position).
pub const ROW_HEIGHT: f64 = 28.0;
/// Rows drawn above and below those in view, so a fast scroll does not show blanks.
pub const OVERSCAN: usize = 6;
/// The height the grid is given before it is measured (and never less than).
pub const MIN_VIEW_HEIGHT: f64 = 8.0 * ROW_HEIGHT;

/// The rows the grid lists, in order: every row, or only those with issues.
#[derive(Clone, Debug, PartialEq)]
pub enum Listed {
    All(usize),
    Only(Arc<Vec<usize>>),
}

impl Listed {
    pub fn len(&self) -> usize {
        match self {
            Listed::All(count) => *count,
            Listed::Only(rows) => rows.len(),
        }
    }

    /// The row index listed at `position`.
    pub fn get(&self, position: usize) -> Option<usize> {
        match self {
            Listed::All(count) => (position < *count).then_some(position),
            Listed::Only(rows) => rows.get(position).copied(),
        }
    }

    /// Where row `index` is listed.
    pub fn position(&self, index: usize) -> Option<usize> {
        match self {
            Listed::All(count) => (index < *count).then_some(index),
            Listed::Only(rows) => rows.binary_search(&index).ok(),
        }
    }

    /// The row indexes listed from `from` to `to` (positions, both included).
    pub fn rows(&self, (from, to): (usize, usize)) -> Vec<usize> {
        (from..=to).filter_map(|p| self.get(p)).collect()
    }
}

/// A move of the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    RowStart,
    RowEnd,
    First,
    Last,
}

/// What a key pressed on the grid does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAction {
    Move(Move),
    /// Enter or F2: edit the cursor's cell.
    Edit,
}

/// The grid's keys (the ARIA grid pattern); `None` for a key the grid leaves alone. Alt goes to the
/// step bar (Alt + Page suivante…), so the grid ignores it.
pub fn key_action(key: &str, control: bool, alt: bool) -> Option<KeyAction> {
    if alt {
        return None;
    }
    let action = match key {
        "ArrowDown" => KeyAction::Move(Move::Down),
        "ArrowUp" => KeyAction::Move(Move::Up),
        "ArrowRight" => KeyAction::Move(Move::Right),
        "ArrowLeft" => KeyAction::Move(Move::Left),
        "PageDown" => KeyAction::Move(Move::PageDown),
        "PageUp" => KeyAction::Move(Move::PageUp),
        "Home" if control => KeyAction::Move(Move::First),
        "End" if control => KeyAction::Move(Move::Last),
        "Home" => KeyAction::Move(Move::RowStart),
        "End" => KeyAction::Move(Move::RowEnd),
        "Enter" | "F2" => KeyAction::Edit,
        _ => return None,
    };
    Some(action)
}

/// The rows to draw: listed positions `first..last`, and the blank heights above and below them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub first: usize,
    pub last: usize,
    pub above: f64,
    pub below: f64,
}

/// Where the user is in the grid: kept while the grid is drawn again (another mapping, another step).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// The scroll position, in pixels.
    pub scroll_top: f64,
    /// The height of the scrolling area, in pixels (measured: the grid takes the window's height).
    pub view_height: f64,
    /// Only the rows with an issue are listed.
    pub only_errors: bool,
    /// The row of the issue the panel went to (a row index).
    pub focused_row: Option<usize>,
    /// The keyboard's cell: (position among the listed rows, column).
    pub cursor: (usize, usize),
    /// Where a selection of rows started (Maj + arrows or Maj + click): the rows from there to the
    /// cursor's are selected, for a fill or a deletion.
    pub anchor: Option<usize>,
}

impl Default for Place {
    fn default() -> Self {
        Place::new()
    }
}

impl Place {
    pub fn new() -> Place {
        Place {
            scroll_top: 0.0,
            view_height: MIN_VIEW_HEIGHT,
            only_errors: false,
            focused_row: None,
            cursor: (0, 0),
            anchor: None,
        }
    }

    /// First and last selected positions.
    pub fn selection(&self) -> Option<(usize, usize)> {
        let at = self.cursor.0;
        self.anchor.map(|from| (from.min(at), from.max(at)))
    }

    /// How many rows are selected (0: none).
    pub fn selected(&self) -> usize {
        self.selection().map_or(0, |(from, to)| to - from + 1)
    }

    /// Rows in view at once.
    pub fn rows_in_view(&self) -> usize {
        (self.view_height / ROW_HEIGHT) as usize
    }

    /// The first row drawn: the rows are drawn again when it changes, not on every scroll event.
    pub fn first_drawn(&self) -> usize {
        ((self.scroll_top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN)
    }

    /// What to draw of `listed` rows from `first` (see [`Place::first_drawn`]).
    pub fn window(&self, first: usize, listed: usize) -> Window {
        let shown = self.rows_in_view() + 2 * OVERSCAN;
        let first = first.min(listed);
        let last = (first + shown).min(listed);
        Window { first, last, above: first as f64 * ROW_HEIGHT, below: listed.saturating_sub(last) as f64 * ROW_HEIGHT }
    }

    /// The scrolling area was scrolled (or measured).
    pub fn scrolled(&mut self, top: f64) {
        self.scroll_top = top.max(0.0);
    }

    pub fn measured(&mut self, height: f64) {
        self.view_height = height.max(MIN_VIEW_HEIGHT);
    }

    /// Moves the cursor over `rows` listed rows of `columns` columns; with Maj the selection grows
    /// from where it started, without it ends. Returns the scroll position that keeps the cursor in
    /// view, when it has to change.
    pub fn press(&mut self, step: Move, shift: bool, rows: usize, columns: usize) -> Option<f64> {
        if rows == 0 || columns == 0 {
            return None;
        }
        let page = self.rows_in_view().saturating_sub(1).max(1);
        let (row, column) = self.cursor;
        let moved = match step {
            Move::Down => (row + 1, column),
            Move::Up => (row.saturating_sub(1), column),
            Move::Right => (row, column + 1),
            Move::Left => (row, column.saturating_sub(1)),
            Move::PageDown => (row + page, column),
            Move::PageUp => (row.saturating_sub(page), column),
            Move::First => (0, 0),
            Move::Last => (rows - 1, columns - 1),
            Move::RowStart => (row, 0),
            Move::RowEnd => (row, columns - 1),
        };
        self.extend(shift);
        self.cursor = (moved.0.min(rows - 1), moved.1.min(columns - 1));
        self.keep_in_view()
    }

    /// A click on a cell: the cursor goes there; with Maj, the rows in between are selected.
    pub fn click(&mut self, position: usize, column: usize, shift: bool) {
        self.extend(shift);
        self.cursor = (position, column);
    }

    fn extend(&mut self, shift: bool) {
        if !shift {
            self.anchor = None;
        } else if self.anchor.is_none() {
            self.anchor = Some(self.cursor.0);
        }
    }

    /// The scroll position that shows the cursor's row, if it is out of view.
    fn keep_in_view(&mut self) -> Option<f64> {
        let top = self.cursor.0 as f64 * ROW_HEIGHT;
        // The header row covers the first row's height.
        let bottom = top + 2.0 * ROW_HEIGHT;
        let wanted = if top < self.scroll_top {
            top
        } else if bottom > self.scroll_top + self.view_height {
            bottom - self.view_height
        } else {
            return None;
        };
        self.scroll_top = wanted;
        Some(wanted)
    }

    /// Goes to an issue: row `index`, listed at `position` (if it is), at `column`; its row is shown a
    /// third of the way down. Returns the scroll position, when the row is listed.
    pub fn show_issue(&mut self, index: usize, position: Option<usize>, column: usize) -> Option<f64> {
        self.focused_row = Some(index);
        let at = position?;
        self.cursor = (at, column);
        self.scroll_top = (at as f64 * ROW_HEIGHT - self.view_height / 3.0).max(0.0);
        Some(self.scroll_top)
    }

    /// Lists every row, or only those with an issue: back to the top, the cursor's column kept.
    pub fn filter(&mut self, only_errors: bool) {
        self.only_errors = only_errors;
        self.scroll_top = 0.0;
        self.cursor = (0, self.cursor.1);
        self.anchor = None;
    }

    /// Rows deleted or put back, the filter changed: the selection no longer means the same rows.
    pub fn listed_changed(&mut self) {
        self.anchor = None;
    }
}

/// A bulk tool of the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Replace,
    Fill,
    MapValues,
}

/// What fits a group of issues best, for the panel's hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Tamis knows the fix of (some of) these values: « Corriger ».
    FixAll,
    /// Blank rows: delete them together.
    DeleteBlank,
    Tool(Tool),
    /// Duplicates and the like: row by row, in the grid.
    ByHand,
}

/// Which tool fits the group of issues `code`: `fixable` of them have a known fix, the field has a
/// list of `allowed` values, the cells are `empty`.
pub fn fit(code: Code, fixable: usize, allowed: bool, empty: bool) -> Fit {
    match code {
        Code::BlankRow => Fit::DeleteBlank,
        _ if fixable > 0 => Fit::FixAll,
        Code::UniqueError | Code::PrimaryKeyError => Fit::ByHand,
        _ if empty => Fit::Tool(Tool::Fill),
        _ if allowed => Fit::Tool(Tool::MapValues),
        _ => Fit::Tool(Tool::Replace),
    }
}

/// A bulk edit waiting for the user's go, with its before → after sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub edit: Edit,
    pub preview: Preview,
}

impl Pending {
    pub fn deletes(&self) -> bool {
        matches!(self.edit, Edit::DeleteRows { .. })
    }

    /// The apply button: « Appliquer à 13 cellule(s) », « Supprimer 2 ligne(s) ».
    pub fn apply_label(&self) -> String {
        if self.deletes() {
            format!("{} {} {}", text::DELETE, self.preview.total, text::ROWS)
        } else {
            format!("{} {} {}", text::FIX_APPLY, self.preview.total, text::FIX_CELLS)
        }
    }

    /// The sample, a line per cell (spreadsheet row numbers: the header is row 1).
    pub fn sample_lines(&self) -> Vec<String> {
        self.preview
            .sample
            .iter()
            .map(|cell| match &cell.after {
                Some(after) => format!("{} {} : « {} » → « {after} »", text::ROW, cell.row + 2, cell.before),
                None => format!("{} {} : {}", text::ROW, cell.row + 2, cell.before),
            })
            .collect()
    }
}

/// A group of issues as the guided fix walks them: (field, code).
pub type GroupKey = (Option<String>, Code);

/// The one action the guided fix proposes for a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Apply Tamis's suggested fixes (`fix_group`).
    FixAll,
    /// Delete the blank rows together.
    DeleteBlank,
    /// Replace each wrong value by the one proposed, in one table.
    Map,
    /// Ask the user for one value, written in the empty cells.
    Fill,
    /// Nothing automatic: fixed by hand in the grid, or passed.
    ByHand,
}

/// The action of a group whose best tool is `fit`, when `proposals` of its wrong values have a
/// replacement Tamis can propose (a suggested fix or a close allowed value).
pub fn action(fit: Fit, proposals: usize) -> Action {
    match fit {
        Fit::FixAll => Action::FixAll,
        Fit::DeleteBlank => Action::DeleteBlank,
        Fit::Tool(Tool::Fill) => Action::Fill,
        Fit::Tool(Tool::MapValues | Tool::Replace) if proposals > 0 => Action::Map,
        Fit::Tool(_) | Fit::ByHand => Action::ByHand,
    }
}

/// « Corriger pas à pas »: the groups of issues one at a time, in the panel's order. The current group
/// is the first one neither passed nor left as it was by its action; what is left at the end is said.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Guide {
    /// The groups passed (« Passer »).
    passed: Vec<GroupKey>,
    /// The groups an action was applied to, with their count then: one still as large afterwards is
    /// not fixed by that action, so it falls to the user's hand instead of being proposed again.
    applied: Vec<(GroupKey, usize)>,
    /// Every group met in this walk: those there at its start, and any an edit brought since. The
    /// walk's length, which does not shrink as groups get fixed.
    met: Vec<GroupKey>,
}

/// Where the walk is, for the user: the current group is the `at`-th of `total` (the groups settled,
/// fixed or passed, come before it), and `after` groups are still to see after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub at: usize,
    pub total: usize,
    pub after: usize,
}

impl Guide {
    /// The group to show among `groups` (keys and counts, in the panel's order), if any is left.
    pub fn current<'a>(&self, groups: &'a [(GroupKey, usize)]) -> Option<&'a (GroupKey, usize)> {
        groups.iter().find(|(key, _)| !self.passed.contains(key))
    }

    /// Whether the action applied to group `key` left it with `count` issues or more: then the action
    /// is not proposed again.
    pub fn stuck(&self, key: &GroupKey, count: usize) -> bool {
        self.applied.iter().any(|(k, before)| k == key && count >= *before)
    }

    /// The action for group `key` of `count` issues, `fitting` it.
    pub fn action_for(&self, key: &GroupKey, count: usize, fitting: Action) -> Action {
        if fitting != Action::ByHand && self.stuck(key, count) {
            Action::ByHand
        } else {
            fitting
        }
    }

    /// « Passer »: the next group.
    pub fn pass(&mut self, key: GroupKey) {
        if !self.passed.contains(&key) {
            self.passed.push(key);
        }
    }

    /// An action is applied to group `key`, of `count` issues before.
    pub fn applied(&mut self, key: GroupKey, count: usize) {
        self.applied.retain(|(k, _)| *k != key);
        self.applied.push((key, count));
    }

    /// The groups passed that are still there: what is left for the user's hand.
    pub fn left<'a>(&self, groups: &'a [(GroupKey, usize)]) -> Vec<&'a (GroupKey, usize)> {
        groups.iter().filter(|(key, _)| self.passed.contains(key)).collect()
    }

    /// Starts a new walk from the first group (the passed ones shown again).
    pub fn restart(&mut self) {
        self.passed.clear();
        self.met.clear();
    }

    /// Whether `groups` has a group this walk has not met yet (then [`Guide::meet`] it).
    pub fn meets_new(&self, groups: &[(GroupKey, usize)]) -> bool {
        groups.iter().any(|(key, _)| !self.met.contains(key))
    }

    /// Notes the groups of `groups` as met by this walk: a group fixed later still counts in its length.
    pub fn meet(&mut self, groups: &[(GroupKey, usize)]) {
        for (key, _) in groups {
            if !self.met.contains(key) {
                self.met.push(key.clone());
            }
        }
    }

    /// Where the walk is, with `groups` left now: every group met counts, settled (fixed, or passed and
    /// still there) or still to see, so the current one's number and the total stay put as groups get
    /// fixed; the total grows only when an edit brings a new group.
    pub fn progress(&self, groups: &[(GroupKey, usize)]) -> Progress {
        let total = self.met.len() + groups.iter().filter(|(key, _)| !self.met.contains(key)).count();
        let to_see = groups.iter().filter(|(key, _)| !self.passed.contains(key)).count();
        // Saturating: no arithmetic may panic in the page, whatever the groups.
        Progress { at: (total + 1).saturating_sub(to_see).max(1), total, after: to_see.saturating_sub(1) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(rows_in_view: usize) -> Place {
        let mut place = Place::new();
        place.measured(rows_in_view as f64 * ROW_HEIGHT);
        place
    }

    #[test]
    fn listed_rows_are_every_row_or_those_with_issues() {
        let all = Listed::All(5);
        assert_eq!((all.len(), all.get(4), all.get(5), all.position(3)), (5, Some(4), None, Some(3)));
        let only = Listed::Only(Arc::new(vec![2, 7, 9]));
        assert_eq!((only.len(), only.get(1), only.position(9), only.position(8)), (3, Some(7), Some(2), None));
        assert_eq!(only.rows((1, 5)), vec![7, 9]);
    }

    #[test]
    fn the_window_draws_the_rows_in_view_and_some_more() {
        let mut place = place(10);
        assert_eq!(
            place.window(place.first_drawn(), 1000),
            Window { first: 0, last: 22, above: 0.0, below: 978.0 * ROW_HEIGHT }
        );
        place.scrolled(100.0 * ROW_HEIGHT);
        assert_eq!(place.first_drawn(), 94);
        let window = place.window(place.first_drawn(), 1000);
        assert_eq!((window.first, window.last, window.above), (94, 116, 94.0 * ROW_HEIGHT));
        // Near the end, and with fewer rows than the window.
        assert_eq!(place.window(990, 1000).last, 1000);
        assert_eq!(place.window(94, 3), Window { first: 3, last: 3, above: 3.0 * ROW_HEIGHT, below: 0.0 });
        // A taller grid draws more rows; it is never measured below the minimum.
        place.measured(20.0 * ROW_HEIGHT);
        assert_eq!(place.window(0, 1000).last, 32);
        place.measured(10.0);
        assert_eq!(place.view_height, MIN_VIEW_HEIGHT);
    }

    #[test]
    fn keys_move_the_cursor_within_the_table() {
        let mut place = place(10);
        assert_eq!(place.press(Move::Up, false, 100, 5), None);
        assert_eq!(place.cursor, (0, 0));
        place.press(Move::Right, false, 100, 5);
        place.press(Move::Down, false, 100, 5);
        assert_eq!(place.cursor, (1, 1));
        place.press(Move::RowEnd, false, 100, 5);
        assert_eq!(place.cursor, (1, 4));
        place.press(Move::Right, false, 100, 5);
        assert_eq!(place.cursor, (1, 4), "no column past the last");
        place.press(Move::PageDown, false, 100, 5);
        assert_eq!(place.cursor, (10, 4), "a page is the rows in view but one");
        place.press(Move::Last, false, 100, 5);
        assert_eq!(place.cursor, (99, 4));
        place.press(Move::PageDown, false, 100, 5);
        assert_eq!(place.cursor, (99, 4));
        place.press(Move::First, false, 100, 5);
        assert_eq!(place.cursor, (0, 0));
        assert_eq!(place.press(Move::Down, false, 0, 5), None, "nothing listed: nothing moves");
    }

    #[test]
    fn the_cursor_row_stays_in_view() {
        let mut place = place(10);
        for _ in 0..8 {
            assert_eq!(place.press(Move::Down, false, 100, 5), None);
        }
        // Row 9 and the header row no longer fit: one row down.
        assert_eq!(place.press(Move::Down, false, 100, 5), Some(ROW_HEIGHT));
        place.press(Move::Last, false, 100, 5);
        assert_eq!(place.scroll_top, 101.0 * ROW_HEIGHT - 10.0 * ROW_HEIGHT);
        assert_eq!(place.press(Move::First, false, 100, 5), Some(0.0));
    }

    #[test]
    fn shift_selects_rows_and_a_plain_move_ends_the_selection() {
        let mut place = place(10);
        place.click(2, 1, false);
        assert_eq!((place.selection(), place.selected()), (None, 0));
        place.press(Move::Down, true, 100, 5);
        place.press(Move::Down, true, 100, 5);
        assert_eq!((place.selection(), place.selected()), (Some((2, 4)), 3));
        place.click(0, 1, true);
        assert_eq!(place.selection(), Some((0, 2)), "Maj + click above the start");
        place.press(Move::Down, false, 100, 5);
        assert_eq!(place.selection(), None);
        place.click(5, 0, true);
        place.listed_changed();
        assert_eq!(place.selection(), None, "rows deleted: the selection goes");
    }

    #[test]
    fn going_to_an_issue_shows_its_row_a_third_down() {
        let mut place = place(12);
        assert_eq!(place.show_issue(1000, Some(1000), 3), Some(1000.0 * ROW_HEIGHT - 4.0 * ROW_HEIGHT));
        assert_eq!((place.focused_row, place.cursor), (Some(1000), (1000, 3)));
        assert_eq!(place.show_issue(1, Some(1), 0), Some(0.0));
        // A row the filter does not list is still the one shown in the panel.
        assert_eq!(place.show_issue(7, None, 2), None);
        assert_eq!((place.focused_row, place.cursor), (Some(7), (1, 0)));
    }

    #[test]
    fn the_filter_goes_back_to_the_top_keeping_the_column() {
        let mut place = place(10);
        place.press(Move::Last, true, 100, 5);
        place.filter(true);
        assert_eq!((place.only_errors, place.scroll_top, place.cursor, place.anchor), (true, 0.0, (0, 4), None));
    }

    #[test]
    fn the_grid_keys_leave_alt_and_other_keys_alone() {
        assert_eq!(key_action("ArrowDown", false, false), Some(KeyAction::Move(Move::Down)));
        assert_eq!(key_action("Home", true, false), Some(KeyAction::Move(Move::First)));
        assert_eq!(key_action("End", false, false), Some(KeyAction::Move(Move::RowEnd)));
        assert_eq!(key_action("F2", false, false), Some(KeyAction::Edit));
        assert_eq!(key_action("PageDown", false, true), None, "Alt + Page suivante is the step bar's");
        assert_eq!(key_action("a", false, false), None);
    }

    #[test]
    fn each_kind_of_issue_gets_its_tool() {
        assert_eq!(fit(Code::BlankRow, 0, false, true), Fit::DeleteBlank);
        assert_eq!(fit(Code::TypeError, 13, false, false), Fit::FixAll);
        assert_eq!(fit(Code::ConstraintError, 0, true, false), Fit::Tool(Tool::MapValues));
        assert_eq!(fit(Code::ConstraintError, 0, true, true), Fit::Tool(Tool::Fill), "a required value missing");
        assert_eq!(fit(Code::TypeError, 0, false, false), Fit::Tool(Tool::Replace));
        assert_eq!(fit(Code::UniqueError, 0, false, false), Fit::ByHand);
    }

    #[test]
    fn a_pending_edit_says_what_it_will_do() {
        use tamis_engine::edit::{CellPreview, Rows};
        let fill = Pending {
            edit: Edit::Fill { field: "COLL_INSEE".into(), value: "34172".into(), rows: Rows::Empty },
            preview: Preview {
                total: 2,
                sample: vec![CellPreview {
                    row: 1,
                    source_row: 3,
                    field: "COLL_INSEE".into(),
                    before: String::new(),
                    after: Some("34172".into()),
                }],
            },
        };
        assert!(!fill.deletes());
        assert_eq!(fill.apply_label(), "Appliquer à 2 cellule(s)");
        assert_eq!(fill.sample_lines(), vec!["Ligne 3 : «  » → « 34172 »"]);
        let delete = Pending {
            edit: Edit::DeleteRows { rows: Vec::new() },
            preview: Preview {
                total: 1,
                sample: vec![CellPreview {
                    row: 6,
                    source_row: 8,
                    field: String::new(),
                    before: "34172 | M | TOTAL".into(),
                    after: None,
                }],
            },
        };
        assert!(delete.deletes());
        assert_eq!(delete.apply_label(), "Supprimer 1 ligne(s)");
        assert_eq!(delete.sample_lines(), vec!["Ligne 8 : 34172 | M | TOTAL"]);
    }

    fn key(field: &str, code: Code) -> GroupKey {
        (Some(field.to_owned()), code)
    }

    #[test]
    fn the_guided_action_follows_the_hint_and_never_proposes_nothing() {
        assert_eq!(action(Fit::FixAll, 0), Action::FixAll);
        assert_eq!(action(Fit::DeleteBlank, 0), Action::DeleteBlank);
        assert_eq!(action(Fit::Tool(Tool::Fill), 0), Action::Fill);
        assert_eq!(action(Fit::Tool(Tool::MapValues), 2), Action::Map);
        assert_eq!(action(Fit::Tool(Tool::Replace), 1), Action::Map);
        assert_eq!(action(Fit::Tool(Tool::MapValues), 0), Action::ByHand, "no value to propose");
        assert_eq!(action(Fit::Tool(Tool::Replace), 0), Action::ByHand);
        assert_eq!(action(Fit::ByHand, 3), Action::ByHand);
    }

    #[test]
    fn the_guide_walks_the_groups_passes_and_says_what_is_left() {
        let blank = ((None, Code::BlankRow), 21);
        let date = (key("DELIB_DATE", Code::TypeError), 4);
        let siret = (key("COLL_SIRET", Code::ConstraintError), 160);
        let mut groups = vec![blank.clone(), date.clone(), siret.clone()];
        let mut guide = Guide::default();
        assert_eq!(guide.current(&groups), Some(&blank));
        // The blank rows are deleted: their group goes, the next one is shown.
        guide.applied(blank.0.clone(), 21);
        groups.remove(0);
        assert_eq!(guide.current(&groups), Some(&date));
        guide.pass(date.0.clone());
        assert_eq!(guide.current(&groups), Some(&siret));
        guide.pass(siret.0.clone());
        guide.pass(siret.0.clone());
        assert_eq!(guide.current(&groups), None, "every group passed: the end");
        assert_eq!(guide.left(&groups), vec![&date, &siret]);
        guide.restart();
        assert_eq!(guide.current(&groups), Some(&date));
        assert!(guide.left(&groups).is_empty());
    }

    #[test]
    fn the_walk_counts_the_groups_met_so_the_numbers_stay_put() {
        let progress = |at, total, after| Progress { at, total, after };
        let blank = ((None, Code::BlankRow), 21);
        let date = (key("DELIB_DATE", Code::TypeError), 4);
        let siret = (key("COLL_SIRET", Code::ConstraintError), 160);
        let matiere = (key("DELIB_MATIERE_CODE", Code::ConstraintError), 30);
        let mut groups = vec![blank.clone(), date.clone(), siret.clone(), matiere.clone()];
        let mut guide = Guide::default();
        // Before the walk has met anything (its first drawing), the groups there are its length.
        assert_eq!(guide.progress(&groups), progress(1, 4, 3));
        assert!(guide.meets_new(&groups));
        guide.meet(&groups);
        assert!(!guide.meets_new(&groups));
        assert_eq!(guide.progress(&groups), progress(1, 4, 3));
        // The blank rows deleted: the second group of four, not the first of three.
        guide.applied(blank.0.clone(), 21);
        groups.retain(|g| *g != blank);
        assert_eq!(guide.progress(&groups), progress(2, 4, 2));
        // Passed: the third.
        guide.pass(date.0.clone());
        assert_eq!(guide.progress(&groups), progress(3, 4, 1));
        // The SIRET fixed, by an edit that brings a group the walk had not met: the fourth of five.
        let new = (key("DELIB_ID", Code::UniqueError), 2);
        groups.retain(|g| *g != siret);
        groups.push(new.clone());
        assert_eq!(guide.progress(&groups), progress(4, 5, 1));
        guide.meet(&groups);
        assert_eq!(guide.progress(&groups), progress(4, 5, 1));
        // One fix settles two groups: the walk is over, only the passed one is left.
        groups.retain(|g| *g != matiere && *g != new);
        assert_eq!(guide.current(&groups), None);
        assert_eq!(guide.left(&groups), vec![&date]);
        // A new walk counts again from what is there.
        guide.restart();
        assert_eq!(guide.progress(&groups), progress(1, 1, 0));
    }

    #[test]
    fn an_action_that_did_not_help_falls_to_the_users_hand() {
        let mut guide = Guide::default();
        let group = key("ENFANT_SEXE", Code::ConstraintError);
        assert_eq!(guide.action_for(&group, 3, Action::Map), Action::Map);
        guide.applied(group.clone(), 3);
        assert_eq!(guide.action_for(&group, 1, Action::Map), Action::Map, "fewer left: proposed again");
        assert_eq!(guide.action_for(&group, 3, Action::Map), Action::ByHand, "nothing changed");
        assert_eq!(guide.action_for(&group, 3, Action::ByHand), Action::ByHand);
        // Another group is not concerned.
        assert_eq!(guide.action_for(&key("ANNEE", Code::TypeError), 3, Action::FixAll), Action::FixAll);
    }
}
