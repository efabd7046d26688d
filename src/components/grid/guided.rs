//! « Corriger pas à pas »: the groups of issues one at a time, in the error panel. For each group:
//! what the schema expects (the plain-French explanation, with an example), how many rows, the wrong
//! values with their counts, and the one action that fits (`model::fit` → `model::action`), previewed
//! before → after; « Passer » goes to the next group. Which group is shown and what is left is
//! `model::Guide`'s; this component only reads the editor and hands it the user's choices.

use super::model::{action, fit, Action, GroupKey, Guide, Pending};
use super::Grid;
use crate::steps::Step;
use crate::text;
use leptos::prelude::*;
use std::collections::BTreeMap;
use tamis_engine::edit::{Edit, Rows};
use tamis_engine::transform;
use tamis_engine::Code;

/// How many wrong values the card lists.
const MAX_VALUES: usize = 8;

/// What the card shows of the current group.
#[derive(Clone, Debug, PartialEq)]
struct Card {
    key: GroupKey,
    count: usize,
    line: String,
    explanation: String,
    /// The wrong values: (value, rows, the replacement proposed, if any).
    values: Vec<(String, usize, Option<String>)>,
    action: Action,
}

impl Card {
    /// The edit of the card's action (`typed`: the value the user typed, for a fill).
    fn edit(&self, editor: &tamis_engine::edit::Editor, typed: &str) -> Option<Edit> {
        let (field, code) = &self.key;
        match (self.action, field) {
            (Action::FixAll, Some(field)) => Some(editor.fix_group(field, *code)),
            (Action::DeleteBlank, _) => {
                let rows = editor.issue_rows(Some((field.as_deref(), *code)));
                Some(Edit::DeleteRows { rows: rows.into_iter().filter_map(|i| editor.row_ref(i)).collect() })
            }
            (Action::Map, Some(field)) => {
                let values: BTreeMap<String, String> =
                    self.values.iter().filter_map(|(v, _, to)| Some((v.clone(), to.clone()?))).collect();
                Some(Edit::MapValues { field: field.clone(), values, rows: Rows::All })
            }
            (Action::Fill, Some(field)) if !typed.trim().is_empty() => {
                Some(Edit::Fill { field: field.clone(), value: typed.trim().to_owned(), rows: Rows::Empty })
            }
            _ => None,
        }
    }
}

