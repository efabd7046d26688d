use crate::recipes;
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;

/// What this browser keeps of the user's work (sessions, recipes with their edits, the collectivity), and a
/// button to forget it all: on a shared workshop PC the next person must not find it.
#[component]
pub fn ForgetBrowser() -> impl IntoView {
    let state = expect_context::<AppState>();
    let kept = Memo::new(move |_| {
        state.stored.track();
        recipes::kept()
    });
    let sessions = move || state.sessions.with(Vec::len);
    let confirming = RwSignal::new(false);
    let forget = move |_| {
        confirming.set(false);
        leptos::task::spawn_local(async move {
            if state.forget_browser().await {
                state.info.set(Some(text::FORGET_DONE.to_owned()));
            } else {
                state.error.set(Some(text::FORGET_FAILED.to_owned()));
            }
        });
    };
    view! {
        <section class="kept" aria-label=text::FORGET data-testid="kept">
            {move || {
                let kept = kept.get();
                let sessions = sessions();
                if kept.is_empty() && sessions == 0 {
                    return view! { <p>{text::KEPT_NOTHING}</p> }.into_any();
                }
                if confirming.get() {
                    return view! {
                        <p role="alert">{text::forget_question(sessions, kept.recipes, kept.collectivity)}</p>
                        <button type="button" data-testid="forget-confirm" on:click=forget>{text::FORGET_CONFIRM}</button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                            {text::FORGET_CANCEL}
                        </button>
                    }
                    .into_any();
                }
                view! {
                    <p>{text::kept(sessions, kept.recipes, kept.edits, kept.collectivity)}</p>
                    <button type="button" class="secondary" data-testid="forget" on:click=move |_| confirming.set(true)>
                        {text::FORGET}
                    </button>
                }
                .into_any()
            }}
        </section>
    }
}
