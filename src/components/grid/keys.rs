//! The grid's keyboard: the ARIA grid pattern (the grid keeps the focus, the keys move a cursor cell
//! named by aria-activedescendant, Enter or F2 edits it), and Ctrl+Z / Ctrl+Y anywhere on the page.

use super::model::{key_action, KeyAction, Place};
use super::Grid;
use crate::state::AppState;
use leptos::prelude::*;

/// Whether `ev` was pressed while typing in a field (which has its own keys, undo included).
pub fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

/// Ctrl+Z / Ctrl+Y (or Ctrl+Maj+Z) undo and redo, except while typing in a field, as long as the
/// grid is shown.
pub fn undo_keys(state: AppState) {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => state.undo(),
            ("y", _) | ("z", true) => state.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
}

/// The grid's keydown handler.
pub fn on_key(grid: Grid) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
    move |ev: leptos::ev::KeyboardEvent| {
        let columns = grid.fields.with_untracked(Vec::len);
        let rows = grid.listed.with_untracked(|l| l.len());
        if grid.editing.get_untracked().is_some() || columns == 0 || rows == 0 {
            return;
        }
        let Some(action) = key_action(&ev.key(), ev.ctrl_key() || ev.meta_key(), ev.alt_key()) else { return };
        ev.prevent_default();
        match action {
            KeyAction::Edit => {
                let (row, column) = grid.place.with_untracked(|p| p.cursor);
                if let Some(index) = grid.listed.with_untracked(|l| l.get(row)) {
                    grid.editing.set(Some((index, column)));
                }
            }
            KeyAction::Move(step) => {
                let top = grid.place.try_update(|p| p.press(step, ev.shift_key(), rows, columns)).flatten();
                grid.scroll_to(top);
            }
        }
    }
}

/// The id of the cursor's cell (for aria-activedescendant); moves the cursor mark from cell to cell as
/// the keyboard goes (the cells are not redrawn for it).
pub fn follow_cursor(grid: Grid) -> Memo<Option<String>> {
    let cursor = Memo::new(move |_| grid.place.with(|p: &Place| p.cursor));
    let active = Memo::new(move |_| {
        let (row, column) = cursor.get();
        grid.listed.with(|l| l.get(row).map(|index| format!("cell-{index}-{column}")))
    });
    Effect::new(move |previous: Option<Option<String>>| {
        let id = active.get();
        let document = gloo::utils::document();
        let mark = |id: &str, on: bool| {
            if let Some(cell) = document.get_element_by_id(id) {
                let _ = if on { cell.class_list().add_1("cursor") } else { cell.class_list().remove_1("cursor") };
                let _ = cell.set_attribute("aria-selected", if on { "true" } else { "false" });
            }
        };
        if let Some(Some(before)) = previous.filter(|before| *before != id) {
            mark(&before, false);
        }
        if let Some(id) = &id {
            mark(id, true);
        }
        id
    });
    active
}