/// The guided fix, in place of the panel's groups and tools while `on`.
#[component]
pub fn Guided(grid: Grid, guide: RwSignal<Guide>, on: RwSignal<bool>) -> impl IntoView {
    let state = grid.state;
    let groups = Memo::new(move |_| state.with_editor(|e| e.groups()).unwrap_or_default());
    let keys = Memo::new(move |_| {
        groups.with(|g| g.iter().map(|g| ((g.field.clone(), g.code), g.count)).collect::<Vec<(GroupKey, usize)>>())
    });
    let current = Memo::new(move |_| keys.with(|k| guide.with(|g| g.current(k).cloned())));
    // The walk counts every group it meets, so that « Groupe n sur m » does not shift as groups go.
    Effect::new(move |_| {
        keys.with(|k| {
            if guide.with_untracked(|g| g.meets_new(k)) {
                guide.update(|g| g.meet(k));
            }
        })
    });
    let card = Memo::new(move |_| {
        let ((field, code), count) = current.get()?;
        let group = groups.with(|g| g.iter().find(|g| g.field == field && g.code == code).cloned())?;
        let allowed = field.as_ref().and_then(|name| {
            state.schema.with(|s| s.as_ref().and_then(|s| s.schema.field(name).and_then(transform::enum_values)))
        });
        state
            .with_editor(|e| {
                let issue = e
                    .report()
                    .issues
                    .iter()
                    .find(|i| i.row.is_some() && i.field.as_deref() == field.as_deref() && i.code == code)?;
                let explanation = e.explanation(issue);
                let empty = issue.cell.trim().is_empty();
                // The wrong values of the field, and a replacement where Tamis knows one: the suggested
                // fix, or the allowed value close enough.
                let distinct = match &field {
                    Some(name) if code != Code::BlankRow => e.distinct(name).unwrap_or_default(),
                    _ => Vec::new(),
                };
                let wrong: Vec<_> = distinct.into_iter().filter(|d| d.invalid).take(MAX_VALUES).collect();
                let refs: Vec<&str> = wrong.iter().map(|d| d.value.as_str()).collect();
                let closest = allowed.as_ref().map(|a| transform::suggest_enum_map(&refs, a)).unwrap_or_default();
                let values: Vec<(String, usize, Option<String>)> = wrong
                    .iter()
                    .map(|d| {
                        let near = closest
                            .iter()
                            .find(|(v, _, score)| *v == d.value && *score >= transform::ENUM_CONFIDENT)
                            .and_then(|(_, s, _)| s.clone());
                        let proposed = if d.value.trim().is_empty() { None } else { d.fix.clone().or(near) };
                        (d.value.clone(), d.count, proposed.filter(|p| *p != d.value))
                    })
                    .collect();
                let proposals = values.iter().filter(|(_, _, p)| p.is_some()).count();
                let fitting = action(fit(code, group.fixable, allowed.is_some(), empty), proposals);
                let key = (field.clone(), code);
                let action = guide.with(|g| g.action_for(&key, count, fitting));
                Some(Card { key, count, line: group.line(), explanation, values, action })
            })
            .flatten()
    });
    // The value typed for a fill, reset when the group changes.
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        current.track();
        typed.set(String::new());
    });
    // The action's edit and its before → after, made anew when the card or the typed value changes.
    let proposed = Memo::new(move |_| {
        let card = card.get()?;
        let typed = typed.get();
        state
            .with_editor(|e| {
                let edit = card.edit(e, &typed)?;
                let preview = e.preview(&edit, 5).ok()?;
                (preview.total > 0).then_some(Pending { edit, preview })
            })
            .flatten()
    });
    let apply = move |_| {
        let (Some(card), Some(pending)) = (card.get_untracked(), proposed.get_untracked()) else { return };
        guide.update(|g| g.applied(card.key.clone(), card.count));
        grid.pending.set(None);
        state.edit(pending.edit);
        focus_next();
    };
    let pass = move |_| {
        if let Some(card) = card.get_untracked() {
            guide.update(|g| g.pass(card.key));
            focus_next();
        }
    };
    let first = move |_| {
        let Some(card) = card.get_untracked() else { return };
        let only = Some((card.key.0.as_deref(), card.key.1));
        if let Some(position) = state.with_editor_untracked(|e| e.next_issue(None, only)).flatten() {
            grid.go_to(position);
            grid.focus();
        }
    };
    let body = move || {
        let Some(card) = card.get() else {
            return end(state, guide, keys, groups).into_any();
        };
        let progress = keys.with(|k| guide.with(|g| g.progress(k)));
        let values = (!card.values.is_empty()).then(|| {
            let lines = card
                .values
                .iter()
                .map(|(value, count, to)| {
                    let shown = if value.is_empty() { text::GUIDED_EMPTY.to_owned() } else { format!("« {value} »") };
                    let to = to.as_ref().map(|to| format!("« {to} »")).unwrap_or_else(|| "—".to_owned());
                    view! { <tr><td class="cell-value">{shown}</td><td>{*count}</td><td>{to}</td></tr> }
                })
                .collect_view();
            view! {
                <table class="values" data-testid="guided-values">
                    <caption class="visually-hidden">{text::GUIDED_VALUES}</caption>
                    <thead><tr><th scope="col">{text::MAP_VALUE}</th><th scope="col">{text::MAP_ROWS}</th><th scope="col">{text::GUIDED_PROPOSED}</th></tr></thead>
                    <tbody>{lines}</tbody>
                </table>
            }
        });
        let ask = (card.action == Action::Fill).then(|| {
            let field = card.key.0.clone().unwrap_or_default();
            view! {
                <label class="guided-ask">
                    {text::guided_fill(&field, card.count)}
                    <input type="text" data-testid="guided-value" prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev)) />
                </label>
            }
        });
        let by_hand = (card.action == Action::ByHand).then(|| {
            view! {
                <p data-testid="guided-by-hand">{text::GUIDED_BY_HAND} " "
                    <button type="button" class="secondary small" data-testid="guided-first" on:click=first>{text::GUIDED_FIRST}</button>
                </p>
            }
        });
        // The before → after, its list scrolling on its own when long (focusable, for the keyboard).
        let preview = move || {
            let pending = proposed.get()?;
            let lines = pending.sample_lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
            Some(view! {
                <div class="fix-preview" data-testid="guided-preview">
                    <p class="small" id="guided-preview-title">{text::GUIDED_PREVIEW}</p>
                    <ul tabindex="0" aria-labelledby="guided-preview-title">{lines}</ul>
                </div>
            })
        };
        // The proposed action and « Passer », kept in sight at the bottom of the panel however long
        // the card (see `.guided-actions` in the CSS).
        let apply_button = move || {
            proposed.get().map(|pending| {
                view! {
                    <button type="button" class="primary small" data-testid="guided-apply" on:click=apply>{pending.apply_label()}</button>
                }
            })
        };
        view! {
            <section class="guided-card" data-testid="guided-card" aria-labelledby="guided-title">
                <p class="muted small" data-testid="guided-position">{text::guided_position(progress)}</p>
                <h4 id="guided-title" tabindex="-1" data-testid="guided-group">{card.line.clone()}</h4>
                <p data-testid="guided-explanation">{card.explanation.clone()}</p>
                <p class="small">{text::guided_count(card.count)}</p>
                <p class="hint small" data-testid="guided-action">{text::guided_action(card.action)}</p>
                {ask}
                {preview}
                {by_hand}
                <p class="guided-actions">
                    {apply_button} " "
                    <button type="button" class="secondary small" data-testid="guided-pass" on:click=pass>{text::GUIDED_PASS}</button>
                </p>
                {values}
            </section>
        }
        .into_any()
    };
    view! {
        <div class="guided" data-testid="guided">
            <div class="inline">
                <h3 class="small">{text::GUIDED}</h3>
                <button type="button" class="secondary small" data-testid="guided-close" on:click=move |_| on.set(false)>{text::GUIDED_CLOSE}</button>
            </div>
            {body}
        </div>
    }
}

