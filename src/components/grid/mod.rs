//! The Corrections step: the mapped table as a grid that draws only the rows in view (so 100,000 rows
//! scroll) and takes the window's height, with every erroneous cell marked (colour and an icon, its
//! messages on hover and to screen readers); beside it the error panel: issues grouped by field and
//! kind, a click goes to the first one, next and previous walk through them, a filter keeps only the
//! rows with errors, and the bulk tools (fix-all, find and replace, fill, values to replace, row
//! deletion) preview what they would do before doing it.
//!
//! `model` is the pure part (place, selection, keys, pending edit), tested natively; `body` draws the
//! table, `keys` handles the keyboard, `panel` the groups and the walk, `tools` the bulk tools, `guided`
//! « Corriger pas à pas » (the groups one at a time, each with the one action that fits).
//! The grid lives as long as the step is shown; where the user was (`model::Place`) outlives it.

mod body;
mod bulk;
mod guided;
mod keys;
pub mod model;
mod panel;
mod replace;
mod tools;

use crate::state::AppState;
use leptos::prelude::*;
use model::{Listed, Place};
use std::sync::Arc;
use tamis_engine::edit::{Edit, Position};
use tamis_engine::Code;

/// The rows selected in the grid (Maj + arrows or Maj + click), for the bulk tools.
#[derive(Clone, Copy)]
pub struct Selection {
    place: RwSignal<Place>,
    listed: Memo<Listed>,
}

impl Selection {
    /// How many rows are selected (tracked; 0: none).
    pub fn count(&self) -> usize {
        self.place.with(Place::selected)
    }

    /// The selected rows' indexes, in order (untracked).
    pub fn rows(&self) -> Vec<usize> {
        let Some(range) = self.place.with_untracked(Place::selection) else { return Vec::new() };
        self.listed.with_untracked(|l| l.rows(range))
    }
}

/// A bulk edit waiting for the user's go, with its before → after sample.
pub type Pending = RwSignal<Option<model::Pending>>;

/// What the grid's parts share.
#[derive(Clone, Copy)]
struct Grid {
    state: AppState,
    place: RwSignal<Place>,
    listed: Memo<Listed>,
    fields: Memo<Vec<String>>,
    /// The cell being edited (row index, column), if any.
    editing: RwSignal<Option<(usize, usize)>>,
    viewport: NodeRef<leptos::html::Div>,
    pending: Pending,
    /// The selected group (field, code): next and previous walk through its issues.
    group: RwSignal<Option<(Option<String>, Code)>>,
}

impl Grid {
    /// Scrolls the grid to `top` pixels.
    fn scroll_to(&self, top: Option<f64>) {
        if let (Some(top), Some(viewport)) = (top, self.viewport.get_untracked()) {
            viewport.set_scroll_top(top as i32);
        }
    }

    /// The grid takes the focus (after an edit, the input gone).
    fn focus(&self) {
        if let Some(viewport) = self.viewport.get_untracked() {
            let _ = viewport.focus();
        }
    }

    /// Shows the issue at `position`.
    fn go_to(&self, position: Position) {
        let at = self.listed.with_untracked(|l| l.position(position.row));
        let top = self.place.try_update(|p| p.show_issue(position.row, at, position.column.unwrap_or(0))).flatten();
        self.scroll_to(top);
    }

    /// Next (or previous) issue of the selected group from the row shown, wrapping around.
    fn walk(&self, forward: bool) {
        let Some((field, code)) = self.group.get_untracked() else { return };
        // From the row shown: past all its cells going forward, before them going back.
        let column = forward.then_some(usize::MAX);
        let here = self.place.with_untracked(|p| p.focused_row).map(|row| Position { row, column });
        let only = Some((field.as_deref(), code));
        let found = self
            .state
            .with_editor_untracked(|e| if forward { e.next_issue(here, only) } else { e.previous_issue(here, only) })
            .flatten();
        if let Some(position) = found {
            self.go_to(position);
        }
    }

    /// Prepares `edit` (made from the editor) and shows its preview for the user's go.
    fn propose(&self, edit: impl FnOnce(&tamis_engine::edit::Editor) -> Option<Edit>) {
        let prepared = self.state.with_editor_untracked(|e| {
            let edit = edit(e)?;
            e.preview(&edit, 5).ok().map(|preview| model::Pending { edit, preview })
        });
        self.pending.set(prepared.flatten());
    }
}

/// The Corrections step's grid and its error panel, for the table in the state's editor. `place`:
/// where the user was, kept from one showing to the next.
#[component]
pub fn FixStep(place: RwSignal<Place>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let fields = Memo::new(move |_| state.with_editor(|e| e.table().fields.clone()).unwrap_or_default());
    let only_errors = Memo::new(move |_| place.with(|p| p.only_errors));
    let listed = Memo::new(move |_| {
        if only_errors.get() {
            let rows = state.with_editor(|e| e.issue_rows(None));
            Listed::Only(Arc::new(rows.unwrap_or_default()))
        } else {
            Listed::All(state.with_editor(|e| e.table().rows.len()).unwrap_or(0))
        }
    });
    // Rows deleted or put back, the filter changed: the selection no longer means the same rows.
    Effect::new(move |before: Option<usize>| {
        let count = listed.with(Listed::len);
        if before.is_some_and(|before| before != count) {
            place.update(Place::listed_changed);
        }
        count
    });
    let grid = Grid {
        state,
        place,
        listed,
        fields,
        editing: RwSignal::new(None),
        viewport: NodeRef::new(),
        pending: RwSignal::new(None),
        group: RwSignal::new(None),
    };
    provide_context(Selection { place, listed });
    provide_context(grid.pending);
    keys::undo_keys(state);
    view! {
        <super::AsIsOffer only_in_layout=true />
        <div class="fix">
            <div class="fix-main">
                <panel::Walk grid=grid />
                <body::Table grid=grid />
            </div>
            <panel::Panel grid=grid />
        </div>
    }
}
