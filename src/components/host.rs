use crate::protocol::{Access, Host};
use crate::state::AppState;
use crate::text;
use leptos::prelude::*;

/// When Tamis is embedded by a page the deployer did not allow, asks the user whether that page may
/// receive the file and the report. Nothing is sent until they agree.
#[component]
pub fn HostConsent() -> impl IntoView {
    let state = expect_context::<AppState>();
    let host = use_context::<Host>();
    let asking = move || match host.map(|h| h.access.get()) {
        Some(Access::Asking(origin)) => Some(origin),
        _ => None,
    };
    move || {
        let (Some(host), Some(origin)) = (host, asking()) else { return None };
        let refuse = move |_| {
            host.refuse();
            state.info.set(Some(text::HOST_REFUSED.to_owned()));
        };
        Some(view! {
            <div class="notice consent" role="alertdialog" aria-labelledby="consent-text" data-testid="host-consent">
                <p id="consent-text">{text::host_asks(&origin)}</p>
                <div class="actions">
                    <button type="button" data-testid="host-allow" on:click=move |_| host.accept(state)>
                        {text::HOST_ALLOW}
                    </button>
                    <button type="button" class="secondary" data-testid="host-refuse" on:click=refuse>
                        {text::HOST_REFUSE}
                    </button>
                </div>
            </div>
        })
    }
}