/// After an action or « Passer », the keyboard goes on from the next group's title (or the end),
/// once it is drawn: the button pressed is gone.
fn focus_next() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let document = gloo::utils::document();
        let target = document.get_element_by_id("guided-title").or_else(|| document.get_element_by_id("guided-end"));
        if let Some(element) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}

/// The end of the walk: a conformant file to publish, or what is left for the user's hand.
fn end(
    state: crate::state::AppState,
    guide: RwSignal<Guide>,
    keys: Memo<Vec<(GroupKey, usize)>>,
    groups: Memo<Vec<tamis_engine::edit::Group>>,
) -> impl IntoView {
    let valid = state.with_editor(|e| e.report().valid).unwrap_or(false);
    if valid {
        return view! {
            <div data-testid="guided-done">
                <p id="guided-end" tabindex="-1">{text::GUIDED_DONE}</p>
                <button type="button" class="primary" data-testid="guided-publish"
                    on:click=move |_| state.go_to_step(Step::Publish)>{text::GUIDED_PUBLISH}</button>
            </div>
        }
        .into_any();
    }
    let left: Vec<String> = keys.with(|k| {
        let left = guide.with(|g| g.left(k).into_iter().map(|(key, _)| key.clone()).collect::<Vec<_>>());
        groups.with(|g| g.iter().filter(|g| left.contains(&(g.field.clone(), g.code))).map(|g| g.line()).collect())
    });
    let general = state.with_editor(|e| e.report().issues.iter().any(|i| i.row.is_none())).unwrap_or(false);
    view! {
        <div data-testid="guided-left">
            <p id="guided-end" tabindex="-1">{text::GUIDED_LEFT}</p>
            <ul>{left.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            {general.then(|| view! { <p>{text::GUIDED_GENERAL_LEFT}</p> })}
            <button type="button" class="secondary small" data-testid="guided-restart"
                on:click=move |_| guide.update(Guide::restart)>{text::GUIDED_RESTART}</button>
        </div>
    }
    .into_any()
}
