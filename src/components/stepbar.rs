//! The step bar (where the user is, and each step's state), and the heading of a step with its back
//! and next buttons. Alt + Page suivante / Alt + Page précédente go to the next / previous step.

use crate::state::AppState;
use crate::steps::Step;
use crate::text;
use leptos::prelude::*;

/// The five steps, each a button: the current one marked (`aria-current="step"`), those not
/// reachable yet disabled.
#[component]
pub fn StepBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = Memo::new(move |_| state.shown_step());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        match ev.key().as_str() {
            "PageDown" => state.next_step(),
            "PageUp" => state.previous_step(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    let items = Step::ALL
        .into_iter()
        .map(|step| {
            let status = Memo::new(move |_| state.facts.with(|f| f.status(step)));
            let current = move || shown.get() == step;
            let said = move || text::step_status(status.get());
            let done = move || status.get() == crate::steps::Status::Done;
            view! {
                <li class:current=current class:done=done>
                    <button type="button" class="step-button" data-testid=format!("step-{}", step.id())
                        aria-current=move || current().then_some("step")
                        disabled=move || status.get() == crate::steps::Status::Unavailable
                        on:click=move |_| state.go_to_step(step)>
                        <span class="number" aria-hidden="true">{step.index() + 1}</span>
                        <span class="name">{text::step_name(step)}</span>
                        {move || said().map(|s| view! {
                            <span class="state" data-testid="step-state">
                                <span aria-hidden=move || done().then_some("true")>{s}</span>
                                {move || done().then(|| view! { <span class="visually-hidden">{text::STEP_DONE}</span> })}
                            </span>
                        })}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="stepbar" aria-label=text::STEPS_LABEL data-testid="stepbar">
            <ol>{items}</ol>
        </nav>
    }
}

/// A step's heading, with the buttons to the previous and the next step.
#[component]
pub fn StepHead(step: Step) -> impl IntoView {
    let state = expect_context::<AppState>();
    let heading = NodeRef::<leptos::html::H2>::new();
    // The heading takes the focus when the step comes on screen (unless the page just loaded), so a
    // screen reader says where the user is.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let focused = gloo::utils::document().has_focus().unwrap_or(false);
            if focused && state.file.with_untracked(Option::is_some) {
                let _ = heading.focus();
            }
        }
    });
    let reachable = move |to: Option<Step>| to.is_some_and(|to| state.facts.with(|f| f.available(to)));
    view! {
        <div class="step-head">
            <h2 id="step-title" tabindex="-1" node_ref=heading>{text::step_title(step)}</h2>
            <div class="step-nav">
                {step.previous().map(|previous| view! {
                    <button type="button" class="secondary" data-testid="step-back" aria-keyshortcuts="Alt+PageUp"
                        on:click=move |_| state.previous_step()>{text::step_previous(previous)}</button>
                })}
                {step.next().map(|next| view! {
                    <button type="button" class="primary" data-testid="step-next" aria-keyshortcuts="Alt+PageDown"
                        disabled=move || !reachable(Some(next)) on:click=move |_| state.next_step()>{text::step_next(next)}</button>
                })}
            </div>
        </div>
    }
}
