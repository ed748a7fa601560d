//! Moving focus to each page's heading on navigation, so that screen readers
//! announce the new page, even when the heading arrives after a fetch.

use std::cell::Cell;

use wasm_bindgen::JsCast;

/// The `id` of each page's `<h1>`.
pub const MAIN_HEADING_ID: &str = "main-heading";

thread_local! {
    /// Set by a navigation whose page heading was not there yet (an article
    /// still being fetched); the page takes focus when it renders.
    static FOCUS_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the reader is working a form control (the tag filter), whose
/// changes rewrite the URL: focus stays with them then.
pub fn form_control_has_focus() -> bool {
    gloo::utils::document()
        .active_element()
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"))
}

/// Gives focus to the page heading, or, when it is not rendered yet, marks
/// the navigation as waiting for it.
pub fn focus_heading_after_navigation() {
    let heading = gloo::utils::document().get_element_by_id(MAIN_HEADING_ID);
    FOCUS_PENDING.with(|p| p.set(heading.is_none()));
    focus_main_heading();
}

/// Gives focus to the page heading if a navigation is still waiting to.
/// Pages whose heading appears only after a fetch call this once it has.
pub fn focus_if_pending() {
    if FOCUS_PENDING.with(|p| p.replace(false)) {
        focus_main_heading();
    }
}

/// Gives focus to the page heading, if there is one.
pub fn focus_main_heading() {
    if let Some(heading) = gloo::utils::document().get_element_by_id(MAIN_HEADING_ID) {
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            heading.focus().ok();
        }
    }
}
