//! The bulk tools of the panel (find and replace, fill a column, replace wrong values), one open at a
//! time on one shared column, and the hint that says which one fits the selected group of issues.

use super::bulk::{FillColumn, MapValues};
use super::model::{fit, Fit, Tool};
use super::replace::FindReplace;
use super::Grid;
use crate::text;
use leptos::prelude::*;
use tamis_engine::transform;

/// Which tool is open, and the column the tools work on.
#[derive(Clone, Copy)]
pub struct Tools {
    pub open: RwSignal<Option<Tool>>,
    pub field: RwSignal<String>,
}

impl Tools {
    /// None open, on the first of `fields` (until the user chooses another).
    pub fn new(fields: Memo<Vec<String>>) -> Tools {
        let tools = Tools { open: RwSignal::new(None), field: RwSignal::new(String::new()) };
        Effect::new(move |_| {
            let first = fields.with(|f| f.first().cloned()).unwrap_or_default();
            let known = fields.with(|f| tools.field.with_untracked(|c| f.contains(c)));
            if !known {
                tools.field.set(first);
            }
        });
        tools
    }

    /// The `open` and `on:toggle` of tool `tool`'s `<details>`.
    pub fn is_open(&self, tool: Tool) -> bool {
        self.open.with(|o| *o == Some(tool))
    }

    pub fn toggled(&self, tool: Tool, open: bool) {
        if open {
            self.open.set(Some(tool));
        } else if self.open.get_untracked() == Some(tool) {
            self.open.set(None);
        }
    }
}

/// The three tools.
#[component]
pub fn ToolList(grid: Grid, tools: Tools) -> impl IntoView {
    let fields = grid.fields;
    view! {
        <div class="tools">
            <FindReplace fields=fields tools=tools />
            <FillColumn fields=fields tools=tools />
            <MapValues fields=fields tools=tools />
        </div>
    }
}

/// Which tool fits the selected group, with a button that opens it on the group's column.
#[component]
pub fn Hint(grid: Grid, tools: Tools) -> impl IntoView {
    let Grid { state, group, .. } = grid;
    let hint = move || {
        let (field, code) = group.get()?;
        let (fixable, empty) = state
            .with_editor(|e| {
                let fixable = e.groups().iter().find(|g| g.field == field && g.code == code).map_or(0, |g| g.fixable);
                let first = e.report().issues.iter().find(|i| i.field.as_deref() == field.as_deref() && i.code == code);
                (fixable, first.is_some_and(|i| i.cell.trim().is_empty()))
            })
            .unwrap_or_default();
        let allowed = field.as_ref().is_some_and(|name| {
            state
                .schema
                .with(|s| s.as_ref().and_then(|s| s.schema.field(name).and_then(transform::enum_values)).is_some())
        });
        let found = fit(code, fixable, allowed, empty);
        let open = match (found, field) {
            (Fit::Tool(tool), Some(field)) => Some(view! {
                <button type="button" class="secondary small" data-testid="hint-open" on:click=move |_| {
                    tools.field.set(field.clone());
                    tools.open.set(Some(tool));
                }>{text::tool_title(tool)}</button>
            }),
            _ => None,
        };
        Some(view! {
            <p class="hint small" data-testid="tool-hint" role="status">
                {text::tool_hint(found)} " " {open}
            </p>
        })
    };
    view! { {hint} }
}

/// A tool, folded: its title, its form (`children`), and what stops it (`problem`). One tool is open at
/// a time.
#[component]
pub fn ToolDetails(
    tools: Tools,
    tool: Tool,
    testid: &'static str,
    class: &'static str,
    problem: RwSignal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <details class=class data-testid=testid prop:open=move || tools.is_open(tool)
            on:toggle=move |ev| tools.toggled(tool, event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary>{text::tool_title(tool)}</summary>
            {children()}
            {move || problem.get().map(|p| view! { <p class="muted" role="status">{p}</p> })}
        </details>
    }
}
