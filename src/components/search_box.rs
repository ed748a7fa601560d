//! The search box in the header of every page (not in embed mode). Results
//! appear as the reader types: after a pause when the text grows key by key,
//! at once when a whole word arrives (an input method's commit, a paste);
//! never for the letters an input method is still composing. The engine
//! starts to load when the box gets the focus. `/` focuses the box from
//! anywhere on the page, and `Esc` clears it.

use folio_core::{ListQuery, Location};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::focus::form_control_has_focus;
use crate::hooks::{use_list_query, use_store};
use crate::route::{go, go_replace, Route};

/// The pause after a keystroke before the search runs: the reader is
/// likely to type the next letter of the word within it.
const DEBOUNCE_MS: u32 = 180;
/// The input's `id`.
pub const SEARCH_INPUT_ID: &str = "site-search-input";

#[component]
pub fn SearchBox() -> Html {
    let store = use_store();
    let text = store.text();
    let navigator = use_navigator();
    let route = use_route::<Route>();
    let query = use_list_query();
    let on_search_page = route.as_ref().is_some_and(|r| r.0 == Location::Search);
    let value = use_state(|| if on_search_page { query.q.clone() } else { String::new() });
    let timer = use_mut_ref(|| None::<Timeout>);
    let input = use_node_ref();

    // The box follows the address (back, forward, a shared link).
    {
        let value = value.clone();
        use_effect_with((on_search_page, query.q.clone()), move |(on, q)| {
            if *on {
                value.set(q.clone());
            }
        });
    }
    // `/` focuses the box unless the reader is typing somewhere.
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            // Not passive: it keeps the `/` out of the box.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let document = gloo::utils::document();
            let listener =
                gloo::events::EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if event.key() == "/"
                        && !event.ctrl_key()
                        && !event.meta_key()
                        && !event.alt_key()
                        && !form_control_has_focus()
                    {
                        if let Some(input) = input.cast::<HtmlInputElement>() {
                            event.prevent_default();
                            input.focus().ok();
                        }
                    }
                });
            move || drop(listener)
        });
    }

    // Shows the results for `q`: a new history entry when coming from
    // another page, the same one while typing on the results page. A search
    // begun on a category, tag or date page is narrowed to it.
    let search = {
        let navigator = navigator.clone();
        let query = query.clone();
        let route = route.clone();
        move |q: String, replace: bool| {
            let Some(navigator) = navigator.clone() else { return };
            let next = if on_search_page {
                ListQuery { q, page: 1, ..query.clone() }
            } else {
                ListQuery { q, page: 1, ..narrowed_to(route.as_ref().map(|r| &r.0), &query) }
            };
            let raw = next.to_query_string();
            let raw = raw.trim_start_matches('?');
            if replace {
                go_replace(&navigator, &Route(Location::Search), raw);
            } else {
                go(&navigator, &Route(Location::Search), raw);
            }
        }
    };
    // Searches for what the box holds now, or after the pause.
    let typed = {
        let timer = timer.clone();
        let search = search.clone();
        move |q: String, at_once: bool| {
            timer.borrow_mut().take();
            let run = {
                let search = search.clone();
                move || {
                    if !q.trim().is_empty() || on_search_page {
                        search(q, on_search_page);
                    }
                }
            };
            if at_once {
                run();
            } else {
                *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, run));
            }
        }
    };
    // An input method's letters are not the query: its commit is, at once.
    {
        let input = input.clone();
        let typed = typed.clone();
        use_effect_with((on_search_page, query.clone(), route.clone()), move |_| {
            let listener = input.cast::<HtmlInputElement>().map(|element| {
                let target = element.clone();
                gloo::events::EventListener::new(&element, "compositionend", move |_| {
                    typed(target.value(), true);
                })
            });
            move || drop(listener)
        });
    }
    let oninput = {
        let value = value.clone();
        let timer = timer.clone();
        Callback::from(move |e: InputEvent| {
            let Some(target) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let q = target.value();
            value.set(q.clone());
            if e.is_composing() {
                timer.borrow_mut().take();
                return;
            }
            typed(q, arrived_whole(&e));
        })
    };
    let onsubmit = {
        let value = value.clone();
        let timer = timer.clone();
        let search = search.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            timer.borrow_mut().take();
            if !value.trim().is_empty() {
                search((*value).clone(), false);
            }
        })
    };
    let onkeydown = {
        let value = value.clone();
        let timer = timer.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                timer.borrow_mut().take();
                value.set(String::new());
                if on_search_page {
                    search(String::new(), true);
                }
            }
        })
    };
    // The reader is about to search: load the engine meanwhile.
    let onfocus = Callback::from(|_: FocusEvent| crate::search::Searcher::warm_up());
    html! {
        <form class="site-search" role="search" aria-label={text.search_label} onsubmit={onsubmit}>
            <label for={SEARCH_INPUT_ID} class="visually-hidden">{ text.search_label }</label>
            <input
                id={SEARCH_INPUT_ID}
                ref={input}
                type="search"
                role="searchbox"
                name="q"
                placeholder={format!("{}  /", text.search)}
                autocomplete="off"
                enterkeyhint="search"
                value={(*value).clone()}
                oninput={oninput}
                onkeydown={onkeydown}
                onfocus={onfocus}
            />
        </form>
    }
}

/// Whether an input event brought more than one keystroke's worth of text
/// (a paste, a drop, an autofill, a correction, a word at once), which the
/// reader has finished typing: no pause is needed before searching it.
fn arrived_whole(event: &InputEvent) -> bool {
    let kind = event.input_type();
    kind.starts_with("insertFrom")
        || kind == "insertReplacementText"
        || event.data().is_some_and(|data| data.chars().count() > 1)
}

/// The filters of the page a search starts from: its category, its tag or
/// tags, its year or month; none elsewhere.
fn narrowed_to(location: Option<&Location>, query: &ListQuery) -> ListQuery {
    let mut filters = ListQuery::default();
    match location {
        Some(Location::Category { name }) => filters.category = Some(name.clone()),
        Some(Location::Tag { name }) => filters.all = vec![name.clone()],
        Some(Location::Tags) => {
            filters.all = query.all.clone();
            filters.any = query.any.clone();
        }
        Some(Location::Year { year }) => filters.year = Some(*year),
        Some(Location::Month { year, month }) => {
            filters.year = Some(*year);
            filters.month = Some(*month);
        }
        _ => {}
    }
    filters
}
