use crate::state::AppState;
use crate::text;
use leptos::prelude::*;
use std::time::Duration;

/// A read is said on screen once it has lasted this long: a quick one shows nothing.
const SHOWN_AFTER: Duration = Duration::from_millis(500);

/// While a file is read for more than half a second: its name, an indeterminate progress bar and
/// « Annuler », on every step (a host page may open a file whichever is shown).
#[component]
pub fn ReadProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The read that has lasted long enough to be shown.
    let shown = RwSignal::new(None::<u64>);
    Effect::new(move |_| {
        let Some(id) = state.reading.with(|r| r.as_ref().map(|r| r.id)) else { return };
        set_timeout(
            move || {
                if state.reading.with_untracked(|r| r.as_ref().is_some_and(|r| r.id == id)) {
                    shown.try_set(Some(id));
                }
            },
            SHOWN_AFTER,
        );
    });
    move || {
        let reading = state.reading.get().filter(|r| shown.get() == Some(r.id))?;
        Some(view! {
            <div class="notice progress" role="status" data-testid="read-progress">
                <p id="read-progress-label">{text::reading(&reading.name)}</p>
                <progress aria-labelledby="read-progress-label" data-testid="read-progress-bar"></progress>
                <button type="button" class="secondary" data-testid="read-cancel" aria-label=text::READ_CANCEL_LABEL
                    on:click=move |_| state.cancel_read()>
                    {text::READ_CANCEL}
                </button>
            </div>
        })
    }
}

/// While a table has been checked for more than half a second (a large file, or a mapping changed on
/// one): how far the check is, and « Annuler », which brings back what was on screen before the change.
#[component]
pub fn CheckProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let checking = state
            .checking
            .get()
            .filter(|c| js_sys::Date::now() - c.started as f64 >= SHOWN_AFTER.as_millis() as f64)?;
        Some(view! {
            <div class="notice progress" role="status" data-testid="check-progress">
                <p id="check-progress-label">{text::checking(checking.done, checking.rows)}</p>
                <progress aria-labelledby="check-progress-label" data-testid="check-progress-bar"
                    max=checking.rows value=checking.done></progress>
                <button type="button" class="secondary" data-testid="check-cancel" aria-label=text::CHECK_CANCEL_LABEL
                    on:click=move |_| state.cancel_check()>
                    {text::READ_CANCEL}
                </button>
            </div>
        })
    }
}

/// While a file of the export has been in the making for more than half a second, since `making`: what
/// is made (`label`), a progress bar and « Annuler » (`cancel_label` for screen readers), which calls
/// `cancel`. `id` names the elements (`{id}-progress`, `{id}-cancel`).
#[component]
pub fn MakingProgress(
    making: RwSignal<Option<f64>>,
    id: &'static str,
    label: &'static str,
    cancel_label: &'static str,
    cancel: fn(RwSignal<Option<f64>>),
) -> impl IntoView {
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(started) = making.get() else { return shown.set(false) };
        set_timeout(
            move || {
                // The panel may be gone by then (another step, another file): `try_`, never a panic.
                if making.try_get_untracked() == Some(Some(started)) {
                    shown.try_set(true);
                }
            },
            SHOWN_AFTER,
        );
    });
    let label_id = format!("{id}-progress-label");
    move || {
        shown.get().then(|| {
            view! {
                <div class="notice progress" role="status" data-testid=format!("{id}-progress")>
                    <p id=label_id.clone()>{label}</p>
                    <progress aria-labelledby=label_id.clone()></progress>
                    <button type="button" class="secondary" data-testid=format!("{id}-cancel") aria-label=cancel_label
                        on:click=move |_| cancel(making)>
                        {text::READ_CANCEL}
                    </button>
                </div>
            }
        })
    }
}
