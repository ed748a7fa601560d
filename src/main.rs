//! Folio's viewer: mounts the app into `#folio-root`.

mod app;
mod components;
mod hooks;
mod loader;
mod pages;
mod route;
mod state;

fn main() {
    app::install_panic_hook();
    let document = gloo::utils::document();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let root = document.get_element_by_id("folio-root").expect("index.html has a #folio-root element");
    yew::Renderer::<app::App>::with_root(root).render();
}
