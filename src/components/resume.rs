use crate::autosave::{self, Autosave};
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;

/// On load, the sessions saved in this browser, to take up again with one click, until the user opens
/// a file or dismisses them.
#[component]
pub fn Resume() -> impl IntoView {
    let state = expect_context::<AppState>();
    let saver = use_context::<Autosave>();
    let dismissed = RwSignal::new(false);
    let shown = move || !dismissed.get() && state.file.with(Option::is_none) && state.sessions.with(|s| !s.is_empty());
    let resume = move |session: autosave::Session| {
        dismissed.set(true);
        leptos::task::spawn_local(async move {
            let name = session.name.clone();
            match autosave::resume(state, saver, session).await {
                Ok(()) => state.info.set(Some(text::resumed(&name))),
                // Offered again.
                Err(error) => {
                    dismissed.set(false);
                    state.say_read_error(&error);
                }
            }
        });
    };
    move || {
        shown().then(|| {
            let now = js_sys::Date::now();
            let items = state.sessions.get().into_iter().map(|session| {
                let label = text::resume_label(&session.name, (now - session.saved_at) / 60_000.0);
                let session = session.clone();
                view! {
                    <li>
                        <button type="button" data-testid="resume" on:click=move |_| resume(session.clone())>
                            {text::RESUME}
                        </button>
                        " "
                        <span>{label}</span>
                    </li>
                }
            });
            view! {
                <section class="notice resume" aria-labelledby="resume-title" data-testid="resume-prompt">
                    <div>
                        <h2 id="resume-title">{text::RESUME_TITLE}</h2>
                        <ul>{items.collect_view()}</ul>
                    </div>
                    <button type="button" class="secondary" data-testid="resume-ignore" on:click=move |_| dismissed.set(true)>
                        {text::RESUME_IGNORE}
                    </button>
                </section>
            }
        })
    }
}
