//! Offline: the service worker (`public/sw.js`) keeps the app's files, so the app loads with no network
//! after a first visit. A new deployed version installs in the background and waits; the user is told,
//! and it takes over only when they click (never in the middle of an edit by surprise).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const WORKER: &str = "./sw.js";
/// The message that makes a waiting version take over (see public/sw.js).
const TAKE_OVER: &str = "tamis:update";

/// The browser's service workers, where there are any: not from `file://`, nor where the browser or its
/// settings have none.
fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let window = gloo::utils::window();
    let protocol = window.location().protocol().ok()?;
    if protocol != "https:" && protocol != "http:" {
        return None;
    }
    let navigator = window.navigator();
    let found = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    found.dyn_into().ok()
}

/// Registers the service worker; `update` becomes true when a new version waits to take over.
pub fn install(update: RwSignal<bool>) {
    let Some(container) = service_workers() else { return };
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register(WORKER)).await else { return };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
        // A version installed during an earlier visit may already wait.
        if registration.waiting().is_some() && container.controller().is_some() {
            update.set(true);
        }
        let found = registration.clone();
        let on_update_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = found.installing() else { return };
            let watched = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                // Installed while another version controls the page: a new version waits. (On the very
                // first visit there is no controller, and nothing to tell.)
                let controlled = service_workers().and_then(|c| c.controller()).is_some();
                if watched.state() == web_sys::ServiceWorkerState::Installed && controlled {
                    update.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        // The registration lives as long as the page.
        on_update_found.forget();
    });
}

/// Lets the waiting version take over, then reloads the page once it does.
pub fn take_update() {
    let Some(container) = service_workers() else { return };
    let reload = Closure::<dyn Fn()>::new(|| {
        let _ = gloo::utils::window().location().reload();
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.get_registration()).await else { return };
        let registration: Option<web_sys::ServiceWorkerRegistration> = registration.dyn_into().ok();
        if let Some(waiting) = registration.and_then(|r| r.waiting()) {
            let _ = waiting.post_message(&TAKE_OVER.into());
        }
    });
}
